package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.open311.ServiceCatalog;
import org.vigie.server.open311.Open311Settings;
import org.vigie.store.TrackedServiceRequest;

/** The Open311 GeoReport v2 server of a real embedded platform, as a citizen's client and the report page use it. */
class Open311ApiTest {
    static final String KEY = "partner-app-key-0123456789";
    static final String WEB_KEY = "web-form-key-abcdefghijkl";
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    @TempDir
    static Path dataDir;

    static Platform platform;
    static TestHttp http;

    @BeforeAll
    static void start() {
        var open311 = new Open311Settings("marseille.fr", List.of(KEY), WEB_KEY, "csu@example.org",
                "Ask the operations centre for a key", ServiceCatalog.defaults());
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withOpen311(open311);
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        http = new TestHttp(platform.url());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static Map<String, String> report(String service, double lat, double lon) {
        var f = new LinkedHashMap<String, String>();
        f.put("api_key", KEY);
        f.put("jurisdiction_id", "marseille.fr");
        f.put("service_code", service);
        f.put("lat", Double.toString(lat));
        f.put("long", Double.toString(lon));
        return f;
    }

    static TestHttp.Response post(String path, Map<String, String> fields) {
        return http.post("/open311/v2/" + path, form(fields), FORM);
    }

    @Test
    void aPostedRequestIsReadBackAndBecameACitizenEventWithoutThePersonsFields() {
        var f = report("graffiti", 43.2965, 5.3698);
        f.put("attribute[surface]", "shop_front");
        f.put("address_string", "Quai du Port");
        f.put("description", "Large tag on the shutter; write to jean.dupont@example.org or call 06 12 34 56 78");
        f.put("media_url", "https://photos.example.org/123.jpg");
        f.put("email", "jean.dupont@example.org");
        f.put("first_name", "Jean");
        f.put("last_name", "Dupont");
        f.put("phone", "0612345678");
        f.put("device_id", "device-77");
        f.put("account_id", "account-99");
        var created = post("requests.json", f);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode answer = created.json().get(0);
        String id = answer.path("service_request_id").asText();
        String token = answer.path("token").asText();
        assertThat(id).matches("[0-9A-Z]{12}");
        assertThat(token).hasSize(26);
        assertThat(answer.path("account_id").isNull()).isTrue();

        JsonNode r = http.get("/open311/v2/requests/" + id + ".json").json().get(0);
        assertThat(r.path("service_request_id").asText()).isEqualTo(id);
        assertThat(r.path("status").asText()).isEqualTo("open");
        assertThat(r.path("service_code").asText()).isEqualTo("graffiti");
        assertThat(r.path("service_name").asText()).isEqualTo("Graffiti");
        assertThat(r.path("lat").asDouble()).isEqualTo(43.2965);
        assertThat(r.path("long").asDouble()).isEqualTo(5.3698);
        assertThat(r.path("address").asText()).isEqualTo("Quai du Port");
        assertThat(r.path("media_url").asText()).isEqualTo("https://photos.example.org/123.jpg");
        assertThat(r.path("description").asText())
                .isEqualTo("Large tag on the shutter; write to [e-mail removed] or call [number removed]");
        assertThat(Instant.parse(r.path("requested_datetime").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(http.get("/open311/v2/tokens/" + token + ".json").json().get(0).path("service_request_id").asText())
                .isEqualTo(id);
        assertThat(http.get("/open311/v2/requests.json?service_request_id=" + id + ",NOPE").json()).hasSize(1);
        assertThat(http.get("/open311/v2/requests.json").json().findValuesAsText("service_request_id")).contains(id);
        assertThat(http.get("/open311/v2/requests.json?service_code=noise").json().findValuesAsText("service_request_id"))
                .doesNotContain(id);

        TrackedServiceRequest stored = platform.store().serviceRequests().find(id).orElseThrow();
        Event event = platform.store().events().find(stored.request().eventId()).orElseThrow();
        assertThat(event.type()).isEqualTo(EventType.GRAFFITI);
        assertThat(event.source().kind()).isEqualTo(SourceKind.CITIZEN);
        assertThat(event.source().id()).isEqualTo(id);
        assertThat(event.attributes().findText("attribute_surface")).contains("shop_front");
        assertThat(event.attributes().findText("channel")).contains("api");
        String everything = event + " " + stored + " " + http.get("/open311/v2/requests/" + id + ".xml").body();
        for (String personal : List.of("jean", "Jean", "Dupont", "0612345678", "12 34", "device-77", "account-99")) {
            assertThat(everything).doesNotContain(personal);
        }
    }

    @Test
    void xmlClientsPostAndReadInXml() {
        var f = report("streetlight_outage", 43.3000, 5.3800);
        f.put("attribute[state]", "flickering");
        var created = post("requests.xml", f);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.contentType()).startsWith("text/xml");
        String id = between(created.body(), "<service_request_id>", "</service_request_id>");
        var read = http.get("/open311/v2/requests/" + id + ".xml");
        assertThat(read.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request>")
                .contains("<service_code>streetlight_outage</service_code>").contains("<status>open</status>")
                .contains("<lat>43.3</lat>");
    }

    @Test
    void aMultipartFormIsReadTooAndItsFilesAreNotKept() {
        var f = report("vandalism", 43.2990, 5.3750);
        var body = new StringBuilder();
        f.forEach((k, v) -> body.append("--B0UND\r\nContent-Disposition: form-data; name=\"").append(k)
                .append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--B0UND\r\nContent-Disposition: form-data; name=\"media\"; filename=\"p.jpg\"\r\n")
                .append("Content-Type: image/jpeg\r\n\r\nnot really a picture\r\n--B0UND--\r\n");
        var r = http.post("/open311/v2/requests.json", body.toString(), "multipart/form-data; boundary=B0UND");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = r.json().get(0).path("service_request_id").asText();
        assertThat(http.get("/open311/v2/requests/" + id + ".json").json().get(0).path("media_url").isNull()).isTrue();
    }

    @Test
    void aRequestWithoutAValidKeyIsRefusedInTheSpecificationsShape() {
        var f = report("graffiti", 43.29, 5.37);
        f.remove("api_key");
        var missing = post("requests.json", f);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json()).hasSize(1);
        assertThat(missing.json().get(0).path("code").asInt()).isEqualTo(403);
        assertThat(missing.json().get(0).path("description").asText())
                .isEqualTo("Invalid api_key received -- can't proceed with create_request.");
        f.put("api_key", KEY.substring(0, KEY.length() - 1) + "X");
        var wrong = post("requests.xml", f);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).contains("<errors><error><code>403</code><description>Invalid api_key received");
        f.put("api_key", WEB_KEY);
        f.put("attribute[surface]", "wall");
        var web = post("requests.json", f);
        assertThat(web.status()).as(web.body()).isEqualTo(200);
        String id = web.json().get(0).path("service_request_id").asText();
        var event = platform.store().events().find(platform.store().serviceRequests().find(id).orElseThrow()
                .request().eventId()).orElseThrow();
        assertThat(event.attributes().findText("channel")).contains("web-form");
    }

    @Test
    void aQuerySpanningMoreThanNinetyDaysIsRefused() {
        var r = http.get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-05-01T00:00:00%2B02:00");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get(0).path("code").asInt()).isEqualTo(400);
        assertThat(r.json().get(0).path("description").asText()).contains("at most 90 days");
        var xml = http.get("/open311/v2/requests.xml?start_date=2026-01-01&end_date=2026-06-01");
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.body()).contains("<code>400</code>").contains("at most 90 days");
        assertThat(http.get("/open311/v2/requests.json?start_date=2026-01-01&end_date=2026-03-31").status()).isEqualTo(200);
        var bad = http.get("/open311/v2/requests.json?start_date=yesterday&status=pending");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().findValuesAsText("description")).hasSize(2)
                .anyMatch(d -> d.startsWith("start_date")).anyMatch(d -> d.contains("pending"));
    }

    @Test
    void invalidRequestsAreRefusedWithEveryReason() {
        var f = report("pothole_xyz", 43.29, 5.37);
        f.remove("lat");
        f.remove("long");
        var r = post("requests.json", f);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().findValuesAsText("description"))
                .anyMatch(d -> d.contains("service_code 'pothole_xyz'"))
                .anyMatch(d -> d.contains("a location is required"));

        var addressOnly = report("graffiti", 0, 0);
        addressOnly.remove("lat");
        addressOnly.remove("long");
        addressOnly.put("address_string", "1 La Canebière");
        assertThat(post("requests.json", addressOnly).json().get(0).path("description").asText())
                .contains("does not look up address_string");

        var badAnswer = report("graffiti", 43.29, 5.37);
        badAnswer.put("attribute[surface]", "car");
        badAnswer.put("attribute[colour]", "red");
        var answers = post("requests.json", badAnswer);
        assertThat(answers.status()).isEqualTo(400);
        assertThat(answers.json().findValuesAsText("description"))
                .anyMatch(d -> d.contains("attribute[surface] 'car' is not a choice"))
                .anyMatch(d -> d.contains("attribute[colour] is not a question"));

        var required = report("waste", 43.29, 5.37);
        assertThat(post("requests.json", required).json().get(0).path("description").asText())
                .contains("attribute[kind] is required");

        var far = report("vandalism", 48.8566, 2.3522);
        assertThat(post("requests.json", far).json().get(0).path("description").asText()).contains("outside Marseille");

        var json = http.post("/open311/v2/requests.json", "{\"service_code\": \"graffiti\"}", "application/json");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().get(0).path("description").asText()).contains("application/x-www-form-urlencoded");
    }

    @Test
    void theStatusFollowsTheIncidentAndANoteGivesTheOperatorsReason() throws Exception {
        var f = report("noise", 43.2800, 5.3900);
        f.put("attribute[ongoing]", "yes");
        String id = post("requests.json", f).json().get(0).path("service_request_id").asText();
        String eventId = platform.store().serviceRequests().find(id).orElseThrow().request().eventId().toString();
        JsonNode incident = ApiTest.eventually(() -> http.get("/api/v1/incidents?type=noise").json(),
                p -> p.path("total").asInt() == 1).path("items").get(0);
        JsonNode detail = http.get("/api/v1/incidents/" + incident.path("id").asText()).json();
        assertThat(detail.path("events").findValuesAsText("id")).contains(eventId);
        String verdict = "/api/v1/incidents/" + incident.path("id").asText() + "/verdict";
        long version = detail.path("version").asLong();
        assertThat(http.post(verdict, "{\"status\": \"acknowledged\", \"version\": " + version + ", \"by\": \"op-3\"}")
                .status()).isEqualTo(200);
        assertThat(http.get("/open311/v2/requests/" + id + ".json").json().get(0).path("status_notes").asText())
                .isEqualTo("Seen by the operations centre.");
        var dismissed = http.post(verdict, "{\"status\": \"dismissed\", \"version\": " + (version + 1)
                + ", \"by\": \"op-3\", \"reason\": \"The music had stopped when the patrol arrived.\"}");
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(200);

        JsonNode r = http.get("/open311/v2/requests/" + id + ".json").json().get(0);
        assertThat(r.path("status").asText()).isEqualTo("closed");
        assertThat(r.path("status_notes").asText()).isEqualTo("The music had stopped when the patrol arrived.");
        assertThat(Instant.parse(r.path("updated_datetime").asText()))
                .isAfterOrEqualTo(Instant.parse(r.path("requested_datetime").asText()));
        assertThat(http.get("/open311/v2/requests.json?status=closed").json().findValuesAsText("service_request_id"))
                .contains(id);
        assertThat(http.get("/open311/v2/requests.json?status=open").json().findValuesAsText("service_request_id"))
                .doesNotContain(id);
        // The verdict's author is the operator's business, not the public's.
        assertThat(http.get("/open311/v2/requests/" + id + ".xml").body()).doesNotContain("op-3");
    }

    @Test
    void discoveryServicesAndDefinitionsAnswerInBothFormats() {
        JsonNode d = http.get("/open311/v2/discovery").json();
        assertThat(d.path("contact").asText()).isEqualTo("csu@example.org");
        assertThat(d.path("endpoints").get(0).path("url").asText()).isEqualTo(platform.url() + "open311/v2");
        assertThat(http.get("/open311/v2/discovery.xml").body()).contains("<discovery>").contains("<format>text/xml</format>");

        JsonNode services = http.get("/open311/v2/services.json").json();
        assertThat(services.findValuesAsText("service_code")).contains("graffiti", "streetlight_outage", "waste",
                "road_hazard", "noise", "street_furniture_damage", "vandalism", "public_disorder", "flooding");
        assertThat(http.get("/open311/v2/services.xml").body()).contains("<services><service><service_code>graffiti");
        JsonNode def = http.get("/open311/v2/services/waste.json").json();
        assertThat(def.path("attributes").get(0).path("values").findValuesAsText("key")).contains("bulky");
        assertThat(http.get("/open311/v2/services/waste.xml").body()).contains("<service_definition>");

        var unknown = http.get("/open311/v2/services/nope.xml");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("<errors><error><code>404</code>");
        assertThat(http.get("/open311/v2/requests/NOPE.json").json().get(0).path("code").asInt()).isEqualTo(404);
        assertThat(http.get("/open311/v2/tokens/NOPE.json").status()).isEqualTo(404);
        var elsewhere = http.get("/open311/v2/services.json?jurisdiction_id=lyon.fr");
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().get(0).path("description").asText()).contains("marseille.fr");
    }

    @Test
    void theReportPageIsServedAndGetsItsKey() {
        var page = http.get("/report.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/leaflet/1.9.4/dist/leaflet.js").contains("/report.js");
        assertThat(http.get("/report.js").status()).isEqualTo(200);
        assertThat(http.get("/webjars/leaflet/1.9.4/dist/leaflet.js").status()).isEqualTo(200);
        JsonNode form = http.get("/open311/web-form").json();
        assertThat(form.path("open").asBoolean()).isTrue();
        assertThat(form.path("api_key").asText()).isEqualTo(WEB_KEY);
        assertThat(form.path("base").asText()).isEqualTo("/open311/v2");
        assertThat(form.path("bounds")).hasSize(4);
    }

    @Test
    void anotherCitysAnswerIsReadAsAFeedOnceHoweverOftenItIsPolled() throws Exception {
        String answer = java.nio.file.Files.readString(Path.of(System.getProperty("vigie.root", ".."))
                .resolve("../shared/data/incidents/open311/get_requests_response.xml"));
        var first = http.post("/api/v1/feeds/open311?source=sf311", answer, "text/xml");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().path("accepted").asInt()).isEqualTo(1); // the closed request gives no event
        var again = http.post("/api/v1/feeds/open311?source=sf311", answer, "text/xml");
        assertThat(again.json().path("accepted").asInt()).isZero();
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(1);

        String unplaced = "[{\"service_request_id\":\"77\",\"status\":\"open\",\"service_name\":\"Pothole\","
                + "\"requested_datetime\":\"2026-07-14T08:00:00Z\",\"address\":\"1 Main St\"}]";
        var rejected = http.post("/api/v1/feeds/open311?source=sf311", unplaced, "application/json");
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(http.get("/api/v1/quarantine?limit=20").json().path("items").findValuesAsText("reason"))
                .anyMatch(reason -> reason.contains("no location"));
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from) + from.length();
        return s.substring(a, s.indexOf(to, a));
    }
}
