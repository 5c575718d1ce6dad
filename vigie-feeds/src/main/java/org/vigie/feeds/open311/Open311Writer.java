package org.vigie.feeds.open311;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes GeoReport v2 answers in the specification's shapes, JSON and XML from one description of each, so the
 * two encodings cannot drift apart: a JSON array is an XML wrapper element with one child per item (
 * {@code [ {...} ]} ↔ {@code <services><service>…</service></services>}), JSON null is an empty element.
 */
public final class Open311Writer {
    public static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    private Open311Writer() {
    }

    /** One error of an error answer; the HTTP status is the code of the first. */
    public record Error(int code, String description) {
        public Error {
            Objects.requireNonNull(description, "description");
        }
    }

    /** The answer to a created request: the id, and the token that also finds it. */
    public record Created(String serviceRequestId, String token, String serviceNotice) {
    }

    public record Discovery(Instant changeset, String contact, String keyService, List<Endpoint> endpoints) {
    }

    /** @param type {@code production} or {@code test} */
    public record Endpoint(String url, Instant changeset, String type, List<String> formats) {
    }

    public static String discovery(Discovery d, ResponseFormat format) {
        var endpoints = new ArrayList<Node>();
        for (Endpoint e : d.endpoints()) {
            var formats = new ArrayList<Node>();
            e.formats().forEach(f -> formats.add(new Scalar(f)));
            endpoints.add(new Obj(List.of(field("specification", SPECIFICATION), field("url", e.url()),
                    field("changeset", W3cDateTime.format(e.changeset())), field("type", e.type()),
                    new Field("formats", new Arr("format", formats)))));
        }
        return write(new Obj(List.of(field("changeset", W3cDateTime.format(d.changeset())),
                field("contact", d.contact()), field("key_service", d.keyService()),
                new Field("endpoints", new Arr("endpoint", endpoints)))), "discovery", format);
    }

    public static String services(List<Service> services, ResponseFormat format) {
        var items = new ArrayList<Node>();
        for (Service s : services) {
            items.add(new Obj(List.of(field("service_code", s.code()), field("service_name", s.name()),
                    field("description", s.description()), field("metadata", s.metadata()), field("type", "realtime"),
                    field("keywords", s.keywords()), field("group", s.group()))));
        }
        return write(new Arr("service", items), "services", format);
    }

    public static String serviceDefinition(Service s, ResponseFormat format) {
        var attributes = new ArrayList<Node>();
        for (ServiceAttribute a : s.attributes()) {
            var values = new ArrayList<Node>();
            a.values().forEach(v -> values.add(new Obj(List.of(field("key", v.key()), field("name", v.name())))));
            attributes.add(new Obj(List.of(field("variable", a.variable()), field("code", a.code()),
                    field("datatype", a.datatype().jsonName()), field("required", a.required()),
                    field("datatype_description", a.datatypeDescription()), field("order", a.order()),
                    field("description", a.description()), new Field("values", new Arr("value", values)))));
        }
        return write(new Obj(List.of(field("service_code", s.code()),
                new Field("attributes", new Arr("attribute", attributes)))), "service_definition", format);
    }

    public static String requests(List<ServiceRequest> requests, ResponseFormat format) {
        var items = new ArrayList<Node>();
        for (ServiceRequest r : requests) {
            items.add(new Obj(List.of(field("service_request_id", r.serviceRequestId()),
                    field("status", r.status().jsonName()), field("status_notes", r.statusNotes()),
                    field("service_name", r.serviceName()), field("service_code", r.serviceCode()),
                    field("description", r.description()), field("agency_responsible", r.agencyResponsible()),
                    field("service_notice", r.serviceNotice()),
                    field("requested_datetime", W3cDateTime.format(r.requestedDatetime())),
                    field("updated_datetime", r.updatedDatetime() == null ? null : W3cDateTime.format(r.updatedDatetime())),
                    field("expected_datetime", r.expectedDatetime() == null ? null : W3cDateTime.format(r.expectedDatetime())),
                    field("address", r.address()), field("address_id", r.addressId()), field("zipcode", r.zipcode()),
                    field("lat", r.lat()), field("long", r.lon()), field("media_url", r.mediaUrl()))));
        }
        return write(new Arr("request", items), "service_requests", format);
    }

