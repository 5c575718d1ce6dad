package org.vigie.feeds.social;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.vigie.core.anomaly.Anomaly;
import org.vigie.core.anomaly.CellZones;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.geo.Cells;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Location;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedIds;

/**
 * A window in which one cell saw far more posts on some topics than its baseline allows, from at least k distinct
 * authors. Holds only aggregates: the cell, the window, topic words and counts.
 *
 * @param terms     the bursting topics of the cell, strongest first, at most {@link BurstSettings#topTerms}
 * @param tests     cell × topic series known when the window closed (the multiple-test correction)
 * @param threshold the per-test p-value at or below which a series bursts
 */
public record Burst(long cell, Instant windowStart, Instant windowEnd, List<TermBurst> terms, int tests,
                    double threshold, int minAuthors) {
    /** One bursting topic: its posts in the window, its usual rate for that time of day, ln p. */
    public record TermBurst(String term, int posts, double expected, double logPValue) {
    }

    public Burst {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a burst has at least one term");
        }
    }

    public TermBurst strongest() {
        return terms.get(0);
    }

    public String explanation() {
        TermBurst s = strongest();
        return "Burst of public posts about " + terms.stream().map(TermBurst::term).collect(Collectors.joining(", "))
                + " in H3 cell " + Cells.toText(cell) + " between " + windowStart + " and " + windowEnd + ": "
                + s.posts() + " posts on '" + s.term() + "', usually " + Anomaly.formatRate(s.expected())
                + ", from at least " + minAuthors + " distinct authors";
    }

    /** A {@code gathering_risk} event at the cell's centre; same cell and window, same id. */
    public Event toEvent(String format, String sourceId, Instant receivedAt) {
        int resolution = (int) ((cell >>> 52) & 0xF);
        Zone area = new CellZones(resolution).zoneOfCell(cell).orElseThrow();
        TermBurst s = strongest();
        double log10P = s.logPValue() / Math.log(10);
        double p = Math.pow(10, log10P);
        var attributes = Attributes.builder()
                .put("cell", area.id())
                .put("resolution", (long) resolution)
                .put("top_terms", terms.stream().map(TermBurst::term).collect(Collectors.joining(",")))
                .put("posts", (long) s.posts())
                .put("expected", s.expected())
                .put("rate_ratio", s.posts() / s.expected())
                .put("p_value", p)
                .put("log10_p_value", log10P)
                .put("tests", (long) tests)
                .put("threshold", threshold)
                .put("min_authors", (long) minAuthors)
                .put("window_start", windowStart.toString())
                .put("window_end", windowEnd.toString())
                .put("explanation", explanation())
                .build();
        return Event.builder()
                .id(FeedIds.eventId(format, sourceId, area.id() + "|" + windowStart, windowStart))
                .occurredAt(windowStart)
                .receivedAt(receivedAt.isBefore(windowStart) ? windowStart : receivedAt)
                .source(SourceKind.SOCIAL, sourceId)
                .type(EventType.GATHERING_RISK)
                .location(Location.of(area.lat(), area.lon(), Math.min(Location.MAX_ACCURACY_METERS, area.radiusMeters())))
                .confidence(Math.max(0, 1 - Math.min(1, p * tests)))
                .severity(EventType.GATHERING_RISK.defaultSeverity())
                .attributes(attributes)
                .build();
    }
}
