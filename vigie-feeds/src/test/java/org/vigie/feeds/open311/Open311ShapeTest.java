package org.vigie.feeds.open311;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.EventType;
import org.vigie.feeds.open311.Open311Writer.Created;
import org.vigie.feeds.open311.Open311Writer.Error;
import org.vigie.feeds.open311.ServiceAttribute.Datatype;
import org.vigie.feeds.open311.ServiceAttribute.Value;
import org.vigie.feeds.open311.ServiceRequest.Status;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What the writer produces, field by field against every example of the specification: the same element and
 * key names, the same nesting, the same value types (the JSON Schemas decide where an example disagrees with
 * them, e.g. a numeric {@code service_request_id} that the schema says is a string), and in XML the same values.
 */
class Open311ShapeTest {
    private static final Instant T0 = W3cDateTime.parse("2010-04-14T06:37:38-08:00");

    /** Key → JSON types allowed, and the shapes of nested lists, from a JSON Schema. */
    record Shape(Map<String, Set<String>> types, Map<String, Shape> children) {
        static final Shape NONE = new Shape(Map.of(), Map.of());

        static Shape of(JsonNode schema) {
            var types = new HashMap<String, Set<String>>();
            var children = new HashMap<String, Shape>();
            schema.path("properties").properties().forEach(e -> {
                JsonNode p = e.getValue();
                var t = new TreeSet<String>();
                if (p.has("type")) {
                    t.add(p.get("type").asText());
                }
                p.path("anyOf").forEach(a -> t.add(a.path("type").asText()));
                types.put(e.getKey(), t);
                if (p.path("items").has("properties")) {
                    children.put(e.getKey(), of(p.get("items")));
                }
            });
            return new Shape(types, children);
        }

        static Shape file(String name) {
            return of(Fixtures.tolerantJson(Fixtures.text("schema/" + name)));
        }

        static Shape swagger(String definition) {
            return of(Fixtures.tolerantJson(Fixtures.text("schema/swagger.json")).path("definitions").path(definition));
        }
    }

    // Test data: the examples' own values, so that XML can be compared value by value too.

    static ServiceRequest request638344() {
        return new ServiceRequest("638344", Status.CLOSED, "Duplicate request.", "Sidewalk and Curb Issues", "006", null,
                null, null, T0, T0, W3cDateTime.parse("2010-04-15T06:37:38-08:00"), "8TH AVE and JUDAH ST", "545483",
                "94122", 37.762221815, -122.4651145, "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg");
    }

    static ServiceRequest request638349() {
        Instant t = W3cDateTime.parse("2010-04-19T06:37:38-08:00");
        return new ServiceRequest("638349", Status.OPEN, null, "Sidewalk and Curb Issues", "006", null, null, null, t, t,
                t, "8TH AVE and JUDAH ST", "545483", "94122", 37.762221815, -122.4651145,
                "http://city.gov.s3.amazonaws.com/requests/media/638349.jpg");
    }

    static List<Service> exampleServices() {
        var question = List.of(ServiceAttribute.choice("q", 1, "?", true, List.of(new Value("a", "A"))));
        return List.of(
                new Service("001", "Cans left out 24x7", "Garbage or recycling cans that have been left out for more than "
                        + "24 hours after collection. Violators will be cited.", "lorem, ipsum, dolor", "sanitation",
                        EventType.WASTE, null, question),
                new Service("002", "Construction plate shifted", "Metal construction plate covering the street or "
                        + "sidewalk has been moved.", "lorem, ipsum, dolor", "street", EventType.ROAD_HAZARD, null, question),
                new Service("003", "Curb or curb ramp defect", "Sidewalk curb or ramp has problems such as cracking, "
                        + "missing pieces, holes, and/or chipped curb.", "lorem, ipsum, dolor", "street",
                        EventType.ROAD_HAZARD, null, question));
    }

    static Service dmv66() {
        return new Service("DMV66", "Vehicle", null, null, null, EventType.OTHER, null, List.of(new ServiceAttribute(true,
                "WHISHETN", Datatype.SINGLEVALUELIST, true, null, 1, "What is the ticket/tag/DL number?",
                List.of(new Value("123", "Ford"), new Value("124", "Chrysler")))));
    }

