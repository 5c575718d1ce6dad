package org.vigie.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.core.geo.Cells;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventRules;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.FieldError;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;
import org.vigie.core.model.Source;
import org.vigie.core.model.SourceKind;

/**
 * Maps events to and from JSON. Reading is strict and exhaustive: it does not stop at the first problem but
 * names every wrong field (missing, wrong JSON type, unknown enum value, out of range, unknown key), so a
 * producer can fix a record in one round trip. {@code receivedAt} is always set by the receiver.
 */
public final class EventJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("id", "occurredAt", "receivedAt", "source", "type", "location",
            "confidence", "severity", "attributes", "evidence");

    private EventJson() {
    }

    public static ObjectNode write(Event e) {
        ObjectNode n = NODES.objectNode();
        n.put("id", e.id().toString());
        n.put("occurredAt", e.occurredAt().toString());
        n.put("receivedAt", e.receivedAt().toString());
        n.putObject("source").put("kind", e.source().kind().jsonName()).put("id", e.source().id());
        n.put("type", e.type().jsonName());
        n.put("capCategory", e.type().capCategory().capName());
        n.set("location", writeLocation(e.location()));
        n.put("confidence", e.confidence());
        n.put("severity", e.severity().jsonName());
        n.set("attributes", writeAttributes(e.attributes()));
        ArrayNode ev = n.putArray("evidence");
        for (EvidenceRef r : e.evidence()) {
            ObjectNode o = ev.addObject().put("kind", r.kind().jsonName()).put("uri", r.uri());
            if (r.sha256() != null) {
                o.put("sha256", r.sha256());
            }
        }
        return n;
    }

    public static ObjectNode writeLocation(Location l) {
        return NODES.objectNode().put("lat", l.lat()).put("lon", l.lon()).put("accuracyMeters", l.accuracyMeters())
                .put("h3", Cells.toText(l.cell()));
    }

    public static ObjectNode writeAttributes(Attributes a) {
        ObjectNode o = NODES.objectNode();
        a.asMap().forEach((k, v) -> {
            switch (v) {
                case String s -> o.put(k, s);
                case Long l -> o.put(k, l);
                case Double d -> o.put(k, d);
                case Boolean b -> o.put(k, b);
                default -> throw new IllegalStateException("attribute type " + v.getClass());
            }
        });
        return o;
    }

    /**
     * Reads one event record.
     *
     * @param receivedAt when the record reached Vigie; the future-time rule is measured from it
     */
    public static EventReadResult read(JsonNode node, Instant receivedAt) {
        var errors = new ArrayList<FieldError>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError("", "an event must be a JSON object"));
            return new EventReadResult.Invalid(errors);
        }
        var unknown = new TreeSet<String>();
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f) && !f.equals("capCategory")) {
                unknown.add(f);
            }
        });
        unknown.forEach(f -> errors.add(new FieldError(f, "unknown field; expected one of " + new TreeSet<>(FIELDS))));

        EventId id = null;
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isNull()) {
            try {
                id = EventId.parse(text(idNode));
            } catch (IllegalArgumentException ex) {
                errors.add(new FieldError("id", "must be a UUID (a time-ordered UUIDv7 is best), got " + idNode));
            }
        }
        Instant occurredAt = readInstant(node, "occurredAt", errors);
        Source source = readSource(node.get("source"), errors);
        EventType type = null;
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            errors.add(new FieldError("type", "is required"));
        } else if (!typeNode.isTextual()) {
            errors.add(new FieldError("type", "must be a string"));
        } else {
            type = EventType.fromJson(typeNode.asText()).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "unknown event type '" + typeNode.asText() + "'; see GET /api/v1/taxonomy"));
            }
        }
        Location location = readLocation(node.get("location"), errors);
        Double confidence = readNumber(node, "confidence", true, errors);
        if (confidence != null) {
            errors.addAll(EventRules.checkConfidence(confidence));
        }
        Severity severity = null;
        JsonNode sevNode = node.get("severity");
        if (sevNode != null && !sevNode.isNull()) {
            severity = sevNode.isTextual() ? Severity.fromJson(sevNode.asText()).orElse(null) : null;
            if (severity == null) {
                errors.add(new FieldError("severity", "must be one of extreme, severe, moderate, minor, unknown"));
            }
        }
        Attributes attributes = readAttributes(node.get("attributes"), errors);
        List<EvidenceRef> evidence = readEvidence(node.get("evidence"), errors);
        if (occurredAt != null) {
            errors.addAll(EventRules.checkTimes(occurredAt, receivedAt));
        }
        if (!errors.isEmpty()) {
            return new EventReadResult.Invalid(errors);
        }
        return new EventReadResult.Valid(new Event(id != null ? id : EventId.newId(), occurredAt, receivedAt, source,
                type, location, confidence, severity != null ? severity : type.defaultSeverity(), attributes,
                evidence));
    }

    private static String text(JsonNode n) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException("not a string");
        }
        return n.asText();
    }

    private static Instant readInstant(JsonNode node, String field, List<FieldError> errors) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            errors.add(new FieldError(field, "is required (ISO-8601 instant, e.g. 2026-07-14T21:30:00Z)"));
            return null;
        }
        try {
            return Instant.parse(text(n));
        } catch (IllegalArgumentException | DateTimeParseException ex) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant with a zone, e.g. 2026-07-14T21:30:00Z; got " + n));
            return null;
        }
    }

    private static Double readNumber(JsonNode node, String field, boolean required, List<FieldError> errors) {
        return readNumber(node, field, field, required, errors);
    }

    private static Double readNumber(JsonNode node, String field, String path, boolean required, List<FieldError> errors) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!n.isNumber()) {
            errors.add(new FieldError(path, "must be a number, got " + n));
            return null;
        }
        return n.asDouble();
    }

    private static Source readSource(JsonNode n, List<FieldError> errors) {
        if (n == null || n.isNull()) {
            errors.add(new FieldError("source", "is required: {\"kind\": ..., \"id\": ...}"));
            return null;
        }
        if (!n.isObject()) {
            errors.add(new FieldError("source", "must be an object {\"kind\": ..., \"id\": ...}"));
            return null;
        }
        SourceKind kind = null;
        JsonNode k = n.get("kind");
        if (k == null || !k.isTextual() || (kind = SourceKind.fromJson(k.asText()).orElse(null)) == null) {
            errors.add(new FieldError("source.kind", "must be one of "
                    + java.util.Arrays.stream(SourceKind.values()).map(SourceKind::jsonName).toList()));
        }
        JsonNode id = n.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > Source.MAX_ID_LENGTH) {
            errors.add(new FieldError("source.id", "must be a non-empty string of at most " + Source.MAX_ID_LENGTH
                    + " characters naming the sensor or channel"));
            return null;
        }
        return kind == null ? null : new Source(kind, id.asText());
    }

    private static Location readLocation(JsonNode n, List<FieldError> errors) {
        if (n == null || n.isNull()) {
            errors.add(new FieldError("location", "is required: {\"lat\": ..., \"lon\": ..., \"accuracyMeters\": ...}"));
            return null;
        }
        if (!n.isObject()) {
            errors.add(new FieldError("location", "must be an object"));
            return null;
        }
        Double lat = readNumber(n, "lat", "location.lat", true, errors);
        Double lon = readNumber(n, "lon", "location.lon", true, errors);
        Double acc = readNumber(n, "accuracyMeters", "location.accuracyMeters", false, errors);
        // Range-check whatever is present even when a sibling is missing, so every wrong field is named.
        var rangeErrors = EventRules.checkLocation("location", lat == null ? 0 : lat, lon == null ? 0 : lon,
                acc == null ? 0 : acc);
        errors.addAll(rangeErrors);
        if (lat == null || lon == null || !rangeErrors.isEmpty()) {
            return null;
        }
        return Location.of(lat, lon, acc == null ? 0 : acc);
    }

    private static Attributes readAttributes(JsonNode n, List<FieldError> errors) {
        if (n == null || n.isNull()) {
            return Attributes.EMPTY;
        }
        if (!n.isObject()) {
            errors.add(new FieldError("attributes", "must be an object of strings, numbers and booleans"));
            return null;
        }
        if (n.size() > Attributes.MAX_ENTRIES) {
            errors.add(new FieldError("attributes", "at most " + Attributes.MAX_ENTRIES + " entries, got " + n.size()));
            return null;
        }
        var map = new LinkedHashMap<String, Object>();
        int before = errors.size();
        for (Map.Entry<String, JsonNode> entry : n.properties()) {
            JsonNode v = entry.getValue();
            Object value = v.isTextual() ? v.asText()
                    : v.isIntegralNumber() && v.canConvertToLong() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.asDouble()
                    : v.isBoolean() ? (Object) v.asBoolean() : v;
            String problem = Attributes.problem(entry.getKey(), value);
            if (problem != null) {
                errors.add(new FieldError("attributes." + entry.getKey(), problem));
            } else {
                map.put(entry.getKey(), value);
            }
        }
        return errors.size() == before ? Attributes.of(map) : null;
    }

    private static List<EvidenceRef> readEvidence(JsonNode n, List<FieldError> errors) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            errors.add(new FieldError("evidence", "must be an array of {\"kind\", \"uri\", \"sha256\"}"));
            return null;
        }
        if (n.size() > Event.MAX_EVIDENCE) {
            errors.add(new FieldError("evidence", "at most " + Event.MAX_EVIDENCE + " references, got " + n.size()));
            return null;
        }
        var refs = new ArrayList<EvidenceRef>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            String path = "evidence[" + i + "]";
            EvidenceRef.Kind kind = r.path("kind").isTextual() ? EvidenceRef.Kind.fromJson(r.path("kind").asText()).orElse(null) : null;
            if (kind == null) {
                errors.add(new FieldError(path + ".kind", "must be one of snapshot, clip, audio, record"));
            }
            String uri = r.path("uri").isTextual() ? r.path("uri").asText() : null;
            if (uri == null || uri.isBlank() || uri.length() > 2048) {
                errors.add(new FieldError(path + ".uri", "must be a non-empty string of at most 2048 characters"));
            }
            JsonNode sha = r.get("sha256");
            String digest = sha == null || sha.isNull() ? null : sha.asText();
            if (digest != null && !digest.matches("[0-9a-f]{64}")) {
                errors.add(new FieldError(path + ".sha256", "must be 64 lowercase hex digits"));
                digest = null;
            }
            if (kind != null && uri != null && !uri.isBlank()) {
                refs.add(new EvidenceRef(kind, uri, digest));
            }
        }
        return refs;
    }
}
