package org.vigie.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.Correlator;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.geo.City;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.sop.Procedures;
import org.vigie.server.VigieServer;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.Principal;
import org.vigie.server.access.Role;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.cameras.ConfiguredCameras;
import org.vigie.server.ingest.IngestService;
import org.vigie.server.live.LiveUpdates;
import org.vigie.store.Store;
import org.vigie.store.StoreConfig;

/**
 * The console's routes through the real server, store and correlator, with an audit trail that records what it is
 * told: evidence and searches are audited and never cached, layouts are validated and saved, verdicts keep a reason
 * code and a history, and pages render in both languages.
 */
class ConsoleRoutesTest {
    record Entry(Principal who, String action, String target, String detail) {
    }

    static final List<Entry> audited = new CopyOnWriteArrayList<>();
    static final AuditTrail RECORDING = (who, action, target, detail) -> audited.add(new Entry(who, action, target, detail));

    @TempDir
    static Path dataDir;
    static Store store;
    static Correlator correlator;
    static LiveUpdates live;
    static VigieServer server;
    static DirectoryEvidenceStore evidence;
    static HttpClient client = HttpClient.newHttpClient();
    static String base;

    @BeforeAll
    static void start() throws IOException {
        Clock clock = Clock.systemUTC();
        City city = Marseille.approximateCity();
        store = Store.open(StoreConfig.sqlite(dataDir.resolve("vigie.db")));
        correlator = new Correlator(new CorrelationEngine(CorrelationRules.defaults()), id -> store.incidents().find(id), 10_000);
        correlator.addListener(store.incidents()::apply);
        live = new LiveUpdates();
        correlator.addListener(live);
        correlator.start();
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var ingest = new IngestService(store, correlator, clock, metrics);
        evidence = new DirectoryEvidenceStore(dataDir.resolve("evidence"));
        var cameras = new ConfiguredCameras(List.of(new CameraDirectory.Camera("cam-1", "Canebière", 43.2976, 5.3810)), clock);
        var console = new ConsoleRoutes(store, city, evidence, cameras, RECORDING, List.of(),
                new ConsoleSettings("", "", List.of(new ConsoleSettings.Sensor("ac-1", "Noailles", 43.2952, 5.3830)),
                        ZoneId.of("Europe/Paris")), Procedures.shipped(), clock);
        // Stands in for the access filter: the principal a test names in a header.
        org.vigie.server.RouteGroup principals = routes -> routes.before(ctx -> {
            String role = ctx.header("X-Test-Role");
            if (role != null) {
                ctx.attribute(Principal.ATTRIBUTE, new Principal("test-" + role, Role.valueOf(role.toUpperCase(java.util.Locale.ROOT))));
            }
        });
        server = new VigieServer(new VigieServer.Settings("127.0.0.1", 0), store, correlator, ingest, city, live, metrics,
                clock, List.of(principals, console)).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        live.close();
        server.close();
        correlator.close();
        store.close();
    }

    record Response(int status, HttpResponse<byte[]> raw) {
        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    static Response send(String method, String path, String body, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r);
    }