    @Test
    void requestsAnswerLikeTheExample() {
        var both = List.of(request638344(), request638349());
        compareJson("get_requests_response.json", Open311Writer.requests(both, ResponseFormat.JSON),
                Shape.file("request.json"), Set.of());
        compareXml("get_requests_response.xml", Open311Writer.requests(both, ResponseFormat.XML), Set.of());
    }

    @Test
    void oneRequestAnswersLikeTheExample() {
        var one = List.of(request638344());
        compareJson("get_request_response.json", Open311Writer.requests(one, ResponseFormat.JSON),
                Shape.file("request.json"), Set.of());
        compareXml("get_request_response.xml", Open311Writer.requests(one, ResponseFormat.XML), Set.of());
    }

    @Test
    void servicesAnswerLikeTheExample() {
        compareJson("get_services.json", Open311Writer.services(exampleServices(), ResponseFormat.JSON),
                Shape.file("service.json"), Set.of());
        compareXml("get_services.xml", Open311Writer.services(exampleServices(), ResponseFormat.XML), Set.of());
    }

    @Test
    void serviceDefinitionAnswersLikeTheExample() {
        compareJson("get_service_definition.json", Open311Writer.serviceDefinition(dmv66(), ResponseFormat.JSON),
                Shape.file("service-definition.json"), Set.of());
        compareXml("get_service_definition.xml", Open311Writer.serviceDefinition(dmv66(), ResponseFormat.XML), Set.of());
    }

    @Test
    void createdRequestAnswersLikeTheExampleWithTheTokenTheSpecificationAllows() {
        var created = List.of(new Created("293944", "t0k3n", "The City will inspect and require the responsible party "
                + "to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public "
                + "Works Code"));
        assertThat(Shape.swagger("RequestResponse").types()).containsKey("token");
        compareJson("post_request_response.json", Open311Writer.created(created, ResponseFormat.JSON),
                Shape.swagger("RequestResponse"), Set.of("token"));
        compareXml("post_request_response.xml", Open311Writer.created(created, ResponseFormat.XML), Set.of("token"));
        // account_id is in the shape but never carries anything: Vigie keeps no accounts.
        assertThat(Fixtures.tolerantJson(Open311Writer.created(created, ResponseFormat.JSON)).get(0).get("account_id")
                .isNull()).isTrue();
    }

    @Test
    void tokenAnswersLikeTheExample() {
        compareJson("get_token_response.json", Open311Writer.token("638344", "12345", ResponseFormat.JSON),
                Shape.swagger("TokenResponse"), Set.of());
        compareXml("get_token_response.xml", Open311Writer.token("638344", "12345", ResponseFormat.XML), Set.of());
    }

    @Test
    void errorsAnswerExactlyLikeTheExample() {
        var errors = List.of(new Error(403, "Invalid api_key received -- can't proceed with create_request."));
        assertThat(Fixtures.httpStatus("error_403.json.http.txt")).isEqualTo(403);
        assertThat(Fixtures.tolerantJson(Open311Writer.errors(errors, ResponseFormat.JSON)))
                .isEqualTo(Fixtures.tolerantJson(Fixtures.httpBody("error_403.json.http.txt")));
        assertThat(Fixtures.httpStatus("error_403.xml.http.txt")).isEqualTo(403);
        compareXmlText(Fixtures.httpBody("error_403.xml.http.txt"), Open311Writer.errors(errors, ResponseFormat.XML),
                Set.of());
    }

