package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.cluster.ClusterNode;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.stream.EmbeddedKafka;

/**
 * City scale end to end, on a real KRaft broker and PostgreSQL in the test JVM: one member takes HTTP intake and
 * the API, another correlates and stores, as two machines would. Events posted to the first are correlated by
 * Kafka Streams, stored by the second and shown by the first; an operator's verdict goes through the partition
 * that owns the incident, which then goes on growing with its new status.
 */
class ClusterIntegrationTest {
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka();
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private VigieConfig member(String roles, String stateDir) {
        return TestAccess.withTestKeys(ConfigLoader.parse("member.yaml", """
                server:
                  host: 127.0.0.1
                  port: 0
                store:
                  url: %s
                  user: postgres
                cluster:
                  bootstrap-servers: %s
                  roles: [%s]
                  replication: 1
                  partitions: {events: 2, correlation: 4, incidents: 2, cameras: 4}
                  state-dir: %s
                  application-id: vigie-it
                """.formatted(pg.getJdbcUrl("postgres", "postgres"), kafka.bootstrapServers(), roles,
                dir.resolve(stateDir)), dir));
    }

    @Test
    void ingestCorrelateStoreAndApiRunAsSeparateMembers() throws Exception {
        try (ClusterNode back = ClusterNode.start(member("correlate, store", "back"), Clock.systemUTC());
             ClusterNode front = ClusterNode.start(member("ingest, api", "front"), Clock.systemUTC())) {
            var http = new TestHttp(front.url());
            Instant t = Instant.now().minusSeconds(60);
            var posted = http.post("/api/v1/events", "[" + ApiTest.event(ApiTest.newId(), "fire", 43.30, 5.40, 0.8, t,
                    "bmpm") + "," + ApiTest.event(ApiTest.newId(), "smoke", 43.3003, 5.4002, 0.5, t.plusSeconds(40),
                    "open311") + "]");
            assertThat(posted.status()).isEqualTo(202);
            assertThat(posted.json().path("accepted").asInt()).isEqualTo(2);

            JsonNode incident = ApiTest.eventually(() -> http.get("/api/v1/incidents?type=fire").json(),
                    p -> p.path("total").asInt() == 1 && p.path("items").path(0).path("eventCount").asInt() == 2)
                    .path("items").get(0);
            String id = incident.path("id").asText();

            // The verdict goes to the owning partition, which applies it; the store records it; the API answers.
            var ack = http.post("/api/v1/incidents/" + id + "/verdict", "{\"status\": \"acknowledged\", \"version\": "
                    + incident.path("version").asLong() + ", \"by\": \"op-1\"}");
            assertThat(ack.status()).isEqualTo(200);
            assertThat(ack.json().path("status").asText()).isEqualTo("acknowledged");
            // A stale version is refused.
            var stale = http.post("/api/v1/incidents/" + id + "/verdict", "{\"status\": \"confirmed\", \"version\": "
                    + incident.path("version").asLong() + ", \"by\": \"op-2\"}");
            assertThat(stale.status()).isEqualTo(409);

            // The correlator knows the new status: a late report joins the acknowledged incident.
            http.post("/api/v1/events", "[" + ApiTest.event(ApiTest.newId(), "fire", 43.3001, 5.4001, 0.9,
                    Instant.now(), "cam-3") + "]");
            JsonNode after = ApiTest.eventually(() -> http.get("/api/v1/incidents/" + id).json(),
                    d -> d.path("eventCount").asInt() == 3);
            assertThat(after.path("status").asText()).isEqualTo("acknowledged");
            assertThat(http.get("/api/v1/incidents?type=fire,smoke").json().path("total").asInt()).isEqualTo(1);

            // Both members report their roles.
            assertThat(new TestHttp(back.url()).get("/health").json().path("checks").path("correlator-stream")
                    .path("status").asText()).isEqualTo("up");
            assertThat(new TestHttp(back.url()).get("/health").json().path("checks").path("store-writer")
                    .path("events").asLong()).isEqualTo(3);
            assertThat(new TestHttp(back.url()).get("/metrics").body()).contains("vigie_cluster_correlator_events");
        }
    }
}
