package org.vigie.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigie.core.correlate.Correlation;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.IncidentJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Verdict;
import org.vigie.core.sop.Checklist;
import org.vigie.core.sop.Procedures;
import org.vigie.store.IncidentPage;
import org.vigie.store.IncidentQuery;
import org.vigie.store.Store;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.Principal;

/**
 * {@code /api/v1/incidents}: the queue, one incident with its events and its procedure checklist, and verdicts.
 */
public final class IncidentRoutes {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final Store store;
    private final Correlation correlator;
    private final Clock clock;
    private final Procedures procedures;
    private final AuditTrail audit;

    /** @param audit records each search, each incident opened and each verdict */
    public IncidentRoutes(Store store, Correlation correlator, Clock clock, Procedures procedures, AuditTrail audit) {
        this.store = store;
        this.correlator = correlator;
        this.clock = clock;
        this.procedures = procedures;
        this.audit = audit;
    }

    public void list(Context ctx) {
        IncidentQuery query = parseQuery(ctx);
        audit.record(Principal.of(ctx), "search", "incidents", ctx.queryString() == null ? "" : ctx.queryString());
        IncidentPage page = store.incidents().search(query);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(i -> items.add(IncidentJson.writeSummary(i)));
        body.put("total", page.total());
        body.put("limit", query.limit());
        body.put("offset", query.offset());
        ctx.json(body);
    }

    public void get(Context ctx) {
        IncidentId id = incidentId(ctx);
        Incident incident = store.incidents().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
        audit.record(Principal.of(ctx), "incident.view", id.toString(), "");
        ObjectNode body = IncidentJson.write(incident);
        ArrayNode events = body.putArray("events");
        for (Event e : store.events().findAll(incident.eventIds())) {
            events.add(EventJson.write(e));
        }
        body.set("sop", Checklist.of(procedures, incident.type(), store.procedures().done(id)).json());
        ctx.json(body);
    }

    public void verdict(Context ctx) {
        IncidentId id = incidentId(ctx);
        JsonNode body = Requests.jsonObject(ctx);
        var errors = new ArrayList<Map<String, Object>>();
        IncidentStatus target = null;
        JsonNode status = body.get("status");
        if (status == null || !status.isTextual() || (target = IncidentStatus.fromJson(status.asText()).orElse(null)) == null) {
            errors.add(Requests.fieldError("status", "must be one of acknowledged, confirmed, dismissed, closed"));
        }
        JsonNode version = body.get("version");
        if (version == null || !version.canConvertToLong() || !version.isIntegralNumber()) {
            errors.add(Requests.fieldError("version", "is required: the version of the incident this decision was based on"));
        }
        String by = Requests.actor(ctx, body, errors);
        JsonNode reason = body.get("reason");
        if (reason != null && !reason.isNull() && (!reason.isTextual() || reason.asText().length() > Verdict.MAX_REASON_LENGTH)) {
            errors.add(Requests.fieldError("reason", "must be text of at most " + Verdict.MAX_REASON_LENGTH + " characters"));
        }
        DismissalReason code = null;
        JsonNode codeNode = body.get("reasonCode");
        if (codeNode != null && !codeNode.isNull()) {
            code = codeNode.isTextual() ? DismissalReason.fromJson(codeNode.asText()).orElse(null) : null;
            if (code == null) {
                errors.add(Requests.fieldError("reasonCode", "must be one of " + Arrays.stream(DismissalReason.values())
                        .map(DismissalReason::jsonName).collect(Collectors.joining(", "))));
            } else if (target != null && target != IncidentStatus.DISMISSED) {
                errors.add(Requests.fieldError("reasonCode", "applies to a dismissal only"));
                code = null;
            }
        }
        boolean hasText = reason != null && reason.isTextual() && !reason.asText().isBlank();
        if (target == IncidentStatus.DISMISSED && !hasText && code == null) {
            errors.add(Requests.fieldError("reason", "is required to dismiss: give a reasonCode (reflection, duplicate, …) "
                    + "or say why in reason"));
        }
        if (code == DismissalReason.OTHER && !hasText) {
            errors.add(Requests.fieldError("reason", "is required with reasonCode other: say what it was"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("the verdict has " + errors.size() + " invalid field(s)", errors);
        }
        var verdict = new Verdict(by, clock.instant(), reason == null || reason.isNull() ? "" : reason.asText(),
                code);
        Incident updated = Requests.await(correlator.decide(id, version.asLong(), target, verdict));
        audit.record(Principal.of(ctx), "verdict", id.toString(), target.jsonName() + " by " + verdict.by()
                + (verdict.reason().isEmpty() ? "" : ": " + verdict.reason()));
        ctx.json(IncidentJson.write(updated));
    }

    private static IncidentId incidentId(Context ctx) {
        return Requests.incidentId(ctx);
    }

    /** Reads every filter and reports all the wrong ones at once. */
    static IncidentQuery parseQuery(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        for (String s : Requests.csv(ctx.queryParam("status"))) {
            IncidentStatus.fromJson(s).ifPresentOrElse(statuses::add, () -> errors.add(Requests.fieldError("status",
                    "unknown status '" + s + "'; expected new, acknowledged, confirmed, dismissed, closed")));
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String t : Requests.csv(ctx.queryParam("type"))) {
            EventType.fromJson(t).ifPresentOrElse(types::add,
                    () -> errors.add(Requests.fieldError("type", "unknown type '" + t + "'; see /api/v1/taxonomy")));
        }
        Instant since = null;
        String sinceText = ctx.queryParam("since");
        if (sinceText != null && !sinceText.isBlank()) {
            try {
                since = Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                errors.add(Requests.fieldError("since", "must be an ISO-8601 instant such as 2026-07-14T00:00:00Z"));
            }
        }
        BoundingBox bbox = null;
        String bboxText = ctx.queryParam("bbox");
        if (bboxText != null && !bboxText.isBlank()) {
            try {
                bbox = BoundingBox.parse(bboxText);
            } catch (IllegalArgumentException e) {
                errors.add(Requests.fieldError("bbox", e.getMessage()));
            }
        }
        int limit = Requests.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query: " + errors.size() + " parameter(s)", errors);
        }
        return new IncidentQuery(statuses, types, since, bbox, limit, offset);
    }
}