    @Test
    void theExampleFormIsReadWithoutItsPersonalFields() {
        String body = Fixtures.httpBody("post_request.http.txt").trim();
        assertThat(Fixtures.text("post_request.http.txt")).contains("application/x-www-form-urlencoded");
        var catalog = new ServiceCatalog(List.of(new Service("001", "Sinkhole", null, null, null, EventType.ROAD_HAZARD,
                null, List.of(
                new ServiceAttribute(true, "WHISPAWN", Datatype.STRING, true, null, 1, "Permit", List.of()),
                new ServiceAttribute(true, "WHISDORN", Datatype.STRING, false, null, 2, "Code", List.of())))));
        var result = ServiceRequestForm.read(FormBodies.decode(body), catalog);
        assertThat(result.problems()).isEmpty();
        var s = result.submission();
        assertThat(s.lat()).isEqualTo(37.76524078);
        assertThat(s.lon()).isEqualTo(-122.4212043);
        assertThat(s.address()).isEqualTo("1234 5th street");
        assertThat(s.description()).isEqualTo("A large sinkhole is destroying the street");
        assertThat(s.mediaUrl()).isEqualTo("http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg");
        assertThat(s.answers()).containsEntry("WHISPAWN", "123456").containsEntry("WHISDORN", "COISL001");
        var event = s.toEvent("SR1", Instant.parse("2026-07-14T10:00:00Z"), "/open311/v2/requests/SR1.json", "api");
        String everything = s + " " + event;
        for (String personal : List.of("smit333", "sfgov.edu", "john", "smith", "111111111", "tt222111")) {
            assertThat(everything).doesNotContainIgnoringCase(personal);
        }
        assertThat(event.source().id()).isEqualTo("SR1");
        assertThat(event.attributes().asMap()).containsEntry("attribute_whispawn", "123456")
                .doesNotContainKeys("email", "account_id", "device_id", "first_name", "last_name", "phone");
    }

    @Test
    void everyExampleFileIsCovered() throws Exception {
        // A new example in the data folder must get a comparison here.
        var covered = Set.of("error_403.json.http.txt", "error_403.xml.http.txt", "get_request_response.json",
                "get_request_response.xml", "get_requests_response.json", "get_requests_response.xml",
                "get_service_definition.json", "get_service_definition.xml", "get_services.json", "get_services.xml",
                "get_token_response.json", "get_token_response.xml", "post_request.http.txt",
                "post_request_response.json", "post_request_response.xml");
        try (Stream<java.nio.file.Path> files = Files.list(Fixtures.DIR)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(covered);
        }
    }

    @Test
    void discoveryHasTheSpecificationFieldsInBothEncodings() {
        var d = new Open311Writer.Discovery(T0, "ops@example.org", "Ask the operations centre", List.of(
                new Open311Writer.Endpoint("http://localhost/open311/v2", T0, "production",
                        List.of("text/xml", "application/json"))));
        JsonNode json = Fixtures.tolerantJson(Open311Writer.discovery(d, ResponseFormat.JSON));
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("changeset", "contact", "key_service", "endpoints");
        assertThat(fieldNames(json.path("endpoints").get(0)))
                .containsExactlyInAnyOrder("specification", "url", "changeset", "type", "formats");
        assertThat(json.path("endpoints").get(0).path("formats").get(1).asText()).isEqualTo("application/json");
        Element xml = parseXml(Open311Writer.discovery(d, ResponseFormat.XML));
        assertThat(xml.getTagName()).isEqualTo("discovery");
        Element endpoint = children(children(xml).stream().filter(e -> e.getTagName().equals("endpoints")).findFirst()
                .orElseThrow()).get(0);
        assertThat(endpoint.getTagName()).isEqualTo("endpoint");
        assertThat(children(endpoint).stream().map(Element::getTagName))
                .containsExactly("specification", "url", "changeset", "type", "formats");
    }

    // JSON: names, nesting and types.

    private static void compareJson(String fixture, String ours, Shape shape, Set<String> extras) {
        compareJson(fixture, Fixtures.tolerantJson(Fixtures.text(fixture)), Fixtures.tolerantJson(ours), shape, extras);
    }

