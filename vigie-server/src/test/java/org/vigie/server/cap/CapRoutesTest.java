package org.vigie.server.cap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.Correlator;
import org.vigie.core.geo.City;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.core.model.EventId;
import org.vigie.feeds.cap.CapFormat;
import org.vigie.server.VigieServer;
import org.vigie.server.feeds.FeedRoutes;
import org.vigie.server.ingest.IngestService;
import org.vigie.server.live.LiveUpdates;
import org.vigie.store.Store;
import org.vigie.store.StoreConfig;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CAP in and out through the real HTTP server, store (SQLite in a temporary folder) and correlator, wired as the
 * platform wires them: alerts uploaded to {@code POST /api/v1/feeds/cap}, incidents confirmed through the verdict
 * route, and {@code GET /api/v1/cap/alerts} read back, every alert checked against the OASIS CAP 1.2 schema.
 */
class CapRoutesTest {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";
    static final String SENDER = "vigie@csu.test.example";
    static final Path FIXTURES = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/alerts/cap");

    @TempDir
    static Path dataDir;
    static Store store;
    static Correlator correlator;
    static LiveUpdates live;
    static VigieServer server;
    static HttpClient client;
    static String base;
    static Schema capSchema;

    @BeforeAll
    static void start() throws Exception {
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
        server = new VigieServer(new VigieServer.Settings("127.0.0.1", 0), store, correlator, ingest, city, live, metrics,
                clock, List.of(new FeedRoutes(List.of(new CapFormat(city)), ingest, clock),
                new CapRoutes(store, city, clock, SENDER))).start();
        base = "http://127.0.0.1:" + server.port();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try (InputStream xsd = CapRoutesTest.class.getResourceAsStream("/cap/CAP-v1.2.xsd")) {
            capSchema = factory.newSchema(new javax.xml.transform.stream.StreamSource(xsd));
        }
    }

    @AfterAll
    static void stop() {
        live.close();
        server.close();
        correlator.close();
        store.close();
    }

