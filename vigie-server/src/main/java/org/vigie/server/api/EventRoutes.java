package org.vigie.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.server.ingest.IngestResult;
import org.vigie.server.ingest.IngestService;
import org.vigie.server.ingest.MalformedBodyException;
import org.vigie.server.ingest.RecordError;
import org.vigie.store.QuarantinedRecord;
import org.vigie.store.Store;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.Principal;

/** {@code /api/v1/events} (ingest and lookup), the quarantine and the taxonomy. */
public final class EventRoutes {
    private final IngestService ingest;
    private final Store store;
    private final AuditTrail audit;

    /** @param audit records each reading of the quarantine (raw records as received) */
    public EventRoutes(IngestService ingest, Store store, AuditTrail audit) {
        this.ingest = ingest;
        this.store = store;
        this.audit = audit;
    }

    /**
     * 202 once the batch is committed (valid events stored, invalid records quarantined, both listed in the body);
     * 422 when no record was valid; 400 when the body is not JSON, with the parser's line and column.
     */
    public void post(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        IngestResult result;
        try {
            result = contentType.startsWith("application/x-ndjson") || contentType.startsWith("application/jsonl")
                    ? ingest.ingestNdjson(ctx.body(), "api")
                    : ingest.ingestJson(ctx.body(), "api");
        } catch (MalformedBodyException e) {
            throw Requests.malformed(e.line(), e.column(), e.getMessage(), " (the body was quarantined)");
        } catch (IngestService.BatchTooLargeException e) {
            throw new ApiError(413, "batch-too-large", e.getMessage());
        }
        answer(ctx, result);
    }

    /**
     * The answer to an ingest: 202 with what was stored and what was quarantined, or 422 when no record was
     * valid (everything quarantined).
     */
    public static void answer(Context ctx, IngestResult result) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("received", result.received());
        body.put("accepted", result.accepted());
        body.put("duplicates", result.duplicates());
        body.put("rejected", result.rejected());
        ArrayNode ids = body.putArray("ids");
        for (EventId id : result.ids()) {
            if (id == null) {
                ids.addNull();
            } else {
                ids.add(id.toString());
            }
        }
        ArrayNode errors = body.putArray("errors");
        for (RecordError e : result.errors()) {
            errors.addObject().put("index", e.index()).put("field", e.field()).put("message", e.message());
        }
        boolean nothingValid = result.received() > 0 && result.accepted() + result.duplicates() == 0;
        if (nothingValid) {
            List<Map<String, Object>> details = new ArrayList<>();
            result.errors().forEach(e -> details.add(Map.of("index", e.index(), "field", e.field(), "message", e.message())));
            throw new ApiError(422, "invalid-records", "no record was valid; all " + result.received()
                    + " were quarantined", details);
        }
        ctx.status(202).json(body);
    }

    public void get(Context ctx) {
        EventId id;
        try {
            id = EventId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("event id must be a UUID", List.of(Requests.fieldError("id", "not a UUID")));
        }
        ctx.json(EventJson.write(store.events().find(id).orElseThrow(() -> ApiError.notFound("no event " + id))));
    }

    public void quarantine(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        int limit = Requests.intParam(ctx, "limit", 50, 1, 500, errors);
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query", errors);
        }
        audit.record(Principal.of(ctx), "search", "quarantine", "limit=" + limit + "&offset=" + offset);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("total", store.quarantine().count());
        ArrayNode items = body.putArray("items");
        for (QuarantinedRecord r : store.quarantine().list(limit, offset)) {
            items.addObject().put("id", r.id()).put("receivedAt", r.receivedAt().toString()).put("channel", r.channel())
                    .put("reason", r.reason()).put("raw", r.raw());
        }
        ctx.json(body);
    }

    public static void taxonomy(Context ctx) {
        ArrayNode types = Json.MAPPER.createArrayNode();
        for (EventType t : EventType.values()) {
            types.addObject().put("type", t.jsonName()).put("capCategory", t.capCategory().capName())
                    .put("defaultSeverity", t.defaultSeverity().jsonName());
        }
        ctx.json(types);
    }
}
