package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;
import org.vigie.server.access.OidcSettings;
import org.vigie.server.access.Role;
import org.vigie.store.AuditQuery;
import org.vigie.store.AuditRecord;

/**
 * Single sign-on through the real platform against an identity provider faked in this JVM (Javalin on a random
 * port, with RSA and EC keys drawn here): discovery, authorization (which approves at once), token endpoint (which
 * checks the client secret and the PKCE verifier) and JWKS. A browser-like client follows every redirect. Each bad
 * token is refused and the reason lands in the audit log.
 */
class OidcSignInTest {
    private static final String CLIENT_ID = "vigie-test";
    private static final String SECRET = "client-secret-for-tests";

    @TempDir
    static Path dataDir;
    static TestClock clock = new TestClock(Instant.parse("2026-07-14T10:00:00Z"));
    static Javalin idp;
    static String issuer;
    static Platform platform;

    static KeyPair rsa;
    static KeyPair ec;
    static KeyPair rotated;
    /** The keys the JWKS publishes, by kid. */
    static final Map<String, KeyPair> published = new ConcurrentHashMap<>();
    /** Authorization codes handed out: code → nonce, PKCE challenge. */
    static final Map<String, String[]> codes = new ConcurrentHashMap<>();

    /** How the next ID token is made: claims, then header and signing key. */
    record Shape(UnaryOperator<ObjectNode> claims, String alg, String kid, PrivateKey key, byte[] hmacKey) {
    }

    static volatile Shape shape;

