package org.vigie.server.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.core.correlate.Correlation;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.MergeOrder;
import org.vigie.core.correlate.SplitOrder;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.IncidentJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.priority.Reliabilities;
import org.vigie.core.sop.Checklist;
import org.vigie.core.sop.Procedures;
import org.vigie.core.sop.Step;
import org.vigie.core.sop.StepDone;
import org.vigie.server.RouteGroup;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.Principal;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.EventRepository;
import org.vigie.store.Store;

/**
 * What operators do with fused incidents, and what they learn from them:
 * <ul>
 * <li>{@code POST /api/v1/incidents/{id}/merge} and {@code /split}: regroup events, on the correlator's writer
 * thread like verdicts, with the same version check; who, when and why is kept in the incident.
 * <li>{@code POST /api/v1/incidents/{id}/sop/{step}}: mark a step of the incident's procedure as done.
 * <li>{@code GET /api/v1/incidents/{id}/timeline}: every stored event from every source around the incident's
 * place and time, members or not, to reconstruct what happened there.
 * <li>{@code GET /api/v1/sources/reliability}: how reliable each kind of source and each source has proved.
 * </ul>
 */
public final class FusionRoutes implements RouteGroup {
    public static final int MAX_REGROUPED = 100;
    public static final int MAX_REASON = 1000;
    public static final double DEFAULT_RADIUS_METERS = 500;
    public static final double MIN_RADIUS_METERS = 10;
    public static final double MAX_RADIUS_METERS = 5000;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofHours(24);
    public static final int DEFAULT_TIMELINE_LIMIT = 1000;
    public static final int MAX_TIMELINE_LIMIT = 5000;

    private final Store store;
    private final Correlation correlator;
    private final Procedures procedures;
    private final Clock clock;
    private final AuditTrail audit;

    /** @param audit records merges, splits, procedure steps and timeline queries */
    public FusionRoutes(Store store, Correlation correlator, Procedures procedures, Clock clock, AuditTrail audit) {
        this.store = store;
        this.correlator = correlator;
        this.procedures = procedures;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/incidents/{id}/merge", this::merge);
        routes.post("/api/v1/incidents/{id}/split", this::split);
        routes.post("/api/v1/incidents/{id}/sop/{step}", this::completeStep);
        routes.get("/api/v1/incidents/{id}/timeline", this::timeline);
        routes.get("/api/v1/sources/reliability", this::reliability);
    }

