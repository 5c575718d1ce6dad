package org.vigie.server.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.core.json.Json;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.AuditQuery;
import org.vigie.store.AuditRecord;
import org.vigie.store.Store;

/**
 * {@code GET /api/v1/audit?actor=&action=&from=&to=&limit=}: the audit log for auditors, newest first; {@code GET
 * /api/v1/audit/anchor}: the chain's head and the anchor's last mark, to be copied somewhere the database's
 * administrators cannot reach.
 */
final class AuditRoutes implements RouteGroup {
    private final AccessControl access;
    private final Store store;

    AuditRoutes(AccessControl access, Store store) {
        this.access = access;
        this.store = store;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/audit", this::search);
        routes.get("/api/v1/audit/anchor", this::anchor);
    }

    private void anchor(Context ctx) {
        // Recorded first, so the head given back already includes this reading.
        access.audit().record(Principal.of(ctx), "audit.anchor", "audit", "");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("rows", store.audit().count());
        var head = store.audit().head();
        if (head.isPresent()) {
            body.putObject("head").put("seq", head.get().seq()).put("hash", head.get().hash())
                    .put("at", head.get().at().toString());
        } else {
            body.putNull("head");
        }
        var anchor = store.audit().anchor();
        if (anchor.isEmpty()) {
            body.putNull("anchor");
        } else {
            ObjectNode a = body.putObject("anchor").put("file", anchor.get().file().getFileName().toString());
            var last = anchor.get().last();
            if (last.isPresent()) {
                a.putObject("lastMark").put("seq", last.get().seq()).put("hash", last.get().hash())
                        .put("at", last.get().at().toString());
            } else {
                a.putNull("lastMark");
            }
            a.put("matchesHead", last.isPresent() && head.isPresent() && last.get().seq() == head.get().seq()
                    && last.get().hash().equals(head.get().hash()));
        }
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private void search(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        int limit = Requests.intParam(ctx, "limit", 100, 1, AuditQuery.MAX_LIMIT, errors);
        Instant from = instant(ctx, "from", errors);
        Instant to = instant(ctx, "to", errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query: " + errors.size() + " parameter(s)", errors);
        }
        var query = new AuditQuery(blankToNull(ctx.queryParam("actor")), blankToNull(ctx.queryParam("action")), from, to,
                limit);
        // The search is itself recorded first: an auditor's reading of the log is in the log.
        access.audit().record(Principal.of(ctx), "audit.search", "audit", ctx.queryString() == null ? "" : ctx.queryString());
        List<AuditRecord> rows = store.audit().search(query);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (AuditRecord r : rows) {
            items.addObject().put("seq", r.seq()).put("at", r.at().toString()).put("actor", r.actor()).put("role", r.role())
                    .put("action", r.action()).put("target", r.target()).put("detail", r.detail())
                    .put("hash", r.hash());
        }
        body.put("limit", limit);
        ctx.json(body);
    }

    private static Instant instant(Context ctx, String name, List<Map<String, Object>> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(Requests.fieldError(name, "must be an ISO-8601 instant such as 2026-07-14T00:00:00Z"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
