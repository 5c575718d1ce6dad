package org.vigie.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;

/** Maps incidents to JSON for the API, live updates and exports. */
public final class IncidentJson {
    private IncidentJson() {
    }

    /** For lists and live updates: everything but the member ids, which a busy incident has thousands of. */
    public static ObjectNode writeSummary(Incident i) {
        ObjectNode n = write(i);
        n.remove("eventIds");
        return n;
    }

    public static ObjectNode write(Incident i) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", i.id().toString());
        n.put("type", i.type().jsonName());
        n.put("capCategory", i.type().capCategory().capName());
        n.put("status", i.status().jsonName());
        n.put("priority", i.priority());
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
        if (i.verdict() == null) {
            n.putNull("verdict");
        } else {
            n.putObject("verdict").put("by", i.verdict().by()).put("at", i.verdict().at().toString())
                    .put("reason", i.verdict().reason());
        }
        n.put("version", i.version());
        return n;
    }
}
