package org.vigie.server.transparency;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.vigie.core.accountability.Bucket;
import org.vigie.core.accountability.Grouping;
import org.vigie.core.geo.CityGeoJson;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;

/**
 * The public transparency page (role public): {@code GET /transparency}, its figures {@code GET
 * /api/v1/transparency/figures?month=YYYY-MM}, each of its tables as CSV ({@code /api/v1/transparency/quality.csv},
 * {@code shares.csv}, {@code dismissal_causes.csv}, {@code coverage.csv}, {@code costs.csv}, {@code evaluations.csv}),
 * and the district outlines for its map ({@code /api/v1/transparency/districts.geojson}).
 *
 * <p>Only whole calendar months that are over are published: a period still running, or one of any length,
 * could be compared with a slightly different one to work out a suppressed count.
 */
public final class TransparencyRoutes implements RouteGroup {
    public static final String PAGE = "public/transparency.html";

    private final Accountability accountability;
    private final Clock clock;
    private final String districts;

    public TransparencyRoutes(Accountability accountability, Clock clock) {
        this.accountability = accountability;
        this.clock = clock;
        this.districts = CityGeoJson.write(accountability.city()).toString();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/transparency", this::page);
        routes.get("/api/v1/transparency/figures", ctx -> ctx.json(figures(month(ctx)).json()));
        routes.get("/api/v1/transparency/districts.geojson", ctx -> ctx.contentType("application/geo+json").result(districts));
        routes.get("/api/v1/transparency/{table}.csv", this::csv);
    }

    private void page(Context ctx) {
        try (InputStream in = TransparencyRoutes.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw ApiError.notFound("the transparency page is not packaged");
            }
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void csv(Context ctx) {
        String name = ctx.pathParam("table");
        PublicFigures f = figures(month(ctx));
        PublicTable t = f.tables().get(name);
        if (t == null) {
            throw ApiError.notFound("no public table '" + name + "'; tables: " + f.tables().keySet());
        }
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"vigie-" + name + ".csv\"")
                .result(t.csv(f.suppression().mask()));
    }

    /** The month asked for ({@code YYYY-MM}), by default the last one that is over; never one still running. */
    YearMonth month(Context ctx) {
        YearMonth current = YearMonth.now(clock.withZone(accountability.zone()));
        String v = ctx.queryParam("month");
        if (v == null || v.isBlank()) {
            return current.minusMonths(1);
        }
        try {
            YearMonth m = YearMonth.parse(v.trim());
            if (!m.isBefore(current)) {
                throw ApiError.badRequest("invalid query", List.of(Requests.fieldError("month",
                        "only months that are over are published; the latest is " + current.minusMonths(1))));
            }
            return m;
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid query", List.of(Requests.fieldError("month",
                    "must be a month such as 2026-10, got '" + v + "'")));
        }
    }

    PublicFigures figures(YearMonth month) {
        Period p = Period.month(month, accountability.zone());
        Accountability.Figures f = accountability.figures(p, Grouping.TYPE, Bucket.WEEK);
        return new PublicFigures(accountability.settings().suppression(), f,
                accountability.quality(p, f.alerts(), Grouping.SOURCE, Bucket.WEEK),
                accountability.latestEvaluations(AccountabilityRoutes.MAX_EVALUATIONS));
    }

    /** For tests and the report: the figures of a month with the configured k. */
    public PublicFigures publicFigures(YearMonth month) {
        return figures(month);
    }

}
