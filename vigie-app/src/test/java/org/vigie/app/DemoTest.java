package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end: fixed seed, a few simulated minutes, incidents visible through the API and live. */
class DemoTest {
    @TempDir
    Path dataDir;

    @Test
    void aFewSimulatedMinutesFillTheQueue() throws Exception {
        var options = new Demo.Options("127.0.0.1", 0, dataDir, 300, 42, null);
        try (Demo demo = Demo.start(options, Clock.systemUTC())) {
            // The demo made one account per role and shows their passwords once: sign in as its operator.
            assertThat(demo.createdAccounts()).extracting(Demo.Credential::role)
                    .containsExactly("operator", "supervisor", "auditor", "admin");
            Demo.Credential operator = demo.createdAccounts().getFirst();
            var signIn = new TestHttp(demo.platform().url()).anonymous().post("/login",
                    "{\"user\": \"" + operator.user() + "\", \"password\": \"" + operator.password() + "\"}");
            assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            var http = new TestHttp(demo.platform().url()).withHeaders(java.util.Map.of("Cookie", cookie));
            CompletableFuture<String> firstLiveMessage = firstSseEvent(demo.platform().url(), cookie);

            JsonNode shots = ApiTest.eventually(() -> http.get("/api/v1/incidents?type=gunshot").json(),
                    p -> p.path("total").asInt() >= 1 && p.path("items").path(0).path("sourceCount").asInt() >= 2);
            JsonNode top = shots.path("items").get(0);
            assertThat(top.path("priority").asInt()).isLessThanOrEqualTo(2);
            // Sensors hear the shots at once; people call a minute or three later and join the same incident.
            JsonNode detail = ApiTest.eventually(() -> http.get("/api/v1/incidents/" + top.path("id").asText()).json(),
                    d -> d.path("events").findValuesAsText("kind").contains("citizen"));
            assertThat(detail.path("events").findValuesAsText("kind")).contains("acoustic_sensor", "citizen");

            JsonNode all = ApiTest.eventually(() -> http.get("/api/v1/incidents?limit=500").json(),
                    p -> p.path("total").asInt() >= 5);
            assertThat(all.path("items").findValuesAsText("type")).hasSizeGreaterThanOrEqualTo(5);
            assertThat(firstLiveMessage.get(20, TimeUnit.SECONDS)).contains("event:");
            assertThat(demo.simulation().eventsEmitted()).isPositive();
        }
        // A second start on the same data keeps the accounts and shows no password.
        try (Demo again = Demo.start(options, Clock.systemUTC())) {
            assertThat(again.createdAccounts()).isEmpty();
            assertThat(again.platform().store().accounts().count()).isEqualTo(4);
        }
    }

    /** Reads the live stream until the first incident message. */
    private static CompletableFuture<String> firstSseEvent(String base, String cookie) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/incidents/stream"))
                .header("Accept", "text/event-stream").header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> {
            try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event: incident") || line.startsWith("event:incident")) {
                        return line;
                    }
                }
                return "";
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
