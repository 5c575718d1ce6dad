package org.vigie.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vigie.core.json.Json;

/**
 * The city's OpenID Connect provider as Vigie sees it: its endpoints (from discovery), its signing keys (the JWKS,
 * cached, fetched again when a token names a key we do not know: the provider rotated its keys), the exchange of an
 * authorization code for tokens, and the checks of an ID token. Signatures are checked with {@code java.security}
 * alone, RS256 and ES256 only: {@code none} and the HMAC algorithms are refused, since a token "signed" with the
 * provider's public key as an HMAC secret would otherwise pass (key confusion). Thread-safe.
 */
public final class IdentityProvider {
    /** A token naming an unknown key refetches the JWKS at most this often, so forged tokens cannot make us hammer it. */
    static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_DOCUMENT = 1 << 20;
    private static final List<String> ALGORITHMS = List.of("RS256", "ES256");

    /** Why a sign-in was refused, in words for the audit log (never the token itself). */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        public Refusal(String reason) {
            super(reason);
        }

        Refusal(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The endpoints read from discovery. */
    public record Endpoints(URI authorization, URI token, URI jwks, List<String> tokenAuthMethods) {
    }

    private record Key(String kid, String kty, String alg, PublicKey key) {
    }

    private final OidcSettings settings;
    private final HttpClient http;
    private final InstantSource clock;
    private volatile Endpoints endpoints;
    private volatile Map<String, Key> keys = Map.of();
    private volatile Instant keysFetched = Instant.MIN;

    public IdentityProvider(OidcSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        // The provider's answers are read, never followed elsewhere: a redirect from the token endpoint is an error.
        this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public OidcSettings settings() {
        return settings;
    }

    /** Discovery, read on first use (the platform starts even while the provider is down) and kept once read. */
    public Endpoints endpoints() throws Refusal {
        Endpoints e = endpoints;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (endpoints == null) {
                String base = settings.issuerId().endsWith("/") ? settings.issuerId() : settings.issuerId() + "/";
                JsonNode d = getJson(URI.create(base + ".well-known/openid-configuration"), "discovery");
                if (!settings.issuerId().equals(d.path("issuer").asText())) {
                    throw new Refusal("discovery names issuer '" + d.path("issuer").asText() + "', not the configured '"
                            + settings.issuerId() + "'");
                }
                var methods = new java.util.ArrayList<String>();
                d.path("token_endpoint_auth_methods_supported").forEach(m -> methods.add(m.asText()));
                endpoints = new Endpoints(endpoint(d, "authorization_endpoint"), endpoint(d, "token_endpoint"),
                        endpoint(d, "jwks_uri"), List.copyOf(methods));
            }
            return endpoints;
        }
    }

    /** Where to send the browser: the authorization endpoint with PKCE (S256), state and nonce. */
    public URI authorizationRequest(String state, String nonce, String codeVerifier) throws Refusal {
        var q = new LinkedHashMap<String, String>();
        q.put("response_type", "code");
        q.put("client_id", settings.clientId());
        q.put("redirect_uri", settings.redirectUri().toString());
        q.put("scope", String.join(" ", settings.scopes()));
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("code_challenge", challenge(codeVerifier));
        q.put("code_challenge_method", "S256");
        URI auth = endpoints().authorization();
        String sep = auth.getRawQuery() == null ? "?" : "&";
        return URI.create(auth + sep + form(q));
    }

    /** The ID token the token endpoint gives for this code (client authenticated, PKCE verifier sent). */
    public String exchange(String code, String codeVerifier) throws Refusal {
        Endpoints e = endpoints();
        var body = new LinkedHashMap<String, String>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", settings.redirectUri().toString());
        body.put("code_verifier", codeVerifier);
        var request = HttpRequest.newBuilder(e.token()).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        // client_secret_basic is the default of the specification; post only for a provider that does nothing else.
        if (!e.tokenAuthMethods().isEmpty() && !e.tokenAuthMethods().contains("client_secret_basic")
                && e.tokenAuthMethods().contains("client_secret_post")) {
            body.put("client_id", settings.clientId());
            body.put("client_secret", settings.clientSecret());
        } else {
            String credentials = enc(settings.clientId()) + ":" + enc(settings.clientSecret());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), "token endpoint");
        JsonNode tokens = parse(r.body(), "token endpoint");
        if (r.statusCode() != 200) {
            throw new Refusal("the token endpoint answered " + r.statusCode() + " " + tokens.path("error").asText("")
                    + " " + tokens.path("error_description").asText(""));
        }
        String idToken = tokens.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw new Refusal("the token endpoint gave no id_token");
        }
        return idToken;
    }

    /**
     * Checks an ID token: header algorithm (RS256 or ES256 only), signature with the provider's key named by
     * {@code kid}, issuer, audience (and {@code azp} with several audiences), expiry and issue time within the clock
     * skew, and the nonce of this sign-in.
     *
     * @return the token's claims
     */
    public JsonNode verify(String idToken, String expectedNonce) throws Refusal {
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refusal("the ID token is not a signed JWT (" + parts.length + " parts)");
        }
        JsonNode header = parse(b64(parts[0], "header"), "ID token header");
        String alg = header.path("alg").asText("");
        if (!ALGORITHMS.contains(alg)) {
            throw new Refusal("ID token algorithm '" + alg + "' refused: only RS256 and ES256 are accepted"
                    + (alg.equalsIgnoreCase("none") ? " (an unsigned token proves nothing)"
                    : alg.startsWith("HS") ? " (an HMAC keyed with the provider's public key would be a key confusion)" : ""));
        }
        if (header.has("crit")) {
            throw new Refusal("ID token header has critical extensions we do not understand");
        }
        String kid = header.path("kid").asText("");
        Key key = key(kid, alg);
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2].isEmpty() ? "" : parts[2]);
        if (!signatureValid(alg, key.key(), signed, signature)) {
            throw new Refusal("ID token signature does not verify with key '" + kid + "'");
        }
        JsonNode claims = parse(b64(parts[1], "payload"), "ID token payload");
        if (!settings.issuerId().equals(claims.path("iss").asText())) {
            throw new Refusal("ID token issuer '" + claims.path("iss").asText() + "' is not '" + settings.issuerId() + "'");
        }
        JsonNode aud = claims.path("aud");
        List<String> audiences = aud.isArray() ? streamText(aud) : aud.isTextual() ? List.of(aud.asText()) : List.of();
        if (!audiences.contains(settings.clientId())) {
            throw new Refusal("ID token audience " + audiences + " does not include client '" + settings.clientId() + "'");
        }
        if (audiences.size() > 1 && !settings.clientId().equals(claims.path("azp").asText())) {
            throw new Refusal("ID token has several audiences and its azp is not '" + settings.clientId() + "'");
        }
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        if (!claims.path("exp").canConvertToLong() || !claims.path("iat").canConvertToLong()) {
            throw new Refusal("ID token lacks a numeric exp or iat");
        }
        Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
        Instant iat = Instant.ofEpochSecond(claims.path("iat").asLong());
        if (!now.isBefore(exp.plus(skew))) {
            throw new Refusal("ID token expired at " + exp + " (now " + now + ", skew " + skew + ")");
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new Refusal("ID token issued in the future, at " + iat + " (now " + now + ")");
        }
        String nonce = claims.path("nonce").asText("");
        if (!MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal("ID token nonce does not match this sign-in's (a replayed or injected token)");
        }
        return claims;
    }

    private Key key(String kid, String alg) throws Refusal {
        Optional<Key> k = match(keys, kid, alg);
        if (k.isPresent()) {
            return k.get();
        }
        synchronized (this) {
            k = match(keys, kid, alg);
            if (k.isEmpty() && !clock.instant().isBefore(keysFetched.plus(MIN_REFETCH))) {
                keys = fetchKeys();
                keysFetched = clock.instant();
                k = match(keys, kid, alg);
            }
        }
        return k.orElseThrow(() -> new Refusal("no " + alg + " key '" + kid + "' in the provider's JWKS"));
    }

    private static Optional<Key> match(Map<String, Key> keys, String kid, String alg) {
        String kty = alg.startsWith("RS") ? "RSA" : "EC";
        if (!kid.isEmpty()) {
            Key k = keys.get(kid);
            return k != null && k.kty().equals(kty) && (k.alg().isEmpty() || k.alg().equals(alg)) ? Optional.of(k)
                    : Optional.empty();
        }
        // No kid: acceptable only when exactly one key could have signed it.
        var candidates = keys.values().stream().filter(k -> k.kty().equals(kty) && (k.alg().isEmpty() || k.alg().equals(alg)))
                .toList();
        return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }

    private Map<String, Key> fetchKeys() throws Refusal {
        JsonNode jwks = getJson(endpoints().jwks(), "JWKS");
        var out = new LinkedHashMap<String, Key>();
        int unnamed = 0;
        for (JsonNode k : jwks.path("keys")) {
            String use = k.path("use").asText("sig");
            if (!use.equals("sig")) {
                continue;
            }
            String kid = k.path("kid").asText("");
            try {
                PublicKey key = switch (k.path("kty").asText()) {
                    case "RSA" -> KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            unsigned(k, "n"), unsigned(k, "e")));
                    case "EC" -> {
                        if (!k.path("crv").asText().equals("P-256")) {
                            yield null;
                        }
                        var params = AlgorithmParameters.getInstance("EC");
                        params.init(new ECGenParameterSpec("secp256r1"));
                        yield KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                                new ECPoint(unsigned(k, "x"), unsigned(k, "y")), params.getParameterSpec(ECParameterSpec.class)));
                    }
                    default -> null;
                };
                if (key != null) {
                    out.put(kid.isEmpty() ? "\u0000" + unnamed++ : kid,
                            new Key(kid, k.path("kty").asText(), k.path("alg").asText(""), key));
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // One malformed key must not hide the others; a token naming it fails as "no such key".
            }
        }
        return Map.copyOf(out);
    }

    private static BigInteger unsigned(JsonNode k, String field) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(k.path(field).asText()));
    }

    private static boolean signatureValid(String alg, PublicKey key, byte[] signed, byte[] signature) throws Refusal {
        try {
            Signature s;
            if (alg.equals("RS256")) {
                s = Signature.getInstance("SHA256withRSA");
            } else {
                if (signature.length != 64) {
                    return false; // JOSE ES256 is r‖s, 32 bytes each
                }
                s = Signature.getInstance("SHA256withECDSAinP1363Format");
            }
            s.initVerify(key);
            s.update(signed);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new Refusal("ID token signature could not be checked: " + e.getMessage(), e);
        }
    }

    private JsonNode getJson(URI uri, String what) throws Refusal {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).header("Accept", "application/json")
                .GET().build(), what);
        if (r.statusCode() != 200) {
            throw new Refusal("the provider's " + what + " (" + uri + ") answered " + r.statusCode());
        }
        return parse(r.body(), what);
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws Refusal {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.body().length() > MAX_DOCUMENT) {
                throw new Refusal("the provider's " + what + " sent more than " + MAX_DOCUMENT + " characters");
            }
            return r;
        } catch (IOException e) {
            throw new Refusal("cannot reach the provider's " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal("interrupted while calling the provider's " + what, e);
        }
    }

    private static JsonNode parse(String text, String what) throws Refusal {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new Refusal("the provider's " + what + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new Refusal("the provider's " + what + " is not JSON", e);
        }
    }

    private static String b64(String part, String what) throws Refusal {
        try {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal("the ID token's " + what + " is not base64url", e);
        }
    }

    private static URI endpoint(JsonNode d, String field) throws Refusal {
        String v = d.path(field).asText("");
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
                throw new Refusal("discovery's " + field + " is not an http(s) URL: '" + v + "'");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Refusal("discovery's " + field + " is not a URL: '" + v + "'", e);
        }
    }

    private static List<String> streamText(JsonNode array) {
        var out = new java.util.ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The PKCE S256 challenge of a verifier. */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
