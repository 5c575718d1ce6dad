package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;
import org.vigie.server.access.Argon2id;
import org.vigie.store.Account;

/**
 * Sessions live in the store: a person signed in before a restart of the platform on the same database is still
 * signed in after it; signing out deletes the session for good; an expired session is purged. The table holds
 * the SHA-256 of the token, never the token.
 */
class SessionRestartTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void aSessionSurvivesARestartAndSigningOutEndsIt() throws Exception {
        var clock = new TestClock(Instant.parse("2026-07-14T08:00:00Z"));
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        String token;
        String csrf;
        try (Platform p = Platform.start(config, clock)) {
            HttpResponse<String> login = signIn(p, "ana", "operator", clock.instant());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            token = cookie.substring("vigie_session=".length(), cookie.indexOf(';'));
            csrf = Json.MAPPER.readTree(login.body()).path("csrf").asText();
            assertThat(p.store().sessions().find(sha256(token))).as("kept by its hash").isPresent();
            assertThat(p.store().sessions().find(token)).as("never by the token itself").isEmpty();
        }

        clock.advance(Duration.ofMinutes(5));
        try (Platform p = Platform.start(config, clock)) {
            JsonNode who = session(p, token);
            assertThat(who.path("user").asText()).isEqualTo("ana");
            assertThat(who.path("role").asText()).isEqualTo("operator");
            assertThat(who.path("csrf").asText()).as("the same CSRF token as before the restart").isEqualTo(csrf);

            HttpResponse<String> out = send(p, HttpRequest.newBuilder(uri(p, "/logout"))
                    .header("Content-Type", "application/json").header("Cookie", "vigie_session=" + token)
                    .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(out.statusCode()).isEqualTo(204);
            assertThat(session(p, token).path("role").asText()).isEqualTo("public");
            assertThat(p.store().sessions().find(sha256(token))).isEmpty();
        }
        try (Platform p = Platform.start(config, clock)) {
            assertThat(session(p, token).path("role").asText()).as("signed out stays signed out").isEqualTo("public");
        }
    }

    @Test
    void anExpiredSessionIsRefusedAndPurged() throws Exception {
        var clock = new TestClock(Instant.parse("2026-07-14T08:00:00Z"));
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        String token;
        try (Platform p = Platform.start(config, clock)) {
            String cookie = signIn(p, "bob", "supervisor", clock.instant()).headers().firstValue("Set-Cookie").orElseThrow();
            token = cookie.substring("vigie_session=".length(), cookie.indexOf(';'));
            assertThat(session(p, token).path("user").asText()).isEqualTo("bob");
        }
        clock.advance(config.access().sessionIdle().plusSeconds(1));
        try (Platform p = Platform.start(config, clock)) {
            assertThat(p.store().sessions().count()).as("purged at start").isZero();
            assertThat(session(p, token).path("role").asText()).isEqualTo("public");
        }
    }

    private static HttpResponse<String> signIn(Platform p, String name, String role, Instant now) throws Exception {
        p.store().accounts().create(new Account(name, new Argon2id(new Argon2id.Parameters(64, 1, 1))
                .hash("a long enough password"), role, now, false));
        HttpResponse<String> login = send(p, HttpRequest.newBuilder(uri(p, "/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + name + "\",\"password\":\"a long enough password\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        return login;
    }

    private static JsonNode session(Platform p, String token) throws Exception {
        return Json.MAPPER.readTree(send(p, HttpRequest.newBuilder(uri(p, "/api/v1/session"))
                .header("Cookie", "vigie_session=" + token)).body());
    }

    private static URI uri(Platform p, String path) {
        return URI.create(p.url() + path.substring(1));
    }

    private static HttpResponse<String> send(Platform p, HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
