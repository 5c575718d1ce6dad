package org.vigie.app.video;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigie.core.json.Json;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.store.Store;
import org.vigie.store.VideoCountRepository.Count;
import org.vigie.store.VideoCountRepository.DailyCount;

/**
 * {@code GET /api/v1/cameras/{id}/counts?from=&to=&step=}: the camera's anonymous counts as time series, one series
 * per counting zone or line, measure and class of object. Numbers only; nothing in them is about anyone. With
 * {@code step=PT1M} (the default), minutes: without {@code to}, now; without {@code from}, 24 hours before
 * {@code to}; at most 31 days at once; minutes past the retention of events are no longer kept. With
 * {@code step=P1D}, UTC days, those reduced by the retention and those still in minutes alike: without {@code from},
 * 31 days before {@code to}; at most ten years at once.
 */
public final class CountRoutes implements RouteGroup {
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Duration MAX_SPAN = Duration.ofDays(31);
    static final Duration DEFAULT_DAILY_SPAN = Duration.ofDays(31);
    static final Duration MAX_DAILY_SPAN = Duration.ofDays(3660);
    static final String MINUTES = "PT1M";
    static final String DAYS = "P1D";

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
        String asked = ctx.queryParam("step");
        String step = asked == null ? MINUTES : asked.strip();
        boolean daily = step.equals(DAYS);
        if (!daily && !step.equals(MINUTES)) {
            errors.add(Requests.fieldError("step", "expected " + MINUTES + " (minutes) or " + DAYS + " (days), got '"
                    + step + "'"));
        }
        if (errors.isEmpty()) {
            to = to == null ? clock.instant() : to;
            from = from == null ? to.minus(daily ? DEFAULT_DAILY_SPAN : DEFAULT_SPAN) : from;
            if (!from.isBefore(to)) {
                errors.add(Requests.fieldError("from", "must be before to (" + from + " is not before " + to + ")"));
            } else if (Duration.between(from, to).compareTo(daily ? MAX_DAILY_SPAN : MAX_SPAN) > 0) {
                errors.add(Requests.fieldError("from", daily ? "at most ten years of daily counts at once"
                        : "at most 31 days of counts at once"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid period", errors);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("camera", id).put("from", from.toString()).put("to", to.toString()).put("step", step);
        var series = new Series(out.putArray("series"));
        if (daily) {
            // The days that [from, to) touches, to exclusive.
            LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
            LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
            for (DailyCount d : store.videoCounts().daily(id, first, last)) {
                series.of(d.place(), d.measure(), d.objects()).addObject().put("day", d.day().toString())
                        .put("value", d.value());
            }
        } else {
            for (Count c : store.videoCounts().find(id, from.truncatedTo(ChronoUnit.MINUTES), to)) {
                series.of(c.place(), c.measure(), c.objects()).addObject().put("minute", c.minute().toString())
                        .put("value", c.value());
            }
        }
        ctx.json(out);
    }

    /** One series per place, measure and objects, made when its first point comes (the store sorts by time). */
    private record Series(ArrayNode list, Map<String, ArrayNode> points) {
        Series(ArrayNode list) {
            this(list, new HashMap<>());
        }

        ArrayNode of(String place, String measure, String objects) {
            return points.computeIfAbsent(place + "\u0000" + measure + "\u0000" + objects, k -> list.addObject()
                    .put("place", place).put("measure", measure).put("objects", objects).putArray("points"));
        }
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
