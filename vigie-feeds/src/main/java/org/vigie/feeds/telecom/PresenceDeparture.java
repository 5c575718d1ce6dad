package org.vigie.feeds.telecom;

import java.time.Instant;
import java.util.Locale;
import org.vigie.core.anomaly.Anomaly;
import org.vigie.core.anomaly.LocalHours;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedIds;

/**
 * An hour in which a zone held far more (or far fewer) devices than usual for that hour of the week.
 *
 * @param presence  mean devices present over the hour's slots
 * @param expected  the baseline for that zone and hour of the week
 * @param zScore    (presence − expected) / √(φ·expected), φ the zone's over-dispersion
 * @param threshold the |z| at or above which an hour departs, from the false-alarm rate
 * @param tests     zones tested in that hour
 */
public record PresenceDeparture(Zone zone, Instant hourStart, Instant hourEnd, int hourOfWeek, double presence,
                                double expected, double zScore, double threshold, int tests) {
    public double ratio() {
        return presence / expected;
    }

    public boolean above() {
        return presence > expected;
    }

    public String explanation() {
        return String.format(Locale.ROOT, "%s devices present in %s %s, usually %s on %s (%.1f×, z = %.1f)",
                Anomaly.formatRate(presence), zone.name(), "from " + hourStart + " to " + hourEnd,
                Anomaly.formatRate(expected), LocalHours.describeHourOfWeek(hourOfWeek), ratio(), zScore);
    }

    /** A {@code crowd_presence} event at the zone's centre; the same zone and hour give the same id. */
    public Event toEvent(String format, String sourceId, Instant receivedAt) {
        var attributes = Attributes.builder()
                .put("zone", zone.id())
                .put("zone_name", zone.name())
                .put("presence", presence)
                .put("expected", expected)
                .put("ratio", ratio())
                .put("z_score", zScore)
                .put("direction", above() ? "above" : "below")
                .put("threshold_z", threshold)
                .put("tests", (long) tests)
                .put("hour_of_week", (long) hourOfWeek)
                .put("hour_start", hourStart.toString())
                .put("hour_end", hourEnd.toString())
                .put("explanation", explanation())
                .build();
        double p = 2 * Normal.upperTail(Math.abs(zScore));
        return Event.builder()
                .id(FeedIds.eventId(format, sourceId, zone.id() + "|" + hourStart, hourStart))
                .occurredAt(hourStart)
                .receivedAt(receivedAt.isBefore(hourStart) ? hourStart : receivedAt)
                .source(SourceKind.TELECOM, sourceId)
                .type(EventType.CROWD_PRESENCE)
                .location(Location.of(zone.lat(), zone.lon(), Math.min(Location.MAX_ACCURACY_METERS, zone.radiusMeters())))
                .confidence(Math.max(0, 1 - Math.min(1, p * tests)))
                // Fewer people than usual is worth knowing (an evacuated area) but seldom urgent.
                .severity(above() ? EventType.CROWD_PRESENCE.defaultSeverity() : Severity.UNKNOWN)
                .attributes(attributes)
                .build();
    }
}