    /**
     * Body: {@code {"version": 4, "by": "op-12", "incidents": ["ID", {"id": "ID", "version": 2}], "reason": "…"}};
     * an incident given with a version is merged only if it is still at that version. 200 with the survivor and
     * the ids absorbed.
     */
    void merge(Context ctx) {
        IncidentId into = Requests.incidentId(ctx);
        JsonNode body = Requests.jsonObject(ctx);
        var errors = new ArrayList<Map<String, Object>>();
        long version = version(body, errors);
        String by = Requests.actor(ctx, body, errors);
        String reason = reason(body, errors);
        var others = new ArrayList<IncidentId>();
        var versions = new HashMap<IncidentId, Long>();
        JsonNode list = body.get("incidents");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_REGROUPED) {
            errors.add(Requests.fieldError("incidents", "must list 1.." + MAX_REGROUPED
                    + " incidents to merge into this one: ids, or {\"id\", \"version\"}"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                JsonNode id = item.isObject() ? item.get("id") : item;
                Optional<IncidentId> parsed = id != null && id.isTextual() ? parseIncidentId(id.asText()) : Optional.empty();
                if (parsed.isEmpty()) {
                    errors.add(Requests.fieldError("incidents[" + i + "]", "must be an incident id (UUID) or {\"id\", \"version\"}"));
                    continue;
                }
                others.add(parsed.get());
                JsonNode v = item.isObject() ? item.get("version") : null;
                if (v != null && !v.isNull()) {
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                        errors.add(Requests.fieldError("incidents[" + i + "].version", "must be an integer"));
                    } else {
                        versions.put(parsed.get(), v.asLong());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("the merge has " + errors.size() + " invalid field(s)", errors);
        }
        List<IncidentChange> changes = Requests.await(correlator.merge(new MergeOrder(into, version, others, versions, by,
                clock.instant(), reason)));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("incident", IncidentJson.write(changes.getLast().incident()));
        ArrayNode absorbed = answer.putArray("absorbed");
        changes.stream().filter(c -> c.kind() == IncidentChange.Kind.ABSORBED)
                .forEach(c -> absorbed.add(c.incident().id().toString()));
        audit.record(Principal.of(ctx), "merge", into.toString(), "absorbed " + absorbed + " by " + by
                + (reason.isEmpty() ? "" : ": " + reason));
        ctx.json(answer);
    }

    /**
     * Body: {@code {"version": 4, "by": "op-12", "events": ["EVENT_ID", …], "reason": "…", "type": "assault"}}
     * ({@code type} optional: by default the type of the earliest event moved). 201 with the incident as it is
     * now and the one created (acknowledged).
     */
    void split(Context ctx) {
        IncidentId from = Requests.incidentId(ctx);
        JsonNode body = Requests.jsonObject(ctx);
        var errors = new ArrayList<Map<String, Object>>();
        long version = version(body, errors);
        String by = Requests.actor(ctx, body, errors);
        String reason = reason(body, errors);
        var events = new ArrayList<EventId>();
        JsonNode list = body.get("events");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > 10_000) {
            errors.add(Requests.fieldError("events", "must list the ids of the events to move (1..10000)"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode id = list.get(i);
                try {
                    events.add(EventId.parse(id.isTextual() ? id.asText() : ""));
                } catch (IllegalArgumentException e) {
                    errors.add(Requests.fieldError("events[" + i + "]", "must be an event id (UUID)"));
                }
            }
            if (new HashSet<>(events).size() != events.size()) {
                errors.add(Requests.fieldError("events", "lists an event more than once"));
            }
        }
        EventType type = null;
        JsonNode typeNode = body.get("type");
        if (typeNode != null && !typeNode.isNull()) {
            type = typeNode.isTextual() ? EventType.fromJson(typeNode.asText()).orElse(null) : null;
            if (type == null) {
                errors.add(Requests.fieldError("type", "unknown type " + typeNode + "; see /api/v1/taxonomy"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("the split has " + errors.size() + " invalid field(s)", errors);
        }
        List<IncidentChange> changes = Requests.await(correlator.split(new SplitOrder(from, version, events, type, by,
                clock.instant(), reason)));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("incident", IncidentJson.write(changes.getFirst().incident()));
        answer.set("created", IncidentJson.write(changes.getLast().incident()));
        audit.record(Principal.of(ctx), "split", from.toString(), events.size() + " event(s) into "
                + changes.getLast().incident().id() + " by " + by + (reason.isEmpty() ? "" : ": " + reason));
        ctx.status(201).json(answer);
    }

    /** Body: {@code {"by": "op-3"}}. 201 with the checklist; 409 when the step was already done (by whom, when). */
    void completeStep(Context ctx) {
        IncidentId id = Requests.incidentId(ctx);
        JsonNode body = Requests.jsonObject(ctx);
        var errors = new ArrayList<Map<String, Object>>();
        String by = Requests.actor(ctx, body, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("the completion has " + errors.size() + " invalid field(s)", errors);
        }
        Incident incident = store.incidents().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
        if (incident.mergedInto() != null) {
            throw new ApiError(409, "merged", "incident " + id + " was merged into " + incident.mergedInto()
                    + "; its procedure continues there");
        }
        String stepId = ctx.pathParam("step");
        Step step = procedures.step(incident.type(), stepId).orElseThrow(() -> new ApiError(404, "not-found",
                "the " + incident.type().jsonName() + " procedure has no step '" + stepId + "'",
                procedures.forType(incident.type()).stream().map(FusionRoutes::stepDetail).toList()));
        Optional<StepDone> earlier = store.procedures().complete(id, new StepDone(step.id(), by, clock.instant()));
        if (earlier.isPresent()) {
            var d = new LinkedHashMap<String, Object>();
            d.put("step", step.id());
            d.put("by", earlier.get().by());
            d.put("at", earlier.get().at().toString());
            throw new ApiError(409, "step-already-done", "step '" + step.id() + "' was already done by "
                    + earlier.get().by() + " at " + earlier.get().at(), List.of(d));
        }
        audit.record(Principal.of(ctx), "sop.step", id.toString(), step.id() + " by " + by);
        ctx.status(201).json(Checklist.of(procedures, incident.type(), store.procedures().done(id)).json());
    }

    private static Map<String, Object> stepDetail(Step s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("step", s.id());
        m.put("text", s.text());
        return m;
    }

    /**
     * {@code ?radius=500&window=30m&limit=1000}: every stored event within {@code radius} metres of the
     * incident's place and within {@code window} before its first and after its last event, in time order, each
     * with {@code member} and its distance. Reconstructs what happened at a place; it is a query by place and
     * time only, and never follows anyone.
     */
    void timeline(Context ctx) {
        IncidentId id = Requests.incidentId(ctx);
        var errors = new ArrayList<Map<String, Object>>();
        double radius = Requests.doubleParam(ctx, "radius", DEFAULT_RADIUS_METERS, MIN_RADIUS_METERS,
                MAX_RADIUS_METERS, errors);
        Duration window = Requests.durationParam(ctx, "window", DEFAULT_WINDOW, MIN_WINDOW, MAX_WINDOW, errors);
        int limit = Requests.intParam(ctx, "limit", DEFAULT_TIMELINE_LIMIT, 1, MAX_TIMELINE_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query: " + errors.size() + " parameter(s)", errors);
        }
        Incident incident = store.incidents().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
        audit.record(Principal.of(ctx), "search", "timeline " + id, ctx.queryString() == null ? "" : ctx.queryString());
        Instant from = incident.firstSeen().minus(window);
        Instant to = incident.lastSeen().plus(window);
        double lat = incident.location().lat();
        double lon = incident.location().lon();
        EventRepository.Around around = store.events().findAround(lat, lon, radius, from, to, limit);
        Set<EventId> members = new HashSet<>(incident.eventIds());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("incident", id.toString());
        body.set("centre", EventJson.writeLocation(incident.location()));
        body.put("radiusMeters", radius);
        body.put("window", window.toString());
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("truncated", around.truncated());
        ArrayNode items = body.putArray("events");
        for (Event e : around.events()) {
            ObjectNode n = EventJson.write(e);
            n.put("member", members.contains(e.id()));
            n.put("distanceMeters", Math.round(GeoMath.distanceMeters(lat, lon, e.location().lat(), e.location().lon())));
            items.add(n);
        }
        ctx.json(body);
    }

    /** Every kind of source, then every source with verdicts: prior, verdict counts and current estimate. */
    void reliability(Context ctx) {
        Reliabilities r = correlator.reliabilities();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("priorStrength", r.priorStrength());
        ArrayNode items = body.putArray("estimates");
        for (Reliabilities.Estimate e : r.estimates()) {
            items.addObject().put("source", e.key()).put("prior", e.prior()).put("confirmed", e.counts().confirmed())
                    .put("dismissed", e.counts().dismissed()).put("reliability", e.reliability());
        }
        ctx.json(body);
    }

    private static long version(JsonNode body, List<Map<String, Object>> errors) {
        JsonNode v = body.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(Requests.fieldError("version", "is required: the version of the incident this was based on"));
            return -1;
        }
        return v.asLong();
    }

    private static String reason(JsonNode body, List<Map<String, Object>> errors) {
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull()) {
            return "";
        }
        if (!reason.isTextual() || reason.asText().length() > MAX_REASON) {
            errors.add(Requests.fieldError("reason", "must be text of at most " + MAX_REASON + " characters"));
            return "";
        }
        return reason.asText();
    }

    private static Optional<IncidentId> parseIncidentId(String text) {
        try {
            return Optional.of(IncidentId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
