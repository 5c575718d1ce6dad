package org.vigie.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
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
            n.putObject("verdict").put("by", i.verdict().by()).put("at", i.verdict().at().toString())
                    .put("reason", i.verdict().reason());
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
}