    private static void compareJson(String path, JsonNode f, JsonNode o, Shape shape, Set<String> extras) {
        if (f.isArray()) {
            assertThat(o.isArray()).as(path + " is an array in the example").isTrue();
            assertThat(o.size()).as(path + ": test data has items to compare").isPositive();
            var first = fieldNames(f.get(0));
            for (JsonNode item : f) {
                assertThat(fieldNames(item)).as(path + ": the example's items share their keys").isEqualTo(first);
            }
            for (int i = 0; i < o.size(); i++) {
                compareJson(path + "[" + i + "]", f.get(0), o.get(i), shape, extras);
            }
            return;
        }
        if (f.isObject()) {
            assertThat(o.isObject()).as(path + " is an object in the example").isTrue();
            Set<String> fk = fieldNames(f);
            Set<String> ok = fieldNames(o);
            assertThat(ok).as(path + ": every key of the example").containsAll(fk);
            var extra = new LinkedHashSet<>(ok);
            extra.removeAll(fk);
            assertThat(extra).as(path + ": keys beyond the example are only those the specification defines")
                    .isSubsetOf(extras);
            for (String k : ok) {
                JsonNode fv = f.get(k);
                JsonNode ov = o.get(k);
                if (fv != null && fv.isContainerNode()) {
                    compareJson(path + "." + k, fv, ov, shape.children().getOrDefault(k, Shape.NONE), Set.of());
                } else {
                    assertThat(ov.isContainerNode()).as(path + "." + k + " is a single value").isFalse();
                    Set<String> allowed = new TreeSet<>(shape.types().getOrDefault(k,
                            fv == null || fv.isNull() ? Set.of("string", "number", "boolean") : Set.of(type(fv))));
                    if (fv == null || fv.isNull()) {
                        allowed.add("null");
                    }
                    assertThat(allowed).as(path + "." + k + " = " + ov + " has an allowed type").contains(type(ov)
                            .equals("integer") && !allowed.contains("integer") ? "number" : type(ov));
                }
            }
            return;
        }
        throw new AssertionError(path + ": the example's top level is neither an array nor an object");
    }

    private static String type(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        return v.isIntegralNumber() ? "integer" : "number";
    }

    private static Set<String> fieldNames(JsonNode n) {
        var names = new TreeSet<String>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // XML: element names, nesting and values.

    private static void compareXml(String fixture, String ours, Set<String> extras) {
        compareXmlText(Fixtures.text(fixture), ours, extras);
    }

    private static void compareXmlText(String fixture, String ours, Set<String> extras) {
        assertThat(ours).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        compareXml("", parseXml(fixture), parseXml(ours), extras);
    }

    private static void compareXml(String path, Element f, Element o, Set<String> extras) {
        String here = path + "/" + f.getTagName();
        assertThat(o.getTagName()).as(here).isEqualTo(f.getTagName());
        List<Element> fc = children(f);
        List<Element> oc = children(o);
        if (fc.isEmpty()) {
            assertThat(oc).as(here + " holds only text").isEmpty();
            String expected = f.getTextContent().trim();
            String actual = o.getTextContent().trim();
            if (f.getTagName().endsWith("_datetime") && !expected.isEmpty()) {
                assertThat(W3cDateTime.parse(actual)).as(here).isEqualTo(W3cDateTime.parse(expected));
            } else {
                assertThat(actual).as(here).isEqualTo(expected.replaceAll("\\s+", " "));
            }
            return;
        }
        var fNames = new LinkedHashSet<String>();
        fc.forEach(e -> fNames.add(e.getTagName()));
        var oNames = new LinkedHashSet<String>();
        oc.forEach(e -> oNames.add(e.getTagName()));
        assertThat(oNames).as(here + ": every element of the example").containsAll(fNames);
        var extra = new LinkedHashSet<>(oNames);
        extra.removeAll(fNames);
        assertThat(extra).as(here + ": elements beyond the example").isSubsetOf(extras);
        // Repeated elements (one per request, service, value) are compared in order with the example's.
        var byName = new HashMap<String, List<Element>>();
        fc.forEach(e -> byName.computeIfAbsent(e.getTagName(), k -> new ArrayList<>()).add(e));
        var seen = new HashMap<String, Integer>();
        for (Element child : oc) {
            List<Element> candidates = byName.get(child.getTagName());
            if (candidates == null) {
                continue; // an allowed extra
            }
            int i = seen.merge(child.getTagName(), 1, Integer::sum) - 1;
            assertThat(i).as(here + ": no more <" + child.getTagName() + "> than the example").isLessThan(candidates.size());
            compareXml(here, candidates.get(i), child, extras);
        }
        byName.forEach((name, list) -> assertThat(seen.get(name)).as(here + ": as many <" + name + "> as the example")
                .isEqualTo(list.size()));
    }

    static Element parseXml(String text) {
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(text.trim())));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not XML: " + text, e);
        }
    }

    static List<Element> children(Element e) {
        var out = new ArrayList<Element>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
