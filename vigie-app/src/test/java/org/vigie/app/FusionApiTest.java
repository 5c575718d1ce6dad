package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.EventId;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.core.sop.Procedures;

/**
 * Fusion through the HTTP API of a running platform: composite rules, priorities explained with the places
 * around, procedures, merges and splits by operators, the timeline of a place, and reliabilities learnt from
 * verdicts. Each test works in its own part of the city, since they share one platform.
 */
class FusionApiTest {
    /** Noailles metro station; the shooting test happens 120 m from it. */
    static final double NOAILLES_LAT = 43.2985;
    static final double NOAILLES_LON = 5.3817;

    @TempDir
    static Path dataDir;

    static Platform platform;
    static TestHttp http;

    @BeforeAll
    static void start() {
        VigieConfig base = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        VigieConfig config = base.withFusion(new VigieConfig.Fusion(Map.of(), 4, List.of(
                VulnerablePlace.of("Noailles", VulnerablePlace.TRANSIT_STATION, NOAILLES_LAT, NOAILLES_LON)),
                Procedures.shipped()));
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        http = new TestHttp(platform.url());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static String event(String id, String kind, String sourceId, String type, double[] at, Instant when, double confidence) {
        return """
                {"id": "%s", "occurredAt": "%s", "source": {"kind": "%s", "id": "%s"}, "type": "%s",
                 "location": {"lat": %s, "lon": %s, "accuracyMeters": 20}, "confidence": %s,
                 "evidence": [{"kind": "record", "uri": "evidence://test/%s"}]}"""
                .formatted(id, when, kind, sourceId, type, at[0], at[1], confidence, id);
    }

    /** A point {@code meters} from (lat, lon) towards {@code bearing}. */
    static double[] near(double lat, double lon, double meters, double bearing) {
        return GeoMath.offset(lat, lon, meters, bearing);
    }

    static String id() {
        return EventId.newId().toString();
    }

    static void post(String... events) {
        var r = http.post("/api/v1/events", "[" + String.join(",", events) + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    /** Incidents within about 300 m of a point, closed ones included. */
    static JsonNode around(double lat, double lon) {
        return http.get("/api/v1/incidents?limit=100&bbox=" + (lon - 0.004) + "," + (lat - 0.003) + "," + (lon + 0.004)
                + "," + (lat + 0.003)).json();
    }

    static JsonNode only(JsonNode page, String status) {
        var items = new ArrayList<JsonNode>();
        page.path("items").forEach(i -> {
            if (i.path("status").asText().equals(status)) {
                items.add(i);
            }
        });
        assertThat(items).as(page.toString()).hasSize(1);
        return items.getFirst();
    }

    static long count(JsonNode page, String status) {
        var n = 0L;
        for (JsonNode i : page.path("items")) {
            n += i.path("status").asText().equals(status) ? 1 : 0;
        }
        return n;
    }

    @Test
    void aSensorAndTwoCitizensNearAStationAreOneShootingOfPriorityOneExplained() throws Exception {
        double[] here = near(NOAILLES_LAT, NOAILLES_LON, 120, 0);
        Instant t = Instant.now().minusSeconds(120);
        String shot = id();
        post(event(shot, "acoustic_sensor", "mic-noailles", "gunshot", here, t, 0.8));
        post(event(id(), "citizen", "open311", "noise", near(here[0], here[1], 60, 90), t.plusSeconds(40), 0.5),
                event(id(), "citizen", "open311", "public_disorder", near(here[0], here[1], 80, 270), t.plusSeconds(70), 0.5));

        JsonNode page = ApiTest.eventually(() -> around(here[0], here[1]),
                p -> count(p, "new") == 1 && count(p, "closed") == 2);
        JsonNode shooting = only(page, "new");
        assertThat(shooting.path("type").asText()).isEqualTo("gunshot");
        assertThat(shooting.path("composite").asText()).isEqualTo("shooting");
        assertThat(shooting.path("priority").asInt()).isEqualTo(1);
        assertThat(shooting.path("eventCount").asInt()).isEqualTo(3);
        assertThat(shooting.path("priorityExplanation").asText()).startsWith("priority 1: shooting (gunshot, extreme)")
                .contains("2 sources (acoustic sensor, citizen)").contains("m from Noailles (transit station ×1.3)");
        assertThat(shooting.path("memberKinds").path("citizen/noise").asInt()).isEqualTo(1);
        page.path("items").forEach(i -> {
            if (i.path("status").asText().equals("closed")) {
                assertThat(i.path("mergedInto").asText()).isEqualTo(shooting.path("id").asText());
                assertThat(i.path("eventCount").asInt()).isZero();
            }
        });

        JsonNode detail = http.get("/api/v1/incidents/" + shooting.path("id").asText()).json();
        assertThat(detail.path("events")).hasSize(3);
        assertThat(detail.path("regroupings")).hasSize(1);
        assertThat(detail.path("regroupings").get(0).path("by").asText()).isEqualTo("rule:shooting");
        assertThat(detail.path("sop").path("type").asText()).isEqualTo("gunshot");
        assertThat(detail.path("sop").path("steps").findValuesAsText("id")).contains("alert-police", "warn-transit");
        assertThat(detail.path("sop").path("completed").asInt()).isZero();
    }

    @Test
    void aStepOfTheProcedureIsDoneOnceWithWhoAndWhen() throws Exception {
        double[] here = {43.3050, 5.3950};
        post(event(id(), "camera", "cam-51", "fire", here, Instant.now().minusSeconds(30), 0.9));
        JsonNode fire = ApiTest.eventually(() -> around(here[0], here[1]), p -> count(p, "new") == 1).path("items").get(0);
        String path = "/api/v1/incidents/" + fire.path("id").asText() + "/sop/";

        var done = http.post(path + "alert-fire-brigade", "{\"by\": \"op-3\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        assertThat(done.json().path("completed").asInt()).isEqualTo(1);

        JsonNode step = null;
        for (JsonNode s : http.get("/api/v1/incidents/" + fire.path("id").asText()).json().path("sop").path("steps")) {
            if (s.path("id").asText().equals("alert-fire-brigade")) {
                step = s;
            }
        }
        assertThat(step).isNotNull();
        assertThat(step.path("done").asBoolean()).isTrue();
        assertThat(step.path("by").asText()).isEqualTo("test-supervisor");
        assertThat(Instant.parse(step.path("at").asText())).isBefore(Instant.now().plusSeconds(1));

        var again = http.post(path + "alert-fire-brigade", "{\"by\": \"op-9\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("step-already-done");
        assertThat(again.json().path("details").get(0).path("by").asText()).isEqualTo("test-supervisor");
        var unknown = http.post(path + "call-the-army", "{\"by\": \"op-9\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("details").findValuesAsText("step")).contains("locate", "alert-fire-brigade");
        // Signed in, the caller need not say who it is: the step is recorded under the signed-in name.
        var unsigned = http.post(path + "locate", "{}");
        assertThat(unsigned.status()).isEqualTo(201);
    }

    @Test
    void anOperatorMergesIncidentsWithVersionChecks() throws Exception {
        double[] here = {43.3120, 5.3700};
        Instant t = Instant.now().minusSeconds(60);
        post(event(id(), "police", "dispatch", "assault", here, t, 0.9),
                event(id(), "citizen", "open311", "theft", near(here[0], here[1], 40, 0), t.plusSeconds(5), 0.6));
        JsonNode page = ApiTest.eventually(() -> around(here[0], here[1]), p -> count(p, "new") == 2);
        JsonNode assault = null;
        JsonNode theft = null;
        for (JsonNode i : page.path("items")) {
            if (i.path("type").asText().equals("assault")) {
                assault = i;
            } else {
                theft = i;
            }
        }
        String path = "/api/v1/incidents/" + assault.path("id").asText() + "/merge";

        var invalid = http.post(path, "{\"incidents\": [\"not-a-uuid\"]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("details").findValuesAsText("field")).containsExactlyInAnyOrder("version",
                "incidents[0]");
        var stale = http.post(path, "{\"version\": " + assault.path("version").asLong() + ", \"by\": \"op-1\", "
                + "\"incidents\": [{\"id\": \"" + theft.path("id").asText() + "\", \"version\": 99}]}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("type").asText()).isEqualTo("stale-version");

        var merged = http.post(path, "{\"version\": " + assault.path("version").asLong() + ", \"by\": \"op-1\", "
                + "\"incidents\": [\"" + theft.path("id").asText() + "\"], \"reason\": \"the theft was the fight\"}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode survivor = merged.json().path("incident");
        assertThat(survivor.path("eventIds")).hasSize(2);
        assertThat(survivor.path("regroupings").get(0).path("kind").asText()).isEqualTo("merged");
        assertThat(survivor.path("regroupings").get(0).path("by").asText()).isEqualTo("test-supervisor");
        assertThat(survivor.path("regroupings").get(0).path("reason").asText()).isEqualTo("the theft was the fight");
        assertThat(merged.json().path("absorbed").get(0).asText()).isEqualTo(theft.path("id").asText());

        JsonNode absorbed = http.get("/api/v1/incidents/" + theft.path("id").asText()).json();
        assertThat(absorbed.path("status").asText()).isEqualTo("closed");
        assertThat(absorbed.path("mergedInto").asText()).isEqualTo(assault.path("id").asText());
        assertThat(absorbed.path("verdict").path("by").asText()).isEqualTo("test-supervisor");
        assertThat(absorbed.path("regroupings").get(0).path("kind").asText()).isEqualTo("absorbed");

        var again = http.post(path, "{\"version\": " + survivor.path("version").asLong() + ", \"by\": \"op-1\", "
                + "\"incidents\": [\"" + theft.path("id").asText() + "\"]}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("regrouping-refused");
        var step = http.post("/api/v1/incidents/" + theft.path("id").asText() + "/sop/verify", "{\"by\": \"op-1\"}");
        assertThat(step.status()).isEqualTo(409);
        assertThat(step.json().path("type").asText()).isEqualTo("merged");
    }

    @Test
    void anOperatorSplitsEventsOffIntoANewIncident() throws Exception {
        double[] here = {43.2800, 5.3900};
        Instant t = Instant.now().minusSeconds(90);
        String a = id();
        String b = id();
        String c = id();
        post(event(a, "police", "dispatch", "assault", here, t, 0.9),
                event(b, "police", "unit-4", "assault", near(here[0], here[1], 30, 90), t.plusSeconds(10), 0.8),
                event(c, "citizen", "open311", "assault", near(here[0], here[1], 150, 0), t.plusSeconds(20), 0.5));
        JsonNode incident = ApiTest.eventually(() -> around(here[0], here[1]),
                p -> count(p, "new") == 1 && p.path("items").get(0).path("eventCount").asInt() == 3).path("items").get(0);
        String path = "/api/v1/incidents/" + incident.path("id").asText() + "/split";
        long version = incident.path("version").asLong();

        var everything = http.post(path, "{\"version\": " + version + ", \"by\": \"op-5\", \"events\": [\"" + a + "\", \""
                + b + "\", \"" + c + "\"]}");
        assertThat(everything.status()).isEqualTo(409);
        assertThat(everything.json().path("type").asText()).isEqualTo("regrouping-refused");
        var badType = http.post(path, "{\"version\": " + version + ", \"by\": \"op-5\", \"events\": [\"" + c
                + "\"], \"type\": \"duel\"}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().path("details").findValuesAsText("field")).containsExactly("type");

        var split = http.post(path, "{\"version\": " + version + ", \"by\": \"op-5\", \"events\": [\"" + c
                + "\"], \"reason\": \"another fight up the street\", \"type\": \"public_disorder\"}");
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        JsonNode kept = split.json().path("incident");
        JsonNode created = split.json().path("created");
        assertThat(kept.path("eventIds")).hasSize(2);
        assertThat(kept.path("version").asLong()).isEqualTo(version + 1);
        assertThat(created.path("type").asText()).isEqualTo("public_disorder");
        assertThat(created.path("status").asText()).isEqualTo("acknowledged");
        assertThat(created.path("eventIds").get(0).asText()).isEqualTo(c);
        JsonNode stored = http.get("/api/v1/incidents/" + created.path("id").asText()).json();
        assertThat(stored.path("regroupings").get(0).path("kind").asText()).isEqualTo("split_off");
        assertThat(stored.path("regroupings").get(0).path("incidents").get(0).asText())
                .isEqualTo(incident.path("id").asText());
        assertThat(stored.path("events")).hasSize(1);

        var stale = http.post(path, "{\"version\": " + version + ", \"by\": \"op-5\", \"events\": [\"" + b + "\"]}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("type").asText()).isEqualTo("stale-version");
    }

    @Test
    void theTimelineShowsEverythingAroundThePlaceAndTimeInOrder() throws Exception {
        double[] here = {43.3300, 5.3600};
        Instant t = Instant.now().minusSeconds(1800);
        String member = id();
        String nearbyCamera = id();
        String transit = id();
        String tooFar = id();
        String tooEarly = id();
        post(event(member, "fire_brigade", "bmpm", "fire", here, t, 1.0),
                event(nearbyCamera, "camera", "cam-9", "crowd_density", near(here[0], here[1], 200, 45), t.minusSeconds(300), 0.7),
                event(transit, "transit", "rtm", "transit_disruption", near(here[0], here[1], 250, 180), t.plusSeconds(400), 0.9),
                event(tooFar, "camera", "cam-10", "crowd_density", near(here[0], here[1], 450, 0), t, 0.7),
                event(tooEarly, "camera", "cam-9", "crowd_density", near(here[0], here[1], 50, 0), t.minusSeconds(700), 0.7));
        JsonNode fire = ApiTest.eventually(() -> http.get("/api/v1/incidents?type=fire&limit=100").json(),
                p -> p.path("items").findValuesAsText("id").stream().anyMatch(i -> http.get("/api/v1/incidents/" + i)
                        .json().path("eventIds").toString().contains(member)));
        String fireId = fire.path("items").findValuesAsText("id").stream()
                .filter(i -> http.get("/api/v1/incidents/" + i).json().path("eventIds").toString().contains(member))
                .findFirst().orElseThrow();

        JsonNode timeline = http.get("/api/v1/incidents/" + fireId + "/timeline?radius=300&window=10m").json();
        assertThat(timeline.path("radiusMeters").asDouble()).isEqualTo(300);
        assertThat(timeline.path("window").asText()).isEqualTo("PT10M");
        assertThat(timeline.path("truncated").asBoolean()).isFalse();
        assertThat(ids(timeline.path("events"))).containsExactly(nearbyCamera, member, transit);
        JsonNode first = timeline.path("events").get(1);
        assertThat(first.path("member").asBoolean()).isTrue();
        assertThat(first.path("evidence").get(0).path("uri").asText()).isEqualTo("evidence://test/" + member);
        assertThat(timeline.path("events").get(0).path("member").asBoolean()).isFalse();
        assertThat(timeline.path("events").get(0).path("distanceMeters").asLong()).isBetween(195L, 205L);

        assertThat(ids(http.get("/api/v1/incidents/" + fireId + "/timeline").json().path("events")))
                .as("defaults: 500 m, 30 min").contains(tooFar, tooEarly);
        var bad = http.get("/api/v1/incidents/" + fireId + "/timeline?radius=0&window=forever&limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").findValuesAsText("field")).containsExactlyInAnyOrder("radius", "window", "limit");
        var tooWide = http.get("/api/v1/incidents/" + fireId + "/timeline?radius=50000&window=3d");
        assertThat(tooWide.status()).isEqualTo(400);
        assertThat(tooWide.json().path("details").findValuesAsText("field")).containsExactlyInAnyOrder("radius", "window");
    }

    @Test
    void dismissalsLowerASourcesReliabilityAndSurviveARestart(@TempDir Path otherDir) throws Exception {
        VigieConfig config = VigieConfig.embedded(otherDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        double before;
        try (Platform p = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var h = new TestHttp(p.url());
            before = reliabilityOf(h, "camera/cam-liar");
            for (int k = 0; k < 3; k++) {
                double[] here = {43.30 + k * 0.01, 5.40};
                var r = h.post("/api/v1/events", "[" + event(id(), "camera", "cam-liar", "abandoned_object", here,
                        Instant.now().minusSeconds(10), 0.9) + "]");
                assertThat(r.status()).isEqualTo(202);
                JsonNode incident = ApiTest.eventually(() -> h.get("/api/v1/incidents?status=new&limit=10").json(),
                        page -> page.path("total").asInt() >= 1).path("items").get(0);
                String path = "/api/v1/incidents/" + incident.path("id").asText() + "/verdict";
                long v = incident.path("version").asLong();
                assertThat(h.post(path, "{\"status\": \"acknowledged\", \"version\": " + v + ", \"by\": \"op\"}").status())
                        .isEqualTo(200);
                assertThat(h.post(path, "{\"status\": \"dismissed\", \"version\": " + (v + 1)
                        + ", \"by\": \"op\", \"reason\": \"a bin\"}").status()).isEqualTo(200);
            }
            double after = reliabilityOf(h, "camera/cam-liar");
            // Prior 0.7 for cameras, worth 4 verdicts: the kind falls to 2.8/7 = 0.4, the camera to 1.6/7.
            assertThat(before).isEqualTo(0.7);
            assertThat(after).isCloseTo(4 * (2.8 / 7) / 7, org.assertj.core.api.Assertions.within(1e-9));
            JsonNode next = null;
            var r = h.post("/api/v1/events", "[" + event(id(), "camera", "cam-liar", "abandoned_object",
                    new double[] {43.26, 5.41}, Instant.now(), 1.0) + "]");
            assertThat(r.status()).isEqualTo(202);
            next = ApiTest.eventually(() -> h.get("/api/v1/incidents?status=new&limit=10").json(),
                    page -> page.path("total").asInt() == 1).path("items").get(0);
            assertThat(next.path("confidence").asDouble()).isCloseTo(after, org.assertj.core.api.Assertions.within(0.001));
        }
        try (Platform p = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var h = new TestHttp(p.url());
            assertThat(reliabilityOf(h, "camera/cam-liar")).isCloseTo(4 * (2.8 / 7) / 7,
                    org.assertj.core.api.Assertions.within(1e-9));
            assertThat(reliabilityOf(h, "camera")).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    static List<String> ids(JsonNode events) {
        var out = new ArrayList<String>();
        events.forEach(e -> out.add(e.path("id").asText()));
        return out;
    }

    static double reliabilityOf(TestHttp h, String source) {
        JsonNode all = h.get("/api/v1/sources/reliability").json();
        assertThat(all.path("priorStrength").asDouble()).isEqualTo(4);
        for (JsonNode e : all.path("estimates")) {
            if (e.path("source").asText().equals(source)) {
                return e.path("reliability").asDouble();
            }
        }
        // A source without verdicts of its own is worth what its kind is worth.
        String kind = source.substring(0, source.indexOf('/'));
        return reliabilityOf(h, kind);
    }
}
