package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;

/** The same platform on PostgreSQL, configured by JDBC URL: ingest, correlation, verdicts, and a restart. */
class PostgresPlatformTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedPlatformRunsUnchangedOnPostgresql() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            VigieConfig config = ConfigLoader.parse("pg.yaml", """
                    server:
                      host: 127.0.0.1
                      port: 0
                    store:
                      url: %s
                      user: postgres
                    """.formatted(pg.getJdbcUrl("postgres", "postgres")), dir);
            String incidentId;
            try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
                var http = new TestHttp(platform.url());
                assertThat(http.get("/health").json().path("checks").path("store").path("engine").asText())
                        .isEqualTo("postgresql");
                Instant t = Instant.now().minusSeconds(30);
                var r = http.post("/api/v1/events", "[" + ApiTest.event(ApiTest.newId(), "fire", 43.30, 5.40, 0.8, t, "bmpm")
                        + "," + ApiTest.event(ApiTest.newId(), "smoke", 43.3003, 5.4002, 0.5, t.plusSeconds(40), "open311") + "]");
                assertThat(r.status()).isEqualTo(202);
                JsonNode incident = ApiTest.eventually(() -> http.get("/api/v1/incidents?type=fire").json(),
                        p -> p.path("total").asInt() == 1 && p.path("items").path(0).path("eventCount").asInt() == 2)
                        .path("items").get(0);
                incidentId = incident.path("id").asText();
                var ack = http.post("/api/v1/incidents/" + incidentId + "/verdict",
                        "{\"status\": \"acknowledged\", \"version\": " + incident.path("version").asLong() + ", \"by\": \"op-1\"}");
                assertThat(ack.status()).isEqualTo(200);
            }
            // A restart restores the open incident: a late report joins it instead of opening another.
            try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
                var http = new TestHttp(platform.url());
                http.post("/api/v1/events", "[" + ApiTest.event(ApiTest.newId(), "fire", 43.3001, 5.4001, 0.9,
                        Instant.now(), "cam-3") + "]");
                JsonNode after = ApiTest.eventually(() -> http.get("/api/v1/incidents/" + incidentId).json(),
                        d -> d.path("eventCount").asInt() == 3);
                assertThat(after.path("status").asText()).isEqualTo("acknowledged");
                assertThat(http.get("/api/v1/incidents?type=fire,smoke").json().path("total").asInt()).isEqualTo(1);
            }
        }
    }
}
