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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Location;
import org.vigie.core.model.MemberKind;
import org.vigie.core.model.Regrouping;
import org.vigie.core.model.Severity;
import org.vigie.core.model.Verdict;

/**
 * Maps incidents, and the correlator's changes to them, to JSON and back: for the API, live updates and exports,
 * and for the Kafka side, where the incidents topic carries changes and the correlator's state stores hold
 * incidents. Reading is strict: a wrong or missing field fails with its name, never with a default.
 */
public final class IncidentJson {
    private IncidentJson() {
    }

    /**
     * For lists and live updates: everything but the member ids, which a busy incident has thousands of, and its
     * regroupings, which list them too.
     */
    public static ObjectNode writeSummary(Incident i) {
        ObjectNode n = write(i);
        n.remove("eventIds");
        n.remove("regroupings");
        return n;
    }

    /** Everything about the incident; {@link #read} gives it back (confidence rounded to a thousandth). */
    public static ObjectNode write(Incident i) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", i.id().toString());
        n.put("type", i.type().jsonName());
        n.put("capCategory", i.type().capCategory().capName());
        n.put("status", i.status().jsonName());
        n.put("priority", i.priority());
        n.put("priorityExplanation", i.priorityExplanation());
        n.put("severity", i.severity().jsonName());
        n.put("confidence", Math.round(i.confidence() * 1000) / 1000.0);
        n.set("location", EventJson.writeLocation(i.location()));
        n.put("firstSeen", i.firstSeen().toString());
        n.put("lastSeen", i.lastSeen().toString());
        n.put("eventCount", i.eventIds().size());
        n.put("sourceCount", i.sourceCount());
        ArrayNode ids = n.putArray("eventIds");
        for (EventId id : i.eventIds()) {
            ids.add(id.toString());
        }
        ObjectNode sources = n.putObject("sources");
        i.sourceConfidence().forEach(sources::put);
        ObjectNode kinds = n.putObject("memberKinds");
        i.memberKinds().forEach((k, c) -> kinds.put(k.key(), c));
        if (i.composite() == null) {
            n.putNull("composite");
        } else {
            n.put("composite", i.composite());
        }
        if (i.mergedInto() == null) {
            n.putNull("mergedInto");
        } else {
            n.put("mergedInto", i.mergedInto().toString());
        }
        n.set("regroupings", writeRegroupings(i));
        if (i.verdict() == null) {
            n.putNull("verdict");
        } else {
            ObjectNode v = n.putObject("verdict").put("by", i.verdict().by()).put("at", i.verdict().at().toString())
                    .put("reason", i.verdict().reason());
            if (i.verdict().reasonCode() == null) {
                v.putNull("reasonCode");
            } else {
                v.put("reasonCode", i.verdict().reasonCode().jsonName());
            }
        }
        n.put("version", i.version());
        return n;
    }

    /** {@code [{"kind", "by", "at", "reason", "incidents": [...], "events": [...]}]}, oldest first. */
    public static ArrayNode writeRegroupings(Incident i) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Regrouping r : i.regroupings()) {
            ObjectNode o = out.addObject().put("kind", r.kind().jsonName()).put("by", r.by())
                    .put("at", r.at().toString()).put("reason", r.reason());
            ArrayNode incidents = o.putArray("incidents");
            for (IncidentId id : r.incidents()) {
                incidents.add(id.toString());
            }
            ArrayNode events = o.putArray("events");
            for (EventId id : r.events()) {
                events.add(id.toString());
            }
        }
        return out;
    }

    /**
     * The inverse of {@link #writeRegroupings}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<Regrouping> readRegroupings(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("regroupings must be a JSON array");
        }
        var out = new ArrayList<Regrouping>(array.size());
        for (JsonNode o : array) {
            String kind = o.path("kind").asText();
            var incidents = new ArrayList<IncidentId>();
            o.path("incidents").forEach(n -> incidents.add(IncidentId.parse(n.asText())));
            var events = new ArrayList<EventId>();
            o.path("events").forEach(n -> events.add(EventId.parse(n.asText())));
            out.add(new Regrouping(Regrouping.Kind.fromJson(kind).orElseThrow(() -> new IllegalArgumentException(
                    "unknown regrouping kind '" + kind + "'")), o.path("by").asText(), Instant.parse(o.path("at").asText()),
                    o.path("reason").asText(""), incidents, events));
        }
        return out;
    }

    /**
     * The inverse of the {@code memberKinds} object {@link #write} writes.
     *
     * @throws IllegalArgumentException on a kind this version does not know or a count that is not positive
     */
    public static Map<MemberKind, Integer> readMemberKinds(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("member kinds must be a JSON object");
        }
        var out = new TreeMap<MemberKind, Integer>();
        for (var e : object.properties()) {
            MemberKind k = MemberKind.parse(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown member kind '" + e.getKey() + "'"));
            int n = e.getValue().asInt();
            if (!e.getValue().isIntegralNumber() || n < 1) {
                throw new IllegalArgumentException("member kind '" + e.getKey() + "' has count " + e.getValue());
            }
            out.put(k, n);
        }
        return out;
    }

    /**
     * The incident {@link #write} wrote, every field. What is derived ({@code capCategory}, {@code sourceCount},
     * the location's {@code h3}) is not read; {@code eventCount}, when present, must match the member ids. The
     * confidence comes back as written, rounded to a thousandth; nothing in the correlator reads it back (triage
     * computes it again from the sources whenever the incident changes).
     *
     * @throws IllegalArgumentException naming the first field that is missing or wrong (a summary, which has no
     *                                  member ids, is refused)
     */
    public static Incident read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an incident must be a JSON object");
        }
        IncidentId id = parsed(n.get("id"), "id", IncidentId::parse, "a UUID");
        EventType type = known(n, "type", EventType::fromJson);
        IncidentStatus status = known(n, "status", IncidentStatus::fromJson);
        Severity severity = known(n, "severity", Severity::fromJson);
        int priority = (int) integer(n, "priority", 1, 5);
        double confidence = number(n.get("confidence"), "confidence");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        Location location = readLocation(required(n, "location"));
        Instant firstSeen = instant(n, "firstSeen");
        Instant lastSeen = instant(n, "lastSeen");
        List<EventId> eventIds = new ArrayList<>();
        JsonNode ids = required(n, "eventIds");
        if (!ids.isArray()) {
            throw new IllegalArgumentException("eventIds must be an array of event ids");
        }
        for (int k = 0; k < ids.size(); k++) {
            eventIds.add(parsed(ids.get(k), "eventIds[" + k + "]", EventId::parse, "a UUID"));
        }
        if (n.has("eventCount") && n.get("eventCount").asLong() != eventIds.size()) {
            throw new IllegalArgumentException("eventCount is " + n.get("eventCount") + " but eventIds has "
                    + eventIds.size());
        }
        Map<String, Double> sources = new LinkedHashMap<>();
        JsonNode sourcesNode = required(n, "sources");
        if (!sourcesNode.isObject()) {
            throw new IllegalArgumentException("sources must be an object of source → confidence");
        }
        for (var e : sourcesNode.properties()) {
            sources.put(e.getKey(), number(e.getValue(), "sources." + e.getKey()));
        }
        Map<MemberKind, Integer> memberKinds;
        List<Regrouping> regroupings;
        try {
            memberKinds = readMemberKinds(required(n, "memberKinds"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("memberKinds: " + e.getMessage(), e);
        }
        try {
            regroupings = readRegroupings(required(n, "regroupings"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("regroupings: " + e.getMessage(), e);
        }
        String composite = nullableText(n, "composite");
        String mergedText = nullableText(n, "mergedInto");
        IncidentId mergedInto = mergedText == null ? null : parsed(n.get("mergedInto"), "mergedInto", IncidentId::parse, "a UUID");
        Verdict verdict = readVerdict(required(n, "verdict"));
        long version = integer(n, "version", 1, Long.MAX_VALUE);
        String explanation = text(n, "priorityExplanation");
        try {
            return new Incident(id, type, status, priority, severity, confidence, location, firstSeen, lastSeen,
                    eventIds, sources, verdict, version, composite, memberKinds, explanation, mergedInto, regroupings);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("incident " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * One change of the correlator: {@code {"kind": "events_added", "incident": {...}, "addedEvents": [...],
     * "removedEvents": [...], "baseVersion": 3}}, the incident in full as {@link #write} writes it.
     */
    public static ObjectNode writeChange(IncidentChange c) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        n.set("incident", write(c.incident()));
        ArrayNode added = n.putArray("addedEvents");
        c.addedEvents().forEach(id -> added.add(id.toString()));
        ArrayNode removed = n.putArray("removedEvents");
        c.removedEvents().forEach(id -> removed.add(id.toString()));
        n.put("baseVersion", c.baseVersion());
        return n;
    }

    /**
     * The inverse of {@link #writeChange}.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static IncidentChange readChange(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an incident change must be a JSON object");
        }
        IncidentChange.Kind kind = known(n, "kind", k -> {
            for (IncidentChange.Kind c : IncidentChange.Kind.values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(k)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        });
        Incident incident;
        try {
            incident = read(required(n, "incident"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("incident." + e.getMessage(), e);
        }
        List<EventId> added = eventIds(n, "addedEvents");
        List<EventId> removed = eventIds(n, "removedEvents");
        long base = integer(n, "baseVersion", 0, Long.MAX_VALUE);
        try {
            return new IncidentChange(kind, incident, added, removed, base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseVersion: " + e.getMessage(), e);
        }
    }

    private static List<EventId> eventIds(JsonNode n, String field) {
        JsonNode array = required(n, field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of event ids");
        }
        var out = new ArrayList<EventId>(array.size());
        for (int k = 0; k < array.size(); k++) {
            out.add(parsed(array.get(k), field + "[" + k + "]", EventId::parse, "a UUID"));
        }
        return out;
    }

    private static Location readLocation(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("location must be an object {\"lat\", \"lon\", \"accuracyMeters\"}");
        }
        double lat = number(n.get("lat"), "location.lat");
        double lon = number(n.get("lon"), "location.lon");
        double accuracy = number(n.get("accuracyMeters"), "location.accuracyMeters");
        try {
            return Location.of(lat, lon, accuracy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("location: " + e.getMessage(), e);
        }
    }

    private static Verdict readVerdict(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("verdict must be null or an object {\"by\", \"at\", \"reason\", \"reasonCode\"}");
        }
        String code = nullableText(n, "reasonCode", "verdict.reasonCode");
        DismissalReason reasonCode = code == null ? null : DismissalReason.fromJson(code).orElseThrow(
                () -> new IllegalArgumentException("verdict.reasonCode: unknown dismissal reason '" + code + "'"));
        String by = text(n, "by", "verdict.by");
        Instant at = instant(n, "at", "verdict.at");
        String reason = text(n, "reason", "verdict.reason");
        try {
            return new Verdict(by, at, reason, reasonCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verdict: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return text(n, field, field);
    }

    private static String text(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(path + " must be a string, got " + v);
        }
        return v.asText();
    }

    private static String nullableText(JsonNode n, String field) {
        return nullableText(n, field, field);
    }

    private static String nullableText(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException(path + " is required (null when there is none)");
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(path + " must be a string or null, got " + v);
        }
        return v.asText();
    }

    private static <T> T parsed(JsonNode v, String path, Function<String, T> parse, String what) {
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(path + " must be " + what + ", got " + v);
        }
        try {
            return parse.apply(v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " must be " + what + ", got " + v, e);
        }
    }

    private static <T> T known(JsonNode n, String field, Function<String, Optional<T>> fromJson) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + v);
        }
        return fromJson.apply(v.asText()).orElseThrow(
                () -> new IllegalArgumentException(field + ": unknown value '" + v.asText() + "'"));
    }

    private static Instant instant(JsonNode n, String field) {
        return instant(n, field, field);
    }

    private static Instant instant(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(path + " must be an ISO-8601 instant, got " + v);
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + " must be an ISO-8601 instant, got " + v, e);
        }
    }

    private static double number(JsonNode v, String path) {
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(path + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static long integer(JsonNode n, String field, long min, long max) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException(field + " must be an integer in [" + min + ", " + max + "], got " + v);
        }
        return v.asLong();
    }
}