    static JsonNode incidentOf(String eventId) throws Exception {
        for (int i = 0; i < 300; i++) {
            for (JsonNode item : send("GET", "/api/v1/incidents?limit=500", null).json().path("items")) {
                JsonNode detail = send("GET", "/api/v1/incidents/" + item.path("id").asText(), null).json();
                for (JsonNode e : detail.path("events")) {
                    if (e.path("id").asText().equals(eventId)) {
                        return detail;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("event " + eventId + " joined no incident within 15 s");
    }

    static String postEvent(String type, double lat, double lon, String evidenceJson) throws Exception {
        String id = EventId.newId().toString();
        var r = send("POST", "/api/v1/events", """
                [{"id": "%s", "occurredAt": "%s", "source": {"kind": "camera", "id": "cam-1"}, "type": "%s",
                  "location": {"lat": %s, "lon": %s, "accuracyMeters": 20}, "confidence": 0.8, "evidence": %s}]"""
                .formatted(id, Instant.now(), type, lat, lon, evidenceJson), "Content-Type", "application/json");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return id;
    }

    @Test
    void evidenceIsServedAuditedOnEveryOpeningAndNeverCached() throws Exception {
        byte[] wav = {'R', 'I', 'F', 'F', 1, 2, 3, 4};
        EvidenceRef ref = evidence.put(EvidenceRef.Kind.AUDIO, "audio/wav", wav, Instant.now());
        String path = "/api/v1/evidence/" + ref.uri().substring("evidence:".length());
        int before = audited.size();
        for (int i = 0; i < 2; i++) {
            Response r = send("GET", path, null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.raw().body()).isEqualTo(wav);
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("Content-Type")).startsWith("audio/wav");
        }
        assertThat(audited.subList(before, audited.size())).extracting(Entry::action, Entry::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("evidence.view", ref.uri()),
                        org.assertj.core.groups.Tuple.tuple("evidence.view", ref.uri()));
        assertThat(send("GET", "/api/v1/evidence/2026-01-01/" + "0".repeat(64) + ".snapshot", null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/evidence/2026-01-01/..%2F..%2Fvigie.db", null).status()).isEqualTo(400);
    }

    @Test
    void anAuditorSeesNeitherEvidenceNorVerdictControlsAndEvidenceIsRefusedToThatRole() throws Exception {
        EvidenceRef ref = evidence.put(EvidenceRef.Kind.SNAPSHOT, "image/png", new byte[] {1, 2, 3}, Instant.now());
        String id = postEvent("graffiti", 43.305, 5.395, "[{\"kind\": \"snapshot\", \"uri\": \"" + ref.uri() + "\"}]");
        String iid = incidentOf(id).path("id").asText();
        String path = "/api/v1/evidence/" + ref.uri().substring("evidence:".length());
        int before = audited.size();

        assertThat(send("GET", path, null, "X-Test-Role", "auditor").status()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/cameras/cam-1/snapshot", null, "X-Test-Role", "auditor").status()).isEqualTo(403);
        assertThat(audited.subList(before, audited.size())).isEmpty();
        String auditorPage = send("GET", "/console/incidents/" + iid, null, "X-Test-Role", "auditor").text();
        assertThat(auditorPage).doesNotContain("img class=\"snapshot\"", "data-action=\"confirmed\"");

        String operatorPage = send("GET", "/console/incidents/" + iid, null, "X-Test-Role", "operator").text();
        assertThat(operatorPage).contains("img class=\"snapshot\" src=\"" + path + "\"", "data-action=\"acknowledged\"");
        Response opened = send("GET", path, null, "X-Test-Role", "operator");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(audited.get(audited.size() - 1).who()).isEqualTo(new Principal("test-operator", Role.OPERATOR));
        String cameraPage = send("GET", "/console/cameras/cam-1", null, "X-Test-Role", "operator").text();
        assertThat(cameraPage).doesNotContain("data-editable=\"true\"", "id=\"save\"");
        assertThat(send("GET", "/console/cameras/cam-1", null, "X-Test-Role", "supervisor").text()).contains("id=\"save\"");
    }

    @Test
    void searchesAreAuditedWithTheirCriteriaAndRefuseCriteriaAboutPeople() throws Exception {
        String id = postEvent("graffiti", 43.2965, 5.3698, "[]");
        incidentOf(id);
        int before = audited.size();
        Response r = send("GET", "/api/v1/search?type=graffiti&source=camera", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("events").findValuesAsText("id")).contains(id);
        assertThat(r.json().path("incidents").size()).isPositive();
        Entry e = audited.get(before);
        assertThat(e.action()).isEqualTo("search");
        assertThat(e.detail()).contains("type=graffiti", "source=camera");

        Response person = send("GET", "/api/v1/search?person=someone", null);
        assertThat(person.status()).isEqualTo(400);
        assertThat(person.text()).contains("does not search for people");
        assertThat(send("GET", "/api/v1/search?zone=nowhere", null).status()).isEqualTo(400);

        Response page = send("GET", "/console/search?type=graffiti&lang=en", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("no search by person").contains("/console/incidents/");
    }

    @Test
    void aZoneSearchKeepsOnlyWhatLiesInTheDistrict() throws Exception {
        City city = Marseille.approximateCity();
        var district = city.findDistrict(43.2965, 5.3698).orElseThrow();
        String inside = postEvent("waste", 43.2965, 5.3698, "[]");
        String outside = postEvent("waste", 43.3500, 5.4400, "[]");
        incidentOf(inside);
        incidentOf(outside);
        JsonNode r = send("GET", "/api/v1/search?type=waste&zone=" + district.code(), null).json();
        assertThat(r.path("events").findValuesAsText("id")).contains(inside).doesNotContain(outside);
    }

    @Test
    void aDismissalKeepsItsReasonCodeAndEveryStatusChangeIsInTheHistory() throws Exception {
        String id = postEvent("abandoned_object", 43.31, 5.39, "[]");
        JsonNode incident = incidentOf(id);
        String iid = incident.path("id").asText();
        long v = incident.path("version").asLong();
        Response ack = send("POST", "/api/v1/incidents/" + iid + "/verdict",
                "{\"status\": \"acknowledged\", \"version\": " + v + ", \"by\": \"op-7\"}");
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        Response noReason = send("POST", "/api/v1/incidents/" + iid + "/verdict",
                "{\"status\": \"dismissed\", \"version\": " + (v + 1) + ", \"by\": \"op-7\"}");
        assertThat(noReason.status()).isEqualTo(400);
        Response badCode = send("POST", "/api/v1/incidents/" + iid + "/verdict",
                "{\"status\": \"dismissed\", \"version\": " + (v + 1) + ", \"by\": \"op-7\", \"reasonCode\": \"bored\"}");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.text()).contains("reasonCode", "scene-furniture");
        Response dismissed = send("POST", "/api/v1/incidents/" + iid + "/verdict",
                "{\"status\": \"dismissed\", \"version\": " + (v + 1) + ", \"by\": \"op-7\", \"reasonCode\": \"reflection\","
                        + " \"reason\": \"sun on the shop window\"}");
        assertThat(dismissed.status()).as(dismissed.text()).isEqualTo(200);
        assertThat(dismissed.json().path("verdict").path("reasonCode").asText()).isEqualTo("reflection");

        JsonNode history = send("GET", "/api/v1/incidents/" + iid + "/history", null).json().path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("status").asText()).isEqualTo("acknowledged");
        assertThat(history.get(1).path("status").asText()).isEqualTo("dismissed");
        assertThat(history.get(1).path("reasonCode").asText()).isEqualTo("reflection");
        assertThat(history.get(1).path("reason").asText()).isEqualTo("sun on the shop window");
        assertThat(history.get(1).path("by").asText()).isEqualTo("op-7");

        String page = send("GET", "/console/incidents/" + iid + "?lang=fr", null).text();
        assertThat(page).contains("Reflet", "sun on the shop window", "écarté");
    }

    @Test
    void aLayoutIsValidatedSavedToTheRunningCameraAndAudited() throws Exception {
        Response bad = send("PUT", "/api/v1/cameras/cam-1/layout", """
                {"zones": [{"name": "quai", "kind": "moat", "points": [[0.1, 0.1], [1.2, 0.1]]}],
                 "lines": [{"name": "quai", "a": [0.5, 0.5], "b": [0.5, 0.5], "allowed": "both"}]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("zones[0].kind", "zones[0].points[1]", "lines[0].name");

        int before = audited.size();
        Response ok = send("PUT", "/api/v1/cameras/cam-1/layout", """
                {"zones": [{"name": "quai", "kind": "forbidden", "points": [[0.1, 0.1], [0.9, 0.1], [0.5, 0.8]]}],
                 "lines": [{"name": "sens unique", "a": [0.2, 0.5], "b": [0.8, 0.5], "allowed": "left-to-right"}]}""");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        JsonNode layout = send("GET", "/api/v1/cameras/cam-1/layout", null).json();
        assertThat(layout.path("zones").get(0).path("kind").asText()).isEqualTo("forbidden");
        assertThat(layout.path("lines").get(0).path("allowed").asText()).isEqualTo("left-to-right");
        assertThat(audited.get(before).action()).isEqualTo("config.change");
        assertThat(audited.get(before).target()).isEqualTo("camera:cam-1/layout");
        assertThat(send("PUT", "/api/v1/cameras/nope/layout", "{\"zones\": [], \"lines\": []}").status()).isEqualTo(404);

        Response snapshot = send("GET", "/api/v1/cameras/cam-1/snapshot", null);
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.header("Content-Type")).isEqualTo("image/png");
        assertThat(snapshot.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void everyPageRendersInFrenchByDefaultAndInEnglishWhenAsked() throws Exception {
        for (String path : List.of("/console", "/console/map", "/console/search", "/console/cameras",
                "/console/cameras/cam-1", "/console/sources")) {
            Response fr = send("GET", path, null);
            assertThat(fr.status()).as(path).isEqualTo(200);
            assertThat(fr.text()).as(path).contains("<html lang=\"fr\">").doesNotContain("[nav.", "[queue.");
            assertThat(fr.header("Cache-Control")).isEqualTo("no-store");
            Response en = send("GET", path, null, "Accept-Language", "en-GB,en;q=0.8");
            assertThat(en.text()).as(path).contains("<html lang=\"en\">");
        }
        Response chosen = send("GET", "/console?lang=en", null, "Accept-Language", "fr");
        assertThat(chosen.text()).contains("Open incidents");
        assertThat(chosen.header("Set-Cookie")).contains("vigie-lang=en");
        assertThat(send("GET", "/console", null, "Cookie", "vigie-lang=en").text()).contains("Open incidents");
    }

    @Test
    void sourceHealthListsExpectedCamerasAndSensorsEvenWhenSilent() throws Exception {
        postEvent("graffiti", 43.2976, 5.3810, "[]");
        JsonNode health = null;
        for (int i = 0; i < 100; i++) {
            health = send("GET", "/api/v1/sources/health", null).json();
            if (health.path("sources").findValuesAsText("name").contains("Canebière")
                    && health.path("sources").get(0).path("events").asLong() > 0) {
                break;
            }
            Thread.sleep(50);
        }
        JsonNode camera = health.path("sources").get(0);
        assertThat(camera.path("group").asText()).isEqualTo("camera");
        assertThat(camera.path("events").asLong()).isPositive();
        assertThat(camera.path("lastSeen").asText()).isNotEmpty();
        JsonNode sensor = health.path("sources").get(1);
        assertThat(sensor.path("group").asText()).isEqualTo("sensor");
        assertThat(sensor.path("state").asText()).isEqualTo("silent");
        assertThat(sensor.path("lastSeen").isNull()).isTrue();
    }
}
