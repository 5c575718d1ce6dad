package org.vigie.server.transparency;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.Bucket;
import org.vigie.core.accountability.CostReport;
import org.vigie.core.accountability.Costs;
import org.vigie.core.accountability.Coverage;
import org.vigie.core.accountability.CoverageReport;
import org.vigie.core.accountability.EvidenceUse;
import org.vigie.core.accountability.Grouping;
import org.vigie.core.accountability.Quality;
import org.vigie.core.accountability.QualityReport;
import org.vigie.core.geo.City;
import org.vigie.server.RouteGroup;
import org.vigie.store.EvaluationRepository;
import org.vigie.store.Store;

/**
 * The figures of a period, read once and computed with the pure functions of
 * {@link org.vigie.core.accountability}: what the API, the public page and {@code vigie report transparency} show.
 *
 * @param evaluations null when no registry is available (then none are shown)
 */
public record Accountability(AlertSource source, EvaluationRepository evaluations, City city,
                             AccountabilitySettings settings, ZoneId zone, EvidenceUse evidence) {

    /** Everything of one period, computed from one read of its alerts. */
    public record Figures(Period period, List<Alert> alerts, QualityReport quality, CostReport costs, CoverageReport coverage) {
    }

    public QualityReport quality(Period p, List<Alert> alerts, Grouping by, Bucket bucket) {
        return Quality.of(alerts, p.from(), p.to(), by, bucket, zone, evidence);
    }

    public CostReport costs(Period p, List<Alert> alerts) {
        return Costs.of(settings.costs(), p.days(), settings.equipment(), source.feedCount(p.from(), p.to()), alerts, city);
    }

    public CoverageReport coverage(List<Alert> alerts) {
        return Coverage.of(city, settings.populations(), settings.equipment(), alerts);
    }

    public Figures figures(Period p, Grouping by, Bucket bucket) {
        List<Alert> alerts = source.alerts(p.from(), p.to());
        return new Figures(p, alerts, quality(p, alerts, by, bucket), costs(p, alerts), coverage(alerts));
    }

    /**
     * The staff API and the public page over a store, as the platform wires them. Openings of evidence are read from
     * the store's audit log, where the evidence route writes each one before a byte leaves.
     */
    public static RouteGroup routes(Store store, City city, AccountabilitySettings settings, ZoneId zone, Clock clock) {
        var a = new Accountability(AlertSource.of(store), store.evaluations(), city, settings, zone,
                store.accountability().evidenceUse());
        var staff = new AccountabilityRoutes(a, clock);
        var page = new TransparencyRoutes(a, clock);
        return routes -> {
            staff.register(routes);
            page.register(routes);
        };
    }

    public List<EvaluationRepository.Stored> latestEvaluations(int limit) {
        return evaluations == null ? List.of() : evaluations.list(null, limit);
    }
}
