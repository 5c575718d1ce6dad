package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;

/** NGSI-LD out, against the running platform: incidents read back as Smart Data Models Alert entities. */
class NgsiLdTest {
    static final String ALERT_CONTEXT = "https://raw.githubusercontent.com/smart-data-models/dataModel.Alert/master/context.jsonld";
    static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";

    @TempDir
    static Path dataDir;
    static Platform platform;
    static TestHttp http;
    static final HttpClient client = HttpClient.newHttpClient();

    record Answer(int status, String contentType, String link, String count, JsonNode json) {
    }

    @BeforeAll
    static void start() throws Exception {
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        http = new TestHttp(platform.url());
        Instant t = Instant.now().minusSeconds(120);
        // Three situations far apart: a fire, shots (a Vigie extension in the model) and a road accident.
        var r = http.post("/api/v1/events", "[" + ApiTest.event(ApiTest.newId(), "fire", 43.2965, 5.3698, 0.8, t, "cam-1") + ","
                + ApiTest.event(ApiTest.newId(), "fire", 43.2966, 5.3699, 0.7, t.plusSeconds(20), "cam-2") + ","
                + ApiTest.event(ApiTest.newId(), "gunshot", 43.3497, 5.4340, 0.9, t, "ac-07") + ","
                + ApiTest.event(ApiTest.newId(), "road_accident", 43.2700, 5.3900, 0.6, t, "police") + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        ApiTest.eventually(() -> http.get("/api/v1/incidents").json(), p -> p.path("total").asInt() == 3
                && p.path("items").findValues("eventCount").stream().mapToInt(JsonNode::asInt).sum() == 4);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static Answer get(String path, String accept) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(platform.url()).resolve(path)).timeout(Duration.ofSeconds(30)).GET()
                .header("Authorization", TestAccess.BEARER);
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Link").orElse(null), r.headers().firstValue("NGSILD-Results-Count").orElse(null),
                Json.MAPPER.readTree(r.body()));
    }

    @Test
    void alertsAsJsonLdCarryTheirContextAndTheModelsShape() throws Exception {
        Answer a = get("/ngsi-ld/v1/entities?type=Alert", "application/ld+json");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/ld+json");
        assertThat(a.link()).isNull();
        assertThat(a.json().isArray()).isTrue();
        assertThat(a.json()).hasSize(3);
        var subCategories = new HashSet<String>();
        for (JsonNode e : a.json()) {
            assertThat(e.path("id").asText()).startsWith("urn:ngsi-ld:Alert:");
            assertThat(e.path("type").asText()).isEqualTo("Alert");
            assertThat(e.path("@context").get(0).asText()).isEqualTo(ALERT_CONTEXT);
            assertThat(e.path("@context").get(e.path("@context").size() - 1).asText()).isEqualTo(CORE_CONTEXT);
            for (String required : List.of("category", "dateIssued", "alertSource")) {
                assertThat(e.has(required)).as(required + " is required by the model").isTrue();
            }
            assertThat(e.path("location").path("type").asText()).isEqualTo("GeoProperty");
            assertThat(e.path("location").path("value").path("coordinates")).hasSize(2);
            assertThat(e.path("dateIssued").path("value").path("@type").asText()).isEqualTo("DateTime");
            assertThat(e.path("severity").path("value").asText()).isIn("informational", "low", "medium", "high", "critical");
            assertThat(e.path("areaServed").path("value").asText()).as("district from the city").isNotBlank();
            subCategories.add(e.path("subCategory").path("value").asText());
        }
        assertThat(subCategories).containsExactlyInAnyOrder("buildingFire", "vigie:gunshot", "carAccident");
        JsonNode fire = find(a.json(), "buildingFire");
        assertThat(fire.path("category").path("value").asText()).isEqualTo("security");
        assertThat(fire.path("vigie:eventCount").path("value").asInt()).isEqualTo(2);
        assertThat(fire.toString()).as("source ids stay inside Vigie").doesNotContain("cam-1").doesNotContain("cam-2");
        assertThat(find(a.json(), "carAccident").path("category").path("value").asText()).isEqualTo("traffic");
    }

    @Test
    void plainJsonGetsTheContextInALinkHeaderAndKeyValuesAreSimplified() throws Exception {
        Answer a = get("/ngsi-ld/v1/entities?type=Alert&options=keyValues", "application/json");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.link()).isEqualTo("<" + ALERT_CONTEXT + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; "
                + "type=\"application/ld+json\"");
        JsonNode gunshot = find(a.json(), "vigie:gunshot");
        assertThat(gunshot.has("@context")).isFalse();
        assertThat(gunshot.path("category").asText()).isEqualTo("security");
        assertThat(gunshot.path("severity").asText()).isEqualTo("critical");
        assertThat(gunshot.path("location").path("type").asText()).isEqualTo("Point");
        assertThat(gunshot.path("location").path("coordinates").get(0).asDouble()).isEqualTo(5.4340);
        assertThat(Instant.parse(gunshot.path("dateIssued").asText())).isBefore(Instant.now());

        Answer none = get("/ngsi-ld/v1/entities?type=Alert&format=simplified", null);
        assertThat(none.contentType()).as("no Accept: plain JSON").startsWith("application/json");
        assertThat(none.json().get(0).path("category").isTextual()).isTrue();
    }

    @Test
    void oneEntityByIdAndUnknownOnesAre404() throws Exception {
        JsonNode list = get("/ngsi-ld/v1/entities?type=Alert", "application/json").json();
        String id = find(list, "carAccident").path("id").asText();
        Answer one = get("/ngsi-ld/v1/entities/" + id, "application/ld+json");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("id").asText()).isEqualTo(id);
        assertThat(one.json().path("subCategory").path("value").asText()).isEqualTo("carAccident");
        assertThat(one.json().has("@context")).isTrue();
        assertThat(get("/ngsi-ld/v1/entities/" + id.replace(":", "%3A"), null).json().path("id").asText())
                .as("a percent-encoded id is the same id").isEqualTo(id);

        Answer missing = get("/ngsi-ld/v1/entities/urn:ngsi-ld:Alert:" + java.util.UUID.randomUUID(), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
        assertThat(get("/ngsi-ld/v1/entities/urn:ngsi-ld:Vehicle:1", null).status()).isEqualTo(404);
        assertThat(get("/ngsi-ld/v1/entities/not-a-uri", null).status()).isEqualTo(400);
    }

    @Test
    void pagesAndCounts() throws Exception {
        var ids = new ArrayList<String>();
        for (int offset = 0; offset < 3; offset++) {
            Answer page = get("/ngsi-ld/v1/entities?type=Alert&limit=1&offset=" + offset + "&count=true", null);
            assertThat(page.count()).isEqualTo("3");
            assertThat(page.json()).hasSize(1);
            ids.add(page.json().get(0).path("id").asText());
        }
        assertThat(new HashSet<>(ids)).hasSize(3);
        Answer countOnly = get("/ngsi-ld/v1/entities?type=Alert&limit=0&count=true", null);
        assertThat(countOnly.json()).isEmpty();
        assertThat(countOnly.count()).isEqualTo("3");
        Answer otherType = get("/ngsi-ld/v1/entities?type=Vehicle&count=true", null);
        assertThat(otherType.status()).isEqualTo(200);
        assertThat(otherType.json()).isEmpty();
        assertThat(otherType.count()).isEqualTo("0");
        assertThat(get("/ngsi-ld/v1/entities?type=https://smartdatamodels.org/dataModel.Alert/Alert", null).json()).hasSize(3);
    }

    @Test
    void whatIsNotSupportedIsAClear400() throws Exception {
        Answer q = get("/ngsi-ld/v1/entities?type=Alert&q=severity==%22high%22", null);
        assertThat(q.status()).isEqualTo(400);
        assertThat(q.json().path("type").asText()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
        assertThat(q.json().path("details").get(0).path("field").asText()).isEqualTo("q");
        assertThat(q.json().path("details").get(0).path("message").asText()).contains("not supported", "type", "limit");

        Answer noType = get("/ngsi-ld/v1/entities", null);
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.json().path("details").get(0).path("field").asText()).isEqualTo("type");

        for (String bad : List.of("type=Alert&geoQ=x", "type=Alert&options=sysAttrs", "type=Alert&limit=1000",
                "type=Alert&limit=0", "type=Alert&count=maybe", "type=Alert&attrs=severity")) {
            Answer a = get("/ngsi-ld/v1/entities?" + bad, null);
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.json().path("title").asText()).as(bad).isNotBlank();
        }
        assertThat(get("/ngsi-ld/v1/entities?type=Alert", "text/html").status()).isEqualTo(406);
        assertThat(get("/ngsi-ld/v1/entities?type=Alert", "text/html,*/*;q=0.8").status()).isEqualTo(200);
    }

    @Test
    void aDismissedIncidentIsNoLongerAnAlert() throws Exception {
        Instant t = Instant.now().minusSeconds(30);
        String eventId = ApiTest.newId();
        assertThat(http.post("/api/v1/events", ApiTest.event(eventId, "graffiti", 43.2200, 5.4400, 0.5, t, "open311")).status())
                .isEqualTo(202);
        JsonNode incident = ApiTest.eventually(() -> http.get("/api/v1/incidents?type=graffiti").json(),
                p -> p.path("total").asInt() == 1).path("items").get(0);
        String entity = "/ngsi-ld/v1/entities/urn:ngsi-ld:Alert:" + incident.path("id").asText();
        assertThat(get(entity, null).json().path("subCategory").path("value").asText()).isEqualTo("vigie:graffiti");
        String verdicts = "/api/v1/incidents/" + incident.path("id").asText() + "/verdict";
        assertThat(http.post(verdicts, "{\"status\":\"acknowledged\",\"version\":" + incident.path("version").asLong()
                + ",\"by\":\"op-1\"}").status()).isEqualTo(200);
        assertThat(http.post(verdicts, "{\"status\":\"dismissed\",\"version\":" + (incident.path("version").asLong() + 1)
                + ",\"by\":\"op-1\",\"reason\":\"reflection\"}").status()).isEqualTo(200);
        ApiTest.eventually(() -> Json.MAPPER.valueToTree(List.of(http.get(entity).status())), s -> s.get(0).asInt() == 404);
        assertThat(get(entity, null).json().toString()).doesNotContain("op-1");
    }

    static JsonNode find(JsonNode entities, String subCategory) {
        for (JsonNode e : entities) {
            JsonNode s = e.path("subCategory");
            if ((s.isObject() ? s.path("value").asText() : s.asText()).equals(subCategory)) {
                return e;
            }
        }
        throw new AssertionError("no " + subCategory + " in " + entities);
    }
}
