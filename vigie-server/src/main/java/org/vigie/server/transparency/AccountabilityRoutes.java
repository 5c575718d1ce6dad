package org.vigie.server.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.Bucket;
import org.vigie.core.accountability.Evaluation;
import org.vigie.core.accountability.Grouping;
import org.vigie.core.json.Json;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.EvaluationRepository;

/**
 * Measured quality, cost and coverage for staff (supervisors, auditors), with counts as they are:
 * <ul>
 * <li>{@code GET /api/v1/accountability/quality?from=&to=&by=type|rule|source|camera|sensor|feed|detector&bucket=day|week}
 * <li>{@code GET /api/v1/accountability/costs?from=&to=} and {@code /coverage?from=&to=}
 * <li>{@code GET /api/v1/accountability/evaluations?detector=} and {@code POST} one result of {@code vigie video eval}
 * or {@code vigie audio eval}
 * </ul>
 * {@code from} and {@code to} are dates on the city's clock (the end date included) or instants; the default is the
 * 30 days before now.
 */
public final class AccountabilityRoutes implements RouteGroup {
    public static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    public static final int MAX_EVALUATIONS = 500;

    private final Accountability accountability;
    private final Clock clock;

    public AccountabilityRoutes(Accountability accountability, Clock clock) {
        this.accountability = accountability;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/accountability/quality", this::quality);
        routes.get("/api/v1/accountability/costs", this::costs);
        routes.get("/api/v1/accountability/coverage", this::coverage);
        routes.get("/api/v1/accountability/evaluations", this::evaluations);
        routes.post("/api/v1/accountability/evaluations", this::addEvaluation);
    }

    Period period(Context ctx, List<Map<String, Object>> errors) {
        Instant to = clock.instant();
        Instant from = to.minus(DEFAULT_SPAN);
        try {
            String f = ctx.queryParam("from");
            String t = ctx.queryParam("to");
            if (t != null && !t.isBlank()) {
                to = Period.bound(t.trim(), accountability.zone(), true);
                if (f == null || f.isBlank()) {
                    from = to.minus(DEFAULT_SPAN);
                }
            }
            if (f != null && !f.isBlank()) {
                from = Period.bound(f.trim(), accountability.zone(), false);
            }
            return new Period(from, to);
        } catch (IllegalArgumentException e) {
            errors.add(Requests.fieldError("from/to", e.getMessage()));
            return null;
        }
    }

    private static <E> E choice(Context ctx, String name, E dflt, java.util.function.Function<String, java.util.Optional<E>> parse,
                                String expected, List<Map<String, Object>> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return parse.apply(v.trim()).orElseGet(() -> {
            errors.add(Requests.fieldError(name, "must be one of " + expected + ", got '" + v + "'"));
            return dflt;
        });
    }

    void quality(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        Period p = period(ctx, errors);
        Grouping by = choice(ctx, "by", Grouping.TYPE, Grouping::fromJson,
                "type, rule, source, camera, sensor, feed, detector", errors);
        Bucket bucket = choice(ctx, "bucket", Bucket.DAY, Bucket::fromJson, "day, week", errors);
        failOn(errors);
        List<Alert> alerts = accountability.source().alerts(p.from(), p.to());
        ctx.json(AccountabilityJson.quality(accountability.quality(p, alerts, by, bucket),
                accountability.latestEvaluations(MAX_EVALUATIONS)));
    }

    void costs(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        Period p = period(ctx, errors);
        failOn(errors);
        ctx.json(AccountabilityJson.costs(accountability.costs(p, accountability.source().alerts(p.from(), p.to()))));
    }

    void coverage(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        Period p = period(ctx, errors);
        failOn(errors);
        ctx.json(AccountabilityJson.coverage(accountability.coverage(accountability.source().alerts(p.from(), p.to()))));
    }

    void evaluations(Context ctx) {
        var errors = new ArrayList<Map<String, Object>>();
        int limit = Requests.intParam(ctx, "limit", 100, 1, MAX_EVALUATIONS, errors);
        failOn(errors);
        EvaluationRepository repo = registry();
        String detector = ctx.queryParam("detector");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (EvaluationRepository.Stored s : repo.list(detector == null || detector.isBlank() ? null : detector.trim(), limit)) {
            out.add(AccountabilityJson.evaluation(s.id(), s.evaluation(), s.evaluation().classes()));
        }
        ctx.json(out);
    }

    /** Body: the document {@code vigie video eval} writes; see {@link Evaluation#fromJson}. 201 with the stored result. */
    void addEvaluation(Context ctx) {
        JsonNode body = Requests.jsonObject(ctx);
        Evaluation e;
        try {
            e = Evaluation.fromJson(body, Map.of());
        } catch (IllegalArgumentException ex) {
            throw ApiError.badRequest("not an evaluation result", List.of(Requests.fieldError("body", ex.getMessage())));
        }
        EvaluationRepository.Stored s = registry().add(e);
        ctx.status(201).json(AccountabilityJson.evaluation(s.id(), s.evaluation(), s.evaluation().classes()));
    }

    private EvaluationRepository registry() {
        if (accountability.evaluations() == null) {
            throw new ApiError(503, "no-registry", "this server keeps no evaluation registry");
        }
        return accountability.evaluations();
    }

    private static void failOn(List<Map<String, Object>> errors) {
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid query", errors);
        }
    }
}