    @BeforeAll
    static void start() throws Exception {
        var rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        rsa = rsaGen.generateKeyPair();
        rotated = rsaGen.generateKeyPair();
        var ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGen.generateKeyPair();

        idp = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.routes.get("/.well-known/openid-configuration", ctx -> ctx.json(Map.of(
                    "issuer", issuer, "authorization_endpoint", issuer + "/authorize", "token_endpoint", issuer + "/token",
                    "jwks_uri", issuer + "/jwks", "token_endpoint_auth_methods_supported", List.of("client_secret_basic"),
                    "id_token_signing_alg_values_supported", List.of("RS256", "ES256"))));
            config.routes.get("/jwks", OidcSignInTest::jwks);
            config.routes.get("/authorize", OidcSignInTest::authorize);
            config.routes.post("/token", OidcSignInTest::token);
        }).start();
        issuer = "http://127.0.0.1:" + idp.port();

        int port;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // the redirect URI must be known before the platform starts
        }
        var oidc = new OidcSettings("Fake City SSO", URI.create(issuer), CLIENT_ID, SECRET,
                URI.create("http://127.0.0.1:" + port + OidcSettings.CALLBACK_PATH), List.of("openid", "profile"),
                "preferred_username", "groups", Map.of("vigie-ops", Role.OPERATOR, "vigie-chefs", Role.SUPERVISOR,
                "vigie-audit", Role.AUDITOR), OidcSettings.DEFAULT_CLOCK_SKEW);
        VigieConfig config = VigieConfig.embedded(dataDir, port).withServer(new VigieConfig.Server("127.0.0.1", port));
        platform = Platform.start(config.withAccess(config.access().withOidc(oidc)), clock);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (idp != null) {
            idp.stop();
        }
    }

    @BeforeEach
    void publishTheFirstKeys() {
        clock.advance(Duration.ofSeconds(11)); // past the JWKS refetch limit, whatever the test before left cached
        published.clear();
        published.put("rsa-1", rsa);
        published.put("ec-1", ec);
        shape = rs256(c -> c);
    }

    // ---- the fake provider ----

    private static void jwks(Context ctx) {
        var keys = new ArrayList<Map<String, Object>>();
        published.forEach((kid, pair) -> {
            if (pair.getPublic() instanceof RSAPublicKey k) {
                keys.add(Map.of("kty", "RSA", "kid", kid, "use", "sig", "alg", "RS256", "n", b64(unsigned(k.getModulus())),
                        "e", b64(unsigned(k.getPublicExponent()))));
            } else if (pair.getPublic() instanceof ECPublicKey k) {
                keys.add(Map.of("kty", "EC", "kid", kid, "use", "sig", "crv", "P-256",
                        "x", b64(fixed(k.getW().getAffineX())), "y", b64(fixed(k.getW().getAffineY()))));
            }
        });
        ctx.json(Map.of("keys", keys));
    }

    private static void authorize(Context ctx) {
        assertThat(ctx.queryParam("client_id")).isEqualTo(CLIENT_ID);
        assertThat(ctx.queryParam("response_type")).isEqualTo("code");
        assertThat(ctx.queryParam("code_challenge_method")).isEqualTo("S256");
        assertThat(ctx.queryParam("scope")).contains("openid");
        String code = "code-" + codes.size() + "-" + System.nanoTime();
        codes.put(code, new String[] {ctx.queryParam("nonce"), ctx.queryParam("code_challenge")});
        ctx.redirect(ctx.queryParam("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(ctx.queryParam("state"), StandardCharsets.UTF_8));
    }

    private static void token(Context ctx) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = new HashMap<>();
        for (String kv : ctx.body().split("&")) {
            String[] p = kv.split("=", 2);
            form.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        String[] issued = codes.remove(form.get("code"));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(form.getOrDefault("code_verifier", "").getBytes(StandardCharsets.US_ASCII)));
        if (!basic.equals(ctx.header("Authorization")) || issued == null || !challenge.equals(issued[1])
                || !"authorization_code".equals(form.get("grant_type"))) {
            ctx.status(400).json(Map.of("error", "invalid_grant"));
            return;
        }
        Instant now = clock.instant();
        ObjectNode claims = Json.MAPPER.createObjectNode().put("iss", issuer).put("sub", "248289761001")
                .put("aud", CLIENT_ID).put("iat", now.getEpochSecond()).put("exp", now.plusSeconds(300).getEpochSecond())
                .put("nonce", issued[0]).put("preferred_username", "alice");
        claims.putArray("groups").add("staff").add("vigie-ops");
        ctx.json(Map.of("access_token", "opaque", "token_type", "Bearer", "id_token", jwt(shape, shape.claims().apply(claims))));
    }

    static String jwt(Shape s, ObjectNode claims) throws Exception {
        ObjectNode header = Json.MAPPER.createObjectNode().put("alg", s.alg()).put("typ", "JWT");
        if (s.kid() != null) {
            header.put("kid", s.kid());
        }
        String signed = b64(Json.MAPPER.writeValueAsBytes(header)) + "." + b64(Json.MAPPER.writeValueAsBytes(claims));
        byte[] sig;
        switch (s.alg()) {
            case "none" -> sig = new byte[0];
            case "HS256" -> {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(s.hmacKey(), "HmacSHA256"));
                sig = mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
            }
            default -> {
                Signature signature = Signature.getInstance(s.alg().equals("RS256") ? "SHA256withRSA"
                        : "SHA256withECDSAinP1363Format");
                signature.initSign(s.key());
                signature.update(signed.getBytes(StandardCharsets.US_ASCII));
                sig = signature.sign();
            }
        }
        return signed + "." + b64(sig);
    }

    static Shape rs256(UnaryOperator<ObjectNode> claims) {
        return new Shape(claims, "RS256", "rsa-1", rsa.getPrivate(), null);
    }

    // ---- the browser ----

    /** A browser: its own cookies, following redirects. */
    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(platform.url() + path.substring(1)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signIn(HttpClient browser) throws Exception {
        return get(browser, "/auth/oidc/login?next=/console/search");
    }

    static List<AuditRecord> audit(String action) {
        return platform.store().audit().search(new AuditQuery(null, action, null, null, 1000));
    }

    static String lastFailure() {
        return audit("login.failed").getFirst().detail();
    }

    // ---- the tests ----

    @Test
    void theSignInPageOffersTheProvider() throws Exception {
        assertThat(get(browser(), "/login").body()).contains("Sign in with Fake City SSO")
                .contains("href=\"/auth/oidc/login?next=");
    }

    @Test
    void aPersonInAMappedGroupSignsInWithTheSameSessionAsALocalSignIn() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> r = signIn(browser);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.uri().getPath()).isEqualTo("/console/search");
        JsonNode session = Json.MAPPER.readTree(get(browser, "/api/v1/session").body());
        assertThat(session.path("user").asText()).isEqualTo("oidc:alice");
        assertThat(session.path("role").asText()).isEqualTo("operator");
        assertThat(session.path("csrf").asText()).hasSizeGreaterThan(20);
        // The session cookie carries the same flags as a local sign-in's.
        HttpResponse<String> callback = firstHop(true);
        assertThat(callback.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("vigie_session=").contains("HttpOnly").contains("SameSite=Strict"));
        AuditRecord login = audit("login").getFirst();
        assertThat(login.actor()).isEqualTo("oidc:alice");
        assertThat(login.role()).isEqualTo("operator");
        assertThat(login.detail()).contains("method oidc");
        // An operator may not do a supervisor's work, whichever way they signed in.
        assertThat(get(browser, "/api/v1/feeds").statusCode()).isEqualTo(403);
        assertThat(platform.store().audit().verify().brokenSeq()).isEmpty();
    }

    @Test
    void anEs256TokenWithASupervisorGroupGivesTheSupervisorRole() throws Exception {
        shape = new Shape(c -> {
            c.putArray("groups").add("vigie-ops").add("vigie-chefs");
            return c;
        }, "ES256", "ec-1", ec.getPrivate(), null);
        HttpClient browser = browser();
        assertThat(signIn(browser).statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(get(browser, "/api/v1/session").body()).path("role").asText()).isEqualTo("supervisor");
    }

    @Test
    void aPersonWithNoMappedRoleIsRefusedWithAClearPageAndNoDefaultRole() throws Exception {
        shape = rs256(c -> {
            c.putArray("groups").add("staff").add("cantine");
            return c;
        });
        HttpClient browser = browser();
        HttpResponse<String> r = signIn(browser);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("no role in Vigie");
        assertThat(Json.MAPPER.readTree(get(browser, "/api/v1/session").body()).path("role").asText()).isEqualTo("public");
        AuditRecord failed = audit("login.failed").getFirst();
        assertThat(failed.target()).isEqualTo("oidc:alice");
        assertThat(failed.detail()).contains("method oidc").contains("no Vigie role").contains("cantine");
    }

    @Test
    void aWrongNonceIsRefused() throws Exception {
        refused(rs256(c -> c.put("nonce", "someone-elses-nonce")), "nonce does not match");
    }

    @Test
    void aWrongAudienceIsRefused() throws Exception {
        refused(rs256(c -> c.put("aud", "another-client")), "audience [another-client] does not include client 'vigie-test'");
    }

    @Test
    void severalAudiencesWithoutOurAzpAreRefused() throws Exception {
        refused(rs256(c -> {
            c.putArray("aud").add(CLIENT_ID).add("another-client");
            return c;
        }), "azp is not 'vigie-test'");
        shape = rs256(c -> {
            c.putArray("aud").add(CLIENT_ID).add("another-client");
            return c.put("azp", CLIENT_ID);
        });
        assertThat(signIn(browser()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        Instant now = clock.instant();
        refused(rs256(c -> c.put("iat", now.plusSeconds(600).getEpochSecond())
                .put("exp", now.plusSeconds(900).getEpochSecond())), "issued in the future");
    }

    @Test
    void aRefusalAtTheProviderIsAudited() throws Exception {
        // The browser that started the sign-in (its binding cookie) comes back with the provider's refusal, no code.
        HttpClient manual = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> start = manual.send(HttpRequest.newBuilder(URI.create(platform.url()
                + "auth/oidc/login")).build(), HttpResponse.BodyHandlers.ofString());
        String ownState = URI.create(start.headers().firstValue("Location").orElseThrow()).getRawQuery()
                .replaceAll(".*state=([^&]*).*", "$1");
        HttpResponse<String> r = manual.send(HttpRequest.newBuilder(URI.create(platform.url()
                + "auth/oidc/callback?error=access_denied&error_description=user+cancelled&state=" + ownState)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(lastFailure()).contains("method oidc", "the provider refused: access_denied user cancelled");
    }

    @Test
    void anotherIssuerIsRefused() throws Exception {
        refused(rs256(c -> c.put("iss", "https://evil.example")), "issuer 'https://evil.example'");
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() throws Exception {
        Instant now = clock.instant();
        refused(rs256(c -> c.put("iat", now.minusSeconds(900).getEpochSecond())
                .put("exp", now.minusSeconds(120).getEpochSecond())), "ID token expired");
        // Within the skew the same lateness passes.
        shape = rs256(c -> c.put("exp", now.minusSeconds(30).getEpochSecond()));
        assertThat(signIn(browser()).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        // Signed by another key under the name of the published one.
        refused(new Shape(c -> c, "RS256", "rsa-1", rotated.getPrivate(), null), "signature does not verify with key 'rsa-1'");
    }

    @Test
    void anUnknownKeyIsRefusedUntilTheProviderPublishesItThenAccepted() throws Exception {
        shape = new Shape(c -> c, "RS256", "rsa-2", rotated.getPrivate(), null);
        refused(shape, "no RS256 key 'rsa-2'");
        // The provider rotates its keys: the token's new kid makes Vigie fetch the JWKS again.
        published.clear();
        published.put("rsa-2", rotated);
        clock.advance(Duration.ofSeconds(11));
        HttpClient browser = browser();
        assertThat(signIn(browser).statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(get(browser, "/api/v1/session").body()).path("role").asText()).isEqualTo("operator");
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        refused(new Shape(c -> c, "none", "rsa-1", null, null), "algorithm 'none' refused");
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        refused(new Shape(c -> c, "HS256", "rsa-1", null, rsa.getPublic().getEncoded()), "key confusion");
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() throws Exception {
        HttpResponse<String> atProvider = firstHop(false);
        // The provider's redirect, carried to a browser that never started this sign-in.
        HttpResponse<String> r = browser().send(HttpRequest.newBuilder(URI.create(atProvider.headers().firstValue("Location")
                .orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(lastFailure()).contains("another browser");
        // And the state cannot be used twice.
        HttpResponse<String> again = browser().send(HttpRequest.newBuilder(URI.create(atProvider.headers()
                .firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(lastFailure()).contains("unknown or already used state");
    }

    /**
     * Walks the flow by hand with a client that does not follow redirects but keeps cookies: to the provider, and
     * (when {@code toTheEnd}) back to the callback, whose answer is returned; otherwise the provider's redirect.
     */
    private static HttpResponse<String> firstHop(boolean toTheEnd) throws Exception {
        HttpClient manual = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> start = manual.send(HttpRequest.newBuilder(URI.create(platform.url() + "auth/oidc/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(303);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getRawQuery()).contains("code_challenge=").contains("nonce=").contains("state=");
        HttpResponse<String> atProvider = manual.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!toTheEnd) {
            return atProvider;
        }
        return manual.send(HttpRequest.newBuilder(URI.create(atProvider.headers().firstValue("Location").orElseThrow()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void refused(Shape s, String reason) throws Exception {
        shape = s;
        int before = audit("login.failed").size();
        HttpClient browser = browser();
        HttpResponse<String> r = signIn(browser);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("failed");
        assertThat(Json.MAPPER.readTree(get(browser, "/api/v1/session").body()).path("role").asText()).isEqualTo("public");
        assertThat(audit("login.failed")).hasSize(before + 1);
        assertThat(lastFailure()).contains("method oidc").contains(reason);
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static byte[] fixed(BigInteger i) {
        byte[] b = unsigned(i);
        byte[] out = new byte[32];
        System.arraycopy(b, 0, out, 32 - b.length, b.length);
        return out;
    }
}
