package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.server.access.Role;

/**
 * People signing in and what the platform remembers of it: session cookies, CSRF, timeouts, throttling, accounts
 * and the audit log, on a real platform whose clock the test moves.
 */
class GovernanceApiTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dataDir;

    static Platform platform;
    static TestClock clock;
    static TestHttp http;

    @BeforeAll
    static void start() {
        clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        // Behind a proxy that names the client: each test signs in from its own address, so their failures do not
        // add up in the per-address throttle.
        VigieConfig behindProxy = config.withAccess(config.access().withTrustedProxy(true));
        platform = Platform.start(TestAccess.withTestKeys(behindProxy), clock);
        http = new TestHttp(platform.url());
    }

    static int addresses;
    static String address;

    @BeforeEach
    void newAddress() {
        address = "192.0.2." + (++addresses);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    /** A signed-in browser: its cookie, and its CSRF token sent as a header. */
    record Browser(String cookie, String csrf, TestHttp http) {
    }

    static void account(String name, String role) {
        var r = http.as(Role.ADMIN).post("/api/v1/accounts",
                "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    static TestHttp.Response login(String name, String password) {
        return http.withHeaders(Map.of("X-Forwarded-For", address)).post("/login",
                "{\"user\": \"" + name + "\", \"password\": \"" + password + "\"}");
    }

    static Browser signIn(String name) {
        var r = login(name, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = r.json().path("csrf").asText();
        return new Browser(cookie, csrf, http.withHeaders(Map.of("Cookie", cookie, "X-CSRF-Token", csrf)));
    }

    static TestHttp cookieOnly(Browser b) {
        return http.withHeaders(Map.of("Cookie", b.cookie()));
    }

    @Test
    void signingInGivesAStrictHttpOnlyCookieAndChangesNeedTheCsrfToken() {
        account("ana", "operator");
        var r = login("ana", PASSWORD);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("role").asText()).isEqualTo("operator");
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("vigie_session=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
        var overTls = http.withHeaders(Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", address)).post("/login",
                "{\"user\": \"ana\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(overTls.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
        Browser ana = signIn("ana");
        assertThat(ana.http().get("/api/v1/session").json().path("csrf").asText()).isEqualTo(ana.csrf());
        assertThat(ana.http().get("/api/v1/session").json().path("user").asText()).isEqualTo("ana");
        assertThat(cookieOnly(ana).get("/api/v1/incidents").status()).isEqualTo(200);

        String verdict = "{\"status\": \"acknowledged\", \"version\": 1, \"by\": \"ana\"}";
        String path = "/api/v1/incidents/" + java.util.UUID.randomUUID() + "/verdict";
        var withoutToken = cookieOnly(ana).post(path, verdict);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.json().path("type").asText()).isEqualTo("csrf-token-missing");
        var wrongToken = http.withHeaders(Map.of("Cookie", ana.cookie(), "X-CSRF-Token", "guess")).post(path, verdict);
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(ana.http().post(path, verdict).status()).as("past the CSRF check, to the handler").isEqualTo(404);
        // The token also comes as a form field, for plain HTML forms.
        var form = cookieOnly(ana).post("/logout", "_csrf=" + ana.csrf(), "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(303);
        assertThat(cookieOnly(ana).get("/api/v1/incidents").status()).as("signed out").isEqualTo(401);
    }

    @Test
    void signingInAgainReplacesTheSessionTheBrowserHeld() {
        account("dora", "operator");
        Browser first = signIn("dora");
        var again = http.withHeaders(Map.of("Cookie", first.cookie(), "X-Forwarded-For", address)).post("/login",
                "{\"user\": \"dora\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(again.status()).as("no CSRF token needed to sign in").isEqualTo(200);
        assertThat(cookieOnly(first).get("/api/v1/session").json().path("role").asText()).isEqualTo("public");
    }

    @Test
    void theLoginFormRedirectsOnlyWithinTheServer() {
        account("form-user", "supervisor");
        var page = http.anonymous().get("/login?next=/console/queue");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"password\"", "value=\"/console/queue\"");
        var ok = http.anonymous().post("/login", "user=form-user&password=" + PASSWORD.replace(" ", "+")
                + "&next=/console/queue", "application/x-www-form-urlencoded");
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).contains("/console/queue");
        var elsewhere = http.anonymous().post("/login", "user=form-user&password=" + PASSWORD.replace(" ", "+")
                + "&next=//evil.example/", "application/x-www-form-urlencoded");
        assertThat(elsewhere.headers().firstValue("Location")).contains("/");
        var wrong = http.anonymous().post("/login", "user=form-user&password=nope", "application/x-www-form-urlencoded");
        assertThat(wrong.status()).isEqualTo(303);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).startsWith("/login?error=1");
    }

    @Test
    void sessionsEndWhenIdleAndAfterTwelveHours() {
        account("idle-op", "operator");
        Browser b = signIn("idle-op");
        clock.advance(Duration.ofMinutes(29));
        assertThat(cookieOnly(b).get("/api/v1/incidents").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(29)); // idle time counts from the last use
        assertThat(cookieOnly(b).get("/api/v1/incidents").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(30));
        assertThat(cookieOnly(b).get("/api/v1/incidents").status()).isEqualTo(401);

        Browser busy = signIn("idle-op");
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(cookieOnly(busy).get("/api/v1/session").json().path("user").asText()).isEqualTo("idle-op");
        }
        clock.advance(Duration.ofMinutes(20)); // 12 h after signing in, however busy
        assertThat(cookieOnly(busy).get("/api/v1/session").json().path("role").asText()).isEqualTo("public");
    }

    @Test
    void failedSignInsMakeTheNextWaitLongerAndLonger() {
        account("target", "auditor");
        for (int i = 0; i < 5; i++) {
            assertThat(login("target", "wrong-" + i).status()).isEqualTo(401);
        }
        var throttled = login("target", PASSWORD);
        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(login("target", "wrong-again").status()).isEqualTo(401);
        assertThat(login("target", PASSWORD).headers().firstValue("Retry-After")).contains("2");
        clock.advance(Duration.ofSeconds(2));
        assertThat(login("target", PASSWORD).status()).isEqualTo(200);
        // A success clears the account's count.
        assertThat(login("target", "wrong").status()).isEqualTo(401);
        assertThat(login("target", PASSWORD).status()).isEqualTo(200);

        JsonNode rows = http.as(Role.AUDITOR).get("/api/v1/audit?actor=anonymous&limit=1000").json().path("items");
        assertThat(rows.findValuesAsText("action")).contains("login.failed", "login.throttled");
        assertThat(rows.findValuesAsText("target")).contains("target");
        assertThat(rows.toString()).doesNotContain(PASSWORD).doesNotContain("wrong-again");
    }

    @Test
    void manyNamesTriedFromOneAddressAreThrottledToo() {
        for (int i = 0; i < 20; i++) {
            assertThat(login("nobody-" + i, "whatever").status()).isEqualTo(401);
        }
        assertThat(login("nobody-20", "whatever").status()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(15));
    }

    @Test
    void adminsManageAccountsAndAChangeEndsTheAccountsSessions() {
        account("root", "admin");
        account("bea", "operator");
        Browser bea = signIn("bea");
        Browser root = signIn("root");
        JsonNode list = root.http().get("/api/v1/accounts").json();
        assertThat(list.path("items").findValuesAsText("name")).contains("root", "bea");
        assertThat(list.toString()).doesNotContain("argon2");

        var promote = root.http().send("PUT", "/api/v1/accounts/bea", "{\"role\": \"supervisor\"}");
        assertThat(promote.status()).as(promote.body()).isEqualTo(200);
        assertThat(cookieOnly(bea).get("/api/v1/incidents").status()).as("the old session ended").isEqualTo(401);
        assertThat(signIn("bea").http().get("/api/v1/session").json().path("role").asText()).isEqualTo("supervisor");

        assertThat(root.http().send("PUT", "/api/v1/accounts/root", "{\"disabled\": true}").status()).isEqualTo(409);
        assertThat(root.http().send("PUT", "/api/v1/accounts/bea", "{\"password\": \"short\"}").status()).isEqualTo(400);
        assertThat(root.http().post("/api/v1/accounts", "{\"name\": \"x\", \"role\": \"source\", \"password\": \""
                + PASSWORD + "\"}").status()).as("machines have keys, not accounts").isEqualTo(400);
        assertThat(root.http().send("PUT", "/api/v1/accounts/bea", "{\"disabled\": true}").status()).isEqualTo(200);
        assertThat(login("bea", PASSWORD).status()).isEqualTo(401);
        assertThat(root.http().send("DELETE", "/api/v1/accounts/bea", null).status()).isEqualTo(204);
        assertThat(root.http().get("/api/v1/accounts/bea").status()).isEqualTo(404);
        assertThat(bea.http().get("/api/v1/accounts").status()).isEqualTo(401);

        JsonNode audit = http.as(Role.AUDITOR).get("/api/v1/audit?actor=root").json().path("items");
        assertThat(audit.findValuesAsText("action")).contains("account.update", "account.delete", "login");
        assertThat(http.as(Role.AUDITOR).get("/api/v1/audit?actor=test-admin&action=account.create").json()
                .path("items").findValuesAsText("target")).contains("root", "bea");
        assertThat(audit.toString()).contains("role operator → supervisor").doesNotContain(PASSWORD);
    }

    @Test
    void searchesViewsAndVerdictsAreAuditedAndOnlyAuditorsReadTheLog() throws Exception {
        account("carla", "operator");
        Browser carla = signIn("carla");
        String event = ApiTest.event(ApiTest.newId(), "hazmat", 43.3050, 5.3950, 0.9, clock.instant(), "sensor-h");
        assertThat(http.as(Role.SOURCE).post("/api/v1/events", "[" + event + "]").status()).isEqualTo(202);
        JsonNode page = ApiTest.eventually(() -> carla.http().get("/api/v1/incidents?type=hazmat").json(),
                p -> p.path("total").asInt() == 1);
        String id = page.path("items").get(0).path("id").asText();
        assertThat(carla.http().get("/api/v1/incidents/" + id).status()).isEqualTo(200);
        var decided = carla.http().post("/api/v1/incidents/" + id + "/verdict",
                "{\"status\": \"acknowledged\", \"version\": " + page.path("items").get(0).path("version").asLong()
                        + ", \"by\": \"carla\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);

        TestHttp auditor = http.as(Role.AUDITOR);
        JsonNode verdicts = auditor.get("/api/v1/audit?action=verdict&actor=carla").json().path("items");
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).path("target").asText()).isEqualTo(id);
        assertThat(verdicts.get(0).path("role").asText()).isEqualTo("operator");
        assertThat(verdicts.get(0).path("detail").asText()).startsWith("acknowledged by carla");
        JsonNode carlas = auditor.get("/api/v1/audit?actor=carla").json().path("items");
        assertThat(carlas.findValuesAsText("action")).contains("login", "search", "incident.view", "verdict");
        assertThat(carlas.toString()).contains("type=hazmat");
        String from = clock.instant().minusSeconds(1).toString();
        assertThat(auditor.get("/api/v1/audit?from=" + from + "&to=" + clock.instant().plusSeconds(1) + "&limit=2")
                .json().path("items")).hasSize(2);
        assertThat(auditor.get("/api/v1/audit?from=yesterday").status()).isEqualTo(400);

        // The auditor sees incident metadata in the queue, never its events or evidence.
        assertThat(auditor.get("/api/v1/incidents?type=hazmat").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/incidents/" + id).status()).isEqualTo(403);
        assertThat(carla.http().get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(platform.store().audit().verify().intact()).isTrue();
    }
}
