package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.cluster.ClusterNode;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;
import org.vigie.stream.EmbeddedKafka;
import org.vigie.stream.Topics;
import org.vigie.stream.cameras.CameraCatalog;

/**
 * City scale end to end, on a real KRaft broker and PostgreSQL in the test JVM: one member takes HTTP intake and
 * the API, another correlates and stores, as two machines would. Events posted to the first are correlated by
 * Kafka Streams, stored by the second and shown by the first; an operator's verdict goes through the partition
 * that owns the incident, which then goes on growing with its new status.
 */
class ClusterIntegrationTest {
    /** Seconds to wait for what crosses Kafka: generous, for CI's two cores running the whole suite. */
    private static final int PATIENCE = 90;
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
        return member(roles, stateDir, "");
    }

    private VigieConfig member(String roles, String stateDir, String more) {
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
                  session-timeout: 3s
                retention:
                  evidence-dir: %s
                %s""".formatted(pg.getJdbcUrl("postgres", "postgres"), kafka.bootstrapServers(), roles,
                dir.resolve(stateDir), dir.resolve("evidence"), more), dir));
    }

    @Test
    void ingestCorrelateStoreAndApiRunAsSeparateMembers() throws Exception {
        try (ClusterNode back = ClusterNode.start(member("correlate, store", "back"), Clock.systemUTC());
             ClusterNode front = ClusterNode.start(member("ingest, api", "front"), Clock.systemUTC())) {
            var http = new TestHttp(front.url());
            // On a busy machine the correlator's first rebalance and transactions take a while: wait for it.
            ApiTest.eventually(PATIENCE, () -> new TestHttp(back.url()).get("/health").json(),
                    h -> h.path("checks").path("correlator-stream").path("state").asText().equals("RUNNING"));
            Instant t = Instant.now().minusSeconds(60);
            var posted = http.post("/api/v1/events", "[" + ApiTest.event(ApiTest.newId(), "fire", 43.30, 5.40, 0.8, t,
                    "bmpm") + "," + ApiTest.event(ApiTest.newId(), "smoke", 43.3003, 5.4002, 0.5, t.plusSeconds(40),
                    "open311") + "]");
            assertThat(posted.status()).isEqualTo(202);
            assertThat(posted.json().path("accepted").asInt()).isEqualTo(2);

            JsonNode incident;
            try {
                // Either report may open the incident: the two events travel on different partitions of
                // vigie.events, so which reaches the correlator first is not fixed (and with it the type).
                incident = ApiTest.eventually(PATIENCE, () -> http.get("/api/v1/incidents?type=fire,smoke").json(),
                        p -> p.path("total").asInt() == 1 && p.path("items").path(0).path("eventCount").asInt() == 2)
                        .path("items").get(0);
            } catch (AssertionError e) {
                // Which stage held the events: the correlator's counts and the store writer's.
                throw new AssertionError(e.getMessage() + "; back member: " + new TestHttp(back.url()).get("/health").body(), e);
            }
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
            JsonNode after = ApiTest.eventually(PATIENCE, () -> http.get("/api/v1/incidents/" + id).json(),
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

    @Test
    void twoVideoWorkersShareTheCamerasAndTheOneLeftTakesOverWhenTheOtherStops() throws Exception {
        Path clip = TestClips.walker(dir.resolve("street.ts"), 40);
        var topics = new Topics(new Topics.Sizes(2, 4, 2, 4, (short) 1));
        var ids = List.of("cam-a", "cam-b", "cam-c", "cam-d", "cam-e", "cam-f");
        try (var catalog = new CameraCatalog(topics.cameras(), kafka.bootstrapServers())) {
            for (int i = 0; i < ids.size(); i++) {
                catalog.publish(ids.get(i), """
                        id: %s
                        url: %s
                        location: {lat: %s, lon: 5.3806, accuracy: 15}
                        analysis: {fps: 25, width: 320}
                        """.formatted(ids.get(i), clip, 43.29 + i * 0.001));
            }
        }
        ClusterNode one = ClusterNode.start(member("video-worker", "one"), Clock.systemUTC());
        ClusterNode two = ClusterNode.start(member("video-worker", "two"), Clock.systemUTC());
        try {
            ApiTest.eventually(PATIENCE, () -> Json.MAPPER.valueToTree(List.of(cameras(one), cameras(two))),
                    both -> union(both).equals(new TreeSet<>(ids)) && both.get(0).size() + both.get(1).size() == 6
                            && !both.get(0).isEmpty() && !both.get(1).isEmpty());
            // Each camera runs where the group put it, with its file: the worker's health shows it decoding.
            assertThat(new TestHttp(one.url()).get("/health").json().path("checks").path("video-worker")
                    .path("cameras").size()).isEqualTo(cameras(one).size());
            one.close();
            ApiTest.eventually(PATIENCE, () -> cameras(two), c -> c.size() == 6);
        } finally {
            one.close();
            two.close();
        }
    }

    private static JsonNode cameras(ClusterNode node) {
        return new TestHttp(node.url()).get("/health").json().path("checks").path("camera-assignment").path("cameras");
    }

    private static Set<String> union(JsonNode both) {
        var all = new TreeSet<String>();
        both.forEach(list -> list.forEach(id -> all.add(id.asText())));
        return all;
    }
}
