package org.vigie.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.MemberKind;
import org.vigie.core.model.Regrouping;

/** Maps incidents to JSON for the API, live updates and exports. */
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
}
