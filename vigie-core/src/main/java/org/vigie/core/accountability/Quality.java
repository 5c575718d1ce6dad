package org.vigie.core.accountability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigie.core.model.DismissalReason;

/** Measures alerts against operators' verdicts; pure, so the API, the report and the tests compute alike. */
public final class Quality {
    public static final String UNSPECIFIED = "unspecified";

    private Quality() {
    }

    /**
     * @param alerts alerts raised in {@code [from, to)}; each is sliced by the time it was raised, so a slice's
     *               precision is that of the alerts of that day, whenever they were decided
     */
    public static QualityReport of(List<Alert> alerts, Instant from, Instant to, Grouping by, Bucket bucket,
                                   ZoneId zone, EvidenceUse evidence) {
        EvidenceUse used = evidence.during(from, to);
        Tally overall = Tally.NONE;
        long confirmed = 0;
        long opened = 0;
        var perKey = new TreeMap<String, Map<LocalDate, Tally>>();
        var causes = new TreeMap<String, Map<String, Long>>();
        for (Alert a : alerts) {
            Tally one = Tally.of(a);
            overall = overall.plus(one);
            if (a.confirmed()) {
                confirmed++;
                if (used.opened(a.id())) {
                    opened++;
                }
            }
            LocalDate slice = bucket.start(a.openedAt(), zone);
            for (String key : by.keysOf(a)) {
                perKey.computeIfAbsent(key, k -> new TreeMap<>()).merge(slice, one, Tally::plus);
            }
            if (a.dismissed()) {
                String cause = a.decision().cause().map(DismissalReason::jsonName).orElse(UNSPECIFIED);
                for (String detector : Grouping.DETECTOR.keysOf(a)) {
                    causes.computeIfAbsent(detector, k -> new HashMap<>()).merge(cause, 1L, Long::sum);
                }
            }
        }
        var groups = new ArrayList<QualityReport.Group>();
        perKey.forEach((key, slices) -> {
            Tally total = Tally.NONE;
            var list = new ArrayList<QualityReport.Slice>();
            for (var e : slices.entrySet()) {
                total = total.plus(e.getValue());
                list.add(new QualityReport.Slice(e.getKey(), e.getValue()));
            }
            groups.add(new QualityReport.Group(key, total, List.copyOf(list)));
        });
        groups.sort(Comparator.comparingLong((QualityReport.Group g) -> -g.tally().alerts())
                .thenComparing(QualityReport.Group::key));
        var ranked = new ArrayList<QualityReport.DetectorCauses>();
        causes.forEach((detector, counts) -> {
            var list = new ArrayList<QualityReport.Cause>();
            counts.forEach((code, n) -> list.add(new QualityReport.Cause(code, n)));
            list.sort(Comparator.comparingLong((QualityReport.Cause c) -> -c.count()).thenComparing(QualityReport.Cause::code));
            ranked.add(new QualityReport.DetectorCauses(detector, list.stream().mapToLong(QualityReport.Cause::count).sum(),
                    List.copyOf(list)));
        });
        return new QualityReport(from, to, by, bucket, overall,
                used.known() ? Rate.of(opened, confirmed) : Rate.of(0, 0), List.copyOf(groups),
                List.copyOf(ranked));
    }
}
