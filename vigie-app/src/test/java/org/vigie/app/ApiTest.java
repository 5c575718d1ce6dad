package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.model.EventId;

/** The HTTP API on a random port, against a real embedded platform (SQLite in a temporary folder). */
class ApiTest {
    @TempDir
    static Path dataDir;

    static Platform platform;
    static TestHttp http;

    @BeforeAll
    static void start() {
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        http = new TestHttp(platform.url());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static String event(String id, String type, double lat, double lon, double confidence, Instant at, String sourceId) {
        return """
                {"id": "%s", "occurredAt": "%s", "source": {"kind": "citizen", "id": "%s"}, "type": "%s",
                 "location": {"lat": %s, "lon": %s, "accuracyMeters": 30}, "confidence": %s,
                 "attributes": {"channel": "test", "count": 2}}""".formatted(id, at, sourceId, type, lat, lon, confidence);
    }

    static String newId() {
        return EventId.newId().toString();
    }

    static JsonNode eventually(Supplier<JsonNode> probe, java.util.function.Predicate<JsonNode> done) throws InterruptedException {
        return eventually(30, probe, done);
    }

    static JsonNode eventually(int seconds, Supplier<JsonNode> probe, java.util.function.Predicate<JsonNode> done)
            throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < seconds * 10; i++) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within " + seconds + " s; last answer: " + last);
    }

    @Test
    void acceptedEventsBecomeOneIncidentPerSituation() throws Exception {
        Instant t = Instant.now().minusSeconds(60);
        String a = newId();
        String b = newId();
        String c = newId();
        var r = http.post("/api/v1/events", "[" + event(a, "explosion", 43.3300, 5.4000, 0.9, t, "sensor-a") + ","
                + event(b, "explosion", 43.3302, 5.4003, 0.6, t.plusSeconds(30), "sensor-b") + ","
                + event(c, "fire", 43.2500, 5.3800, 0.7, t, "sensor-a") + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(3);
        assertThat(r.json().path("ids").get(0).asText()).isEqualTo(a);

        JsonNode page = eventually(() -> http.get("/api/v1/incidents?type=explosion").json(),
                p -> p.path("total").asInt() == 1 && p.path("items").path(0).path("eventCount").asInt() == 2);
        JsonNode summary = page.path("items").get(0);
        assertThat(summary.path("status").asText()).isEqualTo("new");
        assertThat(summary.path("sourceCount").asInt()).isEqualTo(2);
        assertThat(summary.path("capCategory").asText()).isEqualTo("Security");

        JsonNode detail = http.get("/api/v1/incidents/" + summary.path("id").asText()).json();
        assertThat(detail.path("events")).hasSize(2);
        var memberIds = new java.util.ArrayList<String>();
        detail.path("events").forEach(e -> memberIds.add(e.path("id").asText()));
        assertThat(memberIds).containsExactlyInAnyOrder(a, b);
        assertThat(http.get("/api/v1/events/" + c).json().path("type").asText()).isEqualTo("fire");
    }

    @Test
    void resendingABatchStoresNothingTwice() {
        String id = newId();
        String body = "[" + event(id, "noise", 43.29, 5.37, 0.5, Instant.now(), "open311") + "]";
        assertThat(http.post("/api/v1/events", body).json().path("accepted").asInt()).isEqualTo(1);
        var again = http.post("/api/v1/events", body);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("accepted").asInt()).isZero();
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void aRecordRepeatedWithinOneBatchIsStoredAndCorrelatedOnce() throws Exception {
        String id = newId();
        String one = event(id, "hazmat", 43.3611, 5.3130, 0.9, Instant.now(), "sdis");
        var r = http.post("/api/v1/events", "[" + one + "," + one + "]");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().path("duplicates").asInt()).isEqualTo(1);
        JsonNode page = eventually(() -> http.get("/api/v1/incidents?type=hazmat").json(), p -> p.path("total").asInt() == 1);
        assertThat(page.path("items")).as(page.toString()).hasSize(1);
        assertThat(page.path("items").get(0).path("eventCount").asInt()).isEqualTo(1);
        assertThat(platform.correlator().listenerFailures()).isZero();
    }

    @Test
    void invalidRecordsAreNamedPerFieldAndQuarantined() {
        long quarantinedBefore = http.get("/api/v1/quarantine").json().path("total").asLong();
        String good = event(newId(), "graffiti", 43.30, 5.38, 0.8, Instant.now(), "open311");
        String bad = event(newId(), "graffiti", 95.0, 5.38, 1.7, Instant.now().plus(Duration.ofHours(1)), "open311");
        String unknownType = event(newId(), "face_match", 43.30, 5.38, 0.5, Instant.now(), "open311");
        var r = http.post("/api/v1/events", "[" + good + "," + bad + "," + unknownType + "]");

        assertThat(r.status()).isEqualTo(202);
        JsonNode body = r.json();
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(2);
        assertThat(body.path("ids").get(1).isNull()).isTrue();
        assertThat(body.path("errors").findValuesAsText("field"))
                .contains("location.lat", "confidence", "occurredAt", "type");
        assertThat(body.path("errors").findValues("index").stream().map(JsonNode::asInt)).containsOnly(1, 2);

        JsonNode quarantine = http.get("/api/v1/quarantine?limit=5").json();
        assertThat(quarantine.path("total").asLong()).isEqualTo(quarantinedBefore + 2);
        assertThat(quarantine.path("items").findValuesAsText("reason")).anyMatch(reason -> reason.contains("face_match"));
        assertThat(quarantine.path("items").findValuesAsText("raw")).anyMatch(raw -> raw.contains("\"lat\": 95.0,"));
    }

    @Test
    void aBatchWithNothingValidIsRefusedWith422() {
        var r = http.post("/api/v1/events", "[{\"type\": \"fire\"}]");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("type").asText()).isEqualTo("invalid-records");
        assertThat(r.json().path("details").findValuesAsText("field")).contains("occurredAt", "source", "location", "confidence");
    }

    @Test
    void malformedJsonIsRefusedWithLineAndColumn() {
        var r = http.post("/api/v1/events", "[\n  {\"type\": \"fire\",\n   \"confidence\": 0.5,,\n}]");
        assertThat(r.status()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.path("type").asText()).isEqualTo("malformed-json");
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("details").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(body.path("details").get(0).path("column").asInt()).isPositive();
        assertThat(body.path("title").asText()).contains("line 3");
    }

    @Test
    void aNumberBeyondAnyDecimalIsAMalformedBodyNotAServerError() {
        var r = http.post("/api/v1/events", "[{\"type\": \"fire\", \"confidence\": 1e9999999999}]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("type").asText()).isEqualTo("malformed-json");
        var lines = http.post("/api/v1/events", "{\"confidence\": 1e9999999999}", "application/x-ndjson");
        assertThat(lines.status()).isEqualTo(422);
        assertThat(lines.json().path("details").get(0).path("message").asText()).contains("line 1");
    }

    @Test
    void ndjsonReportsAMalformedLineAsOneRejectedRecord() {
        String body = event(newId(), "waste", 43.31, 5.39, 0.6, Instant.now(), "open311").replace("\n", " ")
                + "\n{not json}\n" + event(newId(), "waste", 43.312, 5.391, 0.6, Instant.now(), "open311").replace("\n", " ");
        var r = http.post("/api/v1/events", body, "application/x-ndjson");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(r.json().path("errors").get(0).path("message").asText()).contains("line 2");
    }

    @Test
    void tooLargeABatchIsRefused() {
        String one = event(newId(), "noise", 43.3, 5.4, 0.5, Instant.now(), "x").replace("\n", " ");
        var sb = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            sb.append(i == 0 ? "" : ",").append(one);
        }
        var r = http.post("/api/v1/events", sb.append("]").toString());
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("type").asText()).isEqualTo("batch-too-large");
    }

    @Test
    void aVerdictOnAStaleVersionIsRefusedWith409() throws Exception {
        String id = newId();
        http.post("/api/v1/events", "[" + event(id, "abandoned_object", 43.2001, 5.4501, 0.8, Instant.now(), "cam-7") + "]");
        JsonNode incident = eventually(() -> http.get("/api/v1/incidents?type=abandoned_object").json(),
                p -> p.path("total").asInt() >= 1).path("items").get(0);
        String path = "/api/v1/incidents/" + incident.path("id").asText() + "/verdict";
        long version = incident.path("version").asLong();

        var ack = http.post(path, "{\"status\": \"acknowledged\", \"version\": " + version + ", \"by\": \"op-12\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().path("version").asLong()).isEqualTo(version + 1);
        // The body says op-12; the record names who was signed in (here the supervisor's test key).
        assertThat(ack.json().path("verdict").path("by").asText()).isEqualTo("test-supervisor");

        var stale = http.post(path, "{\"status\": \"dismissed\", \"version\": " + version
                + ", \"by\": \"op-7\", \"reason\": \"reflection\"}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("type").asText()).isEqualTo("stale-version");
        assertThat(http.get("/api/v1/incidents/" + incident.path("id").asText()).json().path("status").asText())
                .isEqualTo("acknowledged");

        var illegal = http.post(path, "{\"status\": \"new\", \"version\": " + (version + 1) + ", \"by\": \"op-7\"}");
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.json().path("type").asText()).isEqualTo("illegal-transition");

        var invalid = http.post(path, "{\"status\": \"dismissed\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("details").findValuesAsText("field")).contains("version", "reason")
                .doesNotContain("by"); // the signed-in caller is who decides

        var confirm = http.post(path, "{\"status\": \"confirmed\", \"version\": " + (version + 1)
                + ", \"by\": \"op-12\", \"reason\": \"seen on camera\"}");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.json().path("status").asText()).isEqualTo("confirmed");
    }

    @Test
    void unknownIncidentAndBadQueriesGiveTheOneErrorShape() {
        var missing = http.get("/api/v1/incidents/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("type").asText()).isEqualTo("not-found");

        var bad = http.get("/api/v1/incidents?status=open&limit=0&bbox=1,2,3&since=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").findValuesAsText("field")).containsExactlyInAnyOrder("status", "limit", "bbox", "since");

        var nowhere = http.get("/api/v1/nothing-here");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().has("title")).isTrue();
    }

    @Test
    void incidentsCanBeFilteredByBoundingBox() throws Exception {
        http.post("/api/v1/events", "[" + event(newId(), "flooding", 43.3700, 5.3200, 0.9, Instant.now(), "sdis") + "]");
        eventually(() -> http.get("/api/v1/incidents?type=flooding").json(), p -> p.path("total").asInt() == 1);
        assertThat(http.get("/api/v1/incidents?type=flooding&bbox=5.31,43.36,5.33,43.38").json().path("total").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/incidents?type=flooding&bbox=5.40,43.20,5.50,43.25").json().path("total").asInt()).isZero();
    }

    @Test
    void healthMetricsZonesAndConsoleAreServed() {
        var health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("up");
        assertThat(health.json().path("checks").path("store").path("engine").asText()).isEqualTo("sqlite");

        var metrics = http.as(org.vigie.server.access.Role.AUDITOR).get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("vigie_correlator_queue_depth", "jvm_memory_used_bytes");

        JsonNode zones = http.get("/api/v1/zones").json();
        assertThat(zones.path("features")).hasSize(16);

        var console = http.get("/");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains("leaflet.js", "console.js");
        assertThat(http.get("/webjars/leaflet/1.9.4/dist/leaflet.js").status()).isEqualTo(200);
        assertThat(http.get("/console.js").status()).isEqualTo(200);
    }
}
