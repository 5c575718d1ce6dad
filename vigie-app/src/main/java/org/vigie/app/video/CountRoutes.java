package org.vigie.app.video;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.core.json.Json;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.store.Store;
import org.vigie.store.VideoCountRepository.Count;

/**
 * {@code GET /api/v1/cameras/{id}/counts?from=&to=}: the camera's anonymous per-minute counts as time series, one
 * series per counting zone or line, measure and class of object. Numbers only; nothing in them is about anyone.
 * Without {@code to}, now; without {@code from}, 24 hours before {@code to}; at most 31 days at once.
 */
public final class CountRoutes implements RouteGroup {
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Duration MAX_SPAN = Duration.ofDays(31);

    private final Store store;
    private final CameraDirectory cameras;
    private final Clock clock;

    public CountRoutes(Store store, CameraDirectory cameras, Clock clock) {
        this.store = store;
        this.cameras = cameras;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/cameras/{id}/counts", this::counts);
    }

    private void counts(Context ctx) {
        String id = ctx.pathParam("id");
        if (cameras.find(id).isEmpty()) {
            throw ApiError.notFound("no camera " + id);
        }
        var errors = new ArrayList<Map<String, Object>>();
        Instant to = instant(ctx, "to", errors);
        Instant from = instant(ctx, "from", errors);
        if (errors.isEmpty()) {
            to = to == null ? clock.instant() : to;
            from = from == null ? to.minus(DEFAULT_SPAN) : from;
            if (!from.isBefore(to)) {
                errors.add(Requests.fieldError("from", "must be before to (" + from + " is not before " + to + ")"));
            } else if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
                errors.add(Requests.fieldError("from", "at most 31 days of counts at once"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid period", errors);
        }
        List<Count> counts = store.videoCounts().find(id, from.truncatedTo(ChronoUnit.MINUTES), to);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("camera", id).put("from", from.toString()).put("to", to.toString()).put("step", "PT1M");
        ArrayNode series = out.putArray("series");
        // One series per place, measure and objects; points in time order (the store returns them sorted by minute).
        var byKey = new java.util.TreeMap<String, ArrayNode>();
        for (Count c : counts) {
            String key = c.place() + "\u0000" + c.measure() + "\u0000" + c.objects();
            ArrayNode points = byKey.computeIfAbsent(key, k -> {
                ObjectNode s = series.addObject().put("place", c.place()).put("measure", c.measure()).put("objects", c.objects());
                return s.putArray("points");
            });
            points.addObject().put("minute", c.minute().toString()).put("value", c.value());
        }
        ctx.json(out);
    }

    private static Instant instant(Context ctx, String name, List<Map<String, Object>> errors) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(Requests.fieldError(name, "expected an ISO-8601 instant such as 2026-07-14T10:00:00Z, got '" + text + "'"));
            return null;
        }
    }
}