    record Response(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }
    }

    static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    static Response post(String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static JsonNode eventually(Supplier<JsonNode> probe, Predicate<JsonNode> done) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 300; i++) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within 30 s; last answer: " + last);
    }

    static String event(String type, double lat, double lon, Instant at) {
        return """
                {"id": "%s", "occurredAt": "%s", "source": {"kind": "camera", "id": "cam-%s"}, "type": "%s",
                 "location": {"lat": %s, "lon": %s, "accuracyMeters": 25}, "confidence": 0.9}"""
                .formatted(EventId.newId(), at, type, type, lat, lon);
    }

    /** Acknowledges then confirms the one incident of this type near there, and returns it as the API shows it. */
    static JsonNode confirm(String type, double lat, double lon) throws InterruptedException {
        String bbox = (lon - 0.01) + "," + (lat - 0.01) + "," + (lon + 0.01) + "," + (lat + 0.01);
        JsonNode incident = eventually(() -> get("/api/v1/incidents?type=" + type + "&bbox=" + bbox).json(),
                p -> p.path("total").asInt() == 1).path("items").get(0);
        String path = "/api/v1/incidents/" + incident.path("id").asText() + "/verdict";
        long version = incident.path("version").asLong();
        var ack = post(path, ("{\"status\": \"acknowledged\", \"version\": " + version + ", \"by\": \"op-1\"}")
                .getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        var confirm = post(path, ("{\"status\": \"confirmed\", \"version\": " + (version + 1)
                + ", \"by\": \"op-1\", \"reason\": \"seen\"}").getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(confirm.status()).as(confirm.text()).isEqualTo(200);
        return confirm.json();
    }

    static Document xml(byte[] body) throws Exception {
        var f = DocumentBuilderFactory.newDefaultNSInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static List<Element> children(Element parent, String ns, String name) {
        var out = new ArrayList<Element>();
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    static String text(Element parent, String name) {
        List<Element> found = children(parent, CAP, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    /** The feed, checked: an Atom envelope with what RFC 4287 requires, and each alert valid against CAP 1.2. */
    static List<Element> alerts(String query) throws Exception {
        Response r = get(CapRoutes.PATH + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/atom+xml");
        Element feed = xml(r.body()).getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(children(feed, ATOM, required)).as("feed/" + required).isNotEmpty();
        }
        var alerts = new ArrayList<Element>();
        for (Element entry : children(feed, ATOM, "entry")) {
            for (String required : List.of("id", "title", "updated", "content")) {
                assertThat(children(entry, ATOM, required)).as("entry/" + required).hasSize(1);
            }
            Element content = children(entry, ATOM, "content").get(0);
            assertThat(content.getAttribute("type")).isEqualTo("application/cap+xml");
            List<Element> alert = children(content, CAP, "alert");
            assertThat(alert).hasSize(1);
            capSchema.newValidator().validate(new DOMSource(alert.get(0)));
            alerts.add(alert.get(0));
        }
        return alerts;
    }

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    @Test
    void confirmedIncidentsAreServedAsValidCapAlertsNewestFirstAndUpdatedWhenTheyGrow() throws Exception {
        Instant t = Instant.now().minusSeconds(60);
        // A fire from two cameras in the 2e arrondissement, and an alert from the fire brigade in CAP.
        var r = post("/api/v1/events", ("[" + event("fire", 43.3080, 5.3660, t) + "," + event("fire", 43.3081, 5.3662,
                t.plusSeconds(10)) + "]").getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        String cap = """
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>SDIS13-2026-0001</identifier><sender>cta@sdis13.example</sender><sent>%s</sent>
                  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
                  <info><category>CBRNE</category><event>Fuite de gaz</event><urgency>Immediate</urgency>
                    <severity>Extreme</severity><certainty>Observed</certainty><headline>Fuite de gaz, Castellane</headline>
                    <area><areaDesc>Castellane</areaDesc><circle>43.2858,5.3836 0.2</circle></area></info>
                </alert>""".formatted(org.vigie.feeds.cap.CapAlertWriter.capTime(t));
        var upload = post("/api/v1/feeds/cap?source=sdis13", cap.getBytes(StandardCharsets.UTF_8), "application/cap+xml");
        assertThat(upload.status()).as(upload.text()).isEqualTo(202);
        assertThat(upload.json().path("accepted").asInt()).isEqualTo(1);

        JsonNode fire = confirm("fire", 43.3080, 5.3660);
        JsonNode gas = confirm("hazmat", 43.2858, 5.3836);

        List<Element> alerts = alerts("");
        assertThat(alerts).extracting(a -> text(a, "identifier"))
                .containsExactly(gas.path("id").asText(), fire.path("id").asText());
        Element fireAlert = alerts.get(1);
        assertThat(text(fireAlert, "sender")).isEqualTo(SENDER);
        assertThat(text(fireAlert, "status")).isEqualTo("Actual");
        assertThat(text(fireAlert, "msgType")).isEqualTo("Alert");
        assertThat(text(fireAlert, "scope")).isEqualTo("Public");
        assertThat(text(fireAlert, "category")).isEqualTo("Fire");
        assertThat(text(fireAlert, "event")).isEqualTo("Fire");
        assertThat(text(fireAlert, "severity")).isEqualTo("Severe");
        assertThat(text(fireAlert, "certainty")).isEqualTo("Observed");
        int priority = fire.path("priority").asInt();
        assertThat(text(fireAlert, "urgency")).isEqualTo(priority <= 2 ? "Immediate" : priority == 3 ? "Expected" : "Future");
        assertThat(text(fireAlert, "areaDesc")).isEqualTo("Marseille 2e Arrondissement");
        String[] circle = text(fireAlert, "circle").split("[ ,]");
        assertThat(Double.parseDouble(circle[0])).isCloseTo(fire.path("location").path("lat").asDouble(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Double.parseDouble(circle[1])).isCloseTo(fire.path("location").path("lon").asDouble(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(text(alerts.get(0), "category")).isEqualTo("CBRNE");
        assertThat(text(alerts.get(0), "severity")).isEqualTo("Extreme");

        // A third camera sees the fire after the confirmation: the next read is an Update of the first alert.
        post("/api/v1/events", ("[" + event("fire", 43.3079, 5.3661, Instant.now().minusSeconds(5)) + "]")
                .getBytes(StandardCharsets.UTF_8), "application/json");
        eventually(() -> get("/api/v1/incidents/" + fire.path("id").asText()).json(),
                i -> i.path("eventCount").asInt() == 3 || i.path("events").size() == 3);
        Element update = alerts("").stream().filter(a -> text(a, "incidents").equals(fire.path("id").asText()))
                .findFirst().orElseThrow();
        assertThat(text(update, "msgType")).isEqualTo("Update");
        assertThat(text(update, "identifier")).startsWith(fire.path("id").asText() + "-v");
        assertThat(text(update, "references")).startsWith(SENDER + "," + fire.path("id").asText() + ",");

        // Paging: one per page, newest first, with a link to the next page.
        Response first = get(CapRoutes.PATH + "?limit=1");
        Element feed = xml(first.body()).getDocumentElement();
        assertThat(children(feed, ATOM, "link")).anySatisfy(l -> {
            assertThat(l.getAttribute("rel")).isEqualTo("next");
            assertThat(l.getAttribute("href")).endsWith(CapRoutes.PATH + "?limit=1&offset=1");
        });
        assertThat(alerts("?limit=1")).extracting(a -> text(a, "incidents")).containsExactly(gas.path("id").asText());
        assertThat(alerts("?limit=1&offset=1")).extracting(a -> text(a, "incidents")).containsExactly(fire.path("id").asText());
        assertThat(alerts("?since=" + Instant.now().plusSeconds(3600))).isEmpty();

        var bad = get(CapRoutes.PATH + "?limit=0&since=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").findValuesAsText("field")).containsExactlyInAnyOrder("limit", "since");
    }

    @Test
    void capDocumentsUploadedToTheFeedRouteBecomeEventsOrQuarantine() throws Exception {
        var valid = post("/api/v1/feeds/cap?source=rfs-nsw", fixture("bushfire_valid.edxlde"), "application/xml");
        assertThat(valid.status()).as(valid.text()).isEqualTo(202);
        assertThat(valid.json().path("accepted").asInt()).isEqualTo(7);
        String id = valid.json().path("ids").get(0).asText();
        JsonNode stored = get("/api/v1/events/" + id).json();
        assertThat(stored.path("type").asText()).isEqualTo("fire");
        assertThat(stored.path("source").path("kind").asText()).isEqualTo("cap_feed");
        assertThat(stored.path("source").path("id").asText()).isEqualTo("rfs-nsw");

        var again = post("/api/v1/feeds/cap?source=rfs-nsw", fixture("bushfire_valid.edxlde"), "application/xml");
        assertThat(again.json().path("accepted").asInt()).isZero();
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(7);

        long quarantined = get("/api/v1/quarantine").json().path("total").asLong();
        var partly = post("/api/v1/feeds/cap?source=rfs-nsw", fixture("bushfire_invalid.edxlde"), "application/xml");
        assertThat(partly.status()).isEqualTo(202);
        assertThat(partly.json().path("rejected").asInt()).isEqualTo(2);
        assertThat(partly.json().path("errors").findValuesAsText("message"))
                .anySatisfy(m -> assertThat(m).contains("<urgency> at line 115 is 'Foobar'"));

        var nothing = post("/api/v1/feeds/cap?source=nws", fixture("amber.atom"), "application/atom+xml");
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.json().path("details").findValuesAsText("message"))
                .anySatisfy(m -> assertThat(m).contains("FIPS6=006037"));

        var hostile = post("/api/v1/feeds/cap?source=nws", fixture("xee.cap"), "application/xml");
        assertThat(hostile.status()).isEqualTo(400);
        assertThat(hostile.json().path("type").asText()).isEqualTo("unreadable-document");
        assertThat(hostile.json().path("title").asText()).contains("DTD");

        JsonNode q = get("/api/v1/quarantine?limit=50").json();
        assertThat(q.path("total").asLong()).isEqualTo(quarantined + 4);
        assertThat(q.path("items").findValuesAsText("reason"))
                .anySatisfy(reason -> assertThat(reason).contains("entry 1 (line 5", "FIPS6=006037"))
                .anySatisfy(reason -> assertThat(reason).contains("DTD"));
        assertThat(q.path("items").findValuesAsText("channel")).contains("feed:cap:nws", "feed:cap:rfs-nsw");
    }
}
