package org.vigie.feeds.ngsild;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.Severity;

/**
 * Incidents as NGSI-LD entities of the Smart Data Models {@code Alert} type
 * (https://github.com/smart-data-models/dataModel.Alert), normalized or simplified ("keyValues").
 *
 * <p>Only what an outside system may know leaves: type, place, times, severity and Vigie's own figures
 * (priority, confidence, counts). Source ids, evidence and verdicts (which name an operator) stay inside.
 */
public final class AlertWriter {
    public static final String TYPE = "Alert";
    /** {@code Alert} expanded with the model's context, as clients may send it in {@code type=}. */
    public static final String TYPE_IRI = "https://smartdatamodels.org/dataModel.Alert/Alert";
    public static final String ALERT_CONTEXT =
            "https://raw.githubusercontent.com/smart-data-models/dataModel.Alert/master/context.jsonld";
    public static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";
    /** What the {@code vigie:} prefix of extension attributes stands for. */
    public static final String NAMESPACE = "urn:vigie:ngsi-ld:";
    public static final String ID_PREFIX = "urn:ngsi-ld:Alert:";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** NGSI-LD 1.8 representations: {@code normalized} (each attribute typed) or {@code simplified} (keyValues). */
    public enum Representation {
        NORMALIZED, SIMPLIFIED
    }

    private AlertWriter() {
    }

    public static String entityId(IncidentId id) {
        return ID_PREFIX + id;
    }

    /** The incident an entity id names, if it is one of Vigie's alert ids. */
    public static Optional<IncidentId> incidentId(String entityId) {
        if (entityId == null || !entityId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(IncidentId.parse(entityId.substring(ID_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The JSON-LD context of every entity: the model's terms, Vigie's prefix, and the NGSI-LD core context last
     * (the API requires that the core context is never overridden).
     */
    public static ArrayNode context() {
        ArrayNode c = NODES.arrayNode();
        c.add(ALERT_CONTEXT);
        c.addObject().put("vigie", NAMESPACE);
        c.add(CORE_CONTEXT);
        return c;
    }

    /** The model's five severities for CAP's five. */
    public static String severity(Severity s) {
        return switch (s) {
            case UNKNOWN -> "informational";
            case MINOR -> "low";
            case MODERATE -> "medium";
            case SEVERE -> "high";
            case EXTREME -> "critical";
        };
    }

    /**
     * @param areaServed the district the incident lies in, or null
     * @param withContext true for {@code application/ld+json}, where each entity carries its {@code @context};
     *                    false for {@code application/json}, where the context travels in a Link header
     */
    public static ObjectNode write(Incident incident, String areaServed, Representation representation, boolean withContext) {
        boolean normalized = representation == Representation.NORMALIZED;
        AlertCategory cat = AlertCategory.of(incident.type());
        ObjectNode n = NODES.objectNode();
        n.put("id", entityId(incident.id()));
        n.put("type", TYPE);
        property(n, "category", NODES.textNode(cat.category()), normalized);
        property(n, "subCategory", NODES.textNode(cat.subCategory()), normalized);
        property(n, "severity", NODES.textNode(severity(incident.severity())), normalized);
        property(n, "description", NODES.textNode(describe(incident)), normalized);
        ObjectNode point = NODES.objectNode().put("type", "Point");
        point.putArray("coordinates").add(incident.location().lon()).add(incident.location().lat());
        if (normalized) {
            n.putObject("location").put("type", "GeoProperty").set("value", point);
        } else {
            n.set("location", point);
        }
        dateTime(n, "dateIssued", incident.firstSeen(), normalized);
        dateTime(n, "validFrom", incident.firstSeen(), normalized);
        String source = "urn:vigie:incident:" + incident.id();
        if (normalized) {
            n.putObject("alertSource").put("type", "Relationship").put("object", source);
        } else {
            n.put("alertSource", source);
        }
        property(n, "dataProvider", NODES.textNode("Vigie"), normalized);
        if (areaServed != null) {
            property(n, "areaServed", NODES.textNode(areaServed), normalized);
        }
        property(n, "vigie:eventType", NODES.textNode(incident.type().jsonName()), normalized);
        property(n, "vigie:status", NODES.textNode(incident.status().jsonName()), normalized);
        property(n, "vigie:priority", NODES.numberNode(incident.priority()), normalized);
        property(n, "vigie:confidence", NODES.numberNode(Math.round(incident.confidence() * 1000) / 1000.0), normalized);
        property(n, "vigie:eventCount", NODES.numberNode(incident.eventIds().size()), normalized);
        property(n, "vigie:sourceCount", NODES.numberNode(incident.sourceCount()), normalized);
        dateTime(n, "vigie:lastSeen", incident.lastSeen(), normalized);
        if (withContext) {
            n.set("@context", context());
        }
        return n;
    }

    private static String describe(Incident i) {
        String what = i.type().jsonName().replace('_', ' ');
        return what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1) + ": " + i.eventIds().size()
                + (i.eventIds().size() == 1 ? " report" : " reports") + " from " + i.sourceCount()
                + (i.sourceCount() == 1 ? " source" : " sources") + ", priority " + i.priority() + " (1 is most urgent)";
    }

    private static void property(ObjectNode n, String name, com.fasterxml.jackson.databind.JsonNode value, boolean normalized) {
        if (normalized) {
            n.putObject(name).put("type", "Property").set("value", value);
        } else {
            n.set(name, value);
        }
    }

    private static void dateTime(ObjectNode n, String name, Instant at, boolean normalized) {
        if (normalized) {
            n.putObject(name).put("type", "Property").putObject("value").put("@type", "DateTime").put("@value", at.toString());
        } else {
            n.put(name, at.toString());
        }
    }
}