    /**
     * {@code account_id} is always null: the specification lets a server tie requests to a person's account,
     * and Vigie never does.
     */
    public static String created(List<Created> created, ResponseFormat format) {
        var items = new ArrayList<Node>();
        for (Created c : created) {
            items.add(new Obj(List.of(field("service_request_id", c.serviceRequestId()), field("token", c.token()),
                    field("service_notice", c.serviceNotice()), field("account_id", null))));
        }
        return write(new Arr("request", items), "service_requests", format);
    }

    public static String token(String serviceRequestId, String token, ResponseFormat format) {
        return write(new Arr("request", List.of(new Obj(List.of(field("service_request_id", serviceRequestId),
                field("token", token))))), "service_requests", format);
    }

    public static String errors(List<Error> errors, ResponseFormat format) {
        var items = new ArrayList<Node>();
        errors.forEach(e -> items.add(new Obj(List.of(field("code", e.code()), field("description", e.description())))));
        return write(new Arr("error", items), "errors", format);
    }

    // One description, two encodings.

    private sealed interface Node permits Obj, Arr, Scalar {
    }

    private record Field(String name, Node value) {
    }

    private record Obj(List<Field> fields) implements Node {
    }

    /** @param itemName the element each item becomes in XML */
    private record Arr(String itemName, List<Node> items) implements Node {
    }

    /** A string, a number, a boolean or null. */
    private record Scalar(Object value) implements Node {
    }

    private static Field field(String name, Object value) {
        return new Field(name, new Scalar(value));
    }

    private static String write(Node root, String rootName, ResponseFormat format) {
        return switch (format) {
            case JSON -> json(root).toString();
            case XML -> xml(root, rootName);
        };
    }

    private static JsonNode json(Node n) {
        return switch (n) {
            case Obj o -> {
                ObjectNode out = NODES.objectNode();
                o.fields().forEach(f -> out.set(f.name(), json(f.value())));
                yield out;
            }
            case Arr a -> {
                ArrayNode out = NODES.arrayNode();
                a.items().forEach(i -> out.add(json(i)));
                yield out;
            }
            case Scalar s -> switch (s.value()) {
                case null -> NODES.nullNode();
                case String t -> NODES.textNode(t);
                case Boolean b -> NODES.booleanNode(b);
                case Integer i -> NODES.numberNode(i);
                case Long l -> NODES.numberNode(l);
                case Double d -> NODES.numberNode(d);
                default -> throw new IllegalStateException("no JSON form for " + s.value().getClass());
            };
        };
    }

    private static String xml(Node root, String rootName) {
        var out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("utf-8", "1.0");
            w.writeStartElement(rootName);
            content(w, root);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory cannot fail: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void content(XMLStreamWriter w, Node n) throws XMLStreamException {
        switch (n) {
            case Obj o -> {
                for (Field f : o.fields()) {
                    w.writeStartElement(f.name());
                    content(w, f.value());
                    w.writeEndElement();
                }
            }
            case Arr a -> {
                for (Node item : a.items()) {
                    w.writeStartElement(a.itemName());
                    content(w, item);
                    w.writeEndElement();
                }
            }
            case Scalar s -> {
                if (s.value() != null) {
                    w.writeCharacters(text(s.value()));
                }
            }
        }
    }

    private static String text(Object v) {
        return switch (v) {
            case Double d -> BigDecimal.valueOf(d).toPlainString(); // never 1.0E-4 in XML text
            case String s -> FreeText.clean(s);
            default -> v.toString();
        };
    }
}
