package org.vigie.core.anomaly;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

/**
 * One hour in which a zone saw far more events of one type than its baseline allows.
 *
 * @param zoneScheme   {@link ZoneScheme#name()}, e.g. "districts" or "h3:7"
 * @param hourOfWeek   0 = Monday 00:00 local time
 * @param observed     events of {@code type} in the zone during the hour
 * @param expected     the baseline λ for that zone, type and hour of the week
 * @param log10PValue  log10 P(X ≥ observed | λ), finite even where the p-value underflows
 * @param tests        zone × type series tested in that hour (the multiple-test correction)
 * @param threshold    the per-test p-value at or below which an hour is an anomaly
 * @param explanation  one sentence for an operator
 */
public record Anomaly(Zone zone, String zoneScheme, EventType type, Instant hourStart, Instant hourEnd,
                      int hourOfWeek, long observed, double expected, double log10PValue, int tests, double threshold,
                      String explanation) {
    public static final String SOURCE_ID = "anomaly";
    /** Strongest first: smallest p-value, then the largest excess, then a stable order. */
    public static final Comparator<Anomaly> STRONGEST_FIRST = Comparator.comparingDouble(Anomaly::log10PValue)
            .thenComparing(Comparator.comparingDouble((Anomaly a) -> a.observed() / a.expected()).reversed())
            .thenComparing(Anomaly::hourStart).thenComparing(a -> a.zone().id()).thenComparing(a -> a.type().jsonName());

    public Anomaly {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hourStart, "hourStart");
        Objects.requireNonNull(hourEnd, "hourEnd");
    }

    /** May be 0 when the p-value is below the smallest double; {@link #log10PValue} is always exact. */
    public double pValue() {
        return Math.pow(10, log10PValue);
    }

    /**
     * "12 reports of graffiti in Marseille 2e Arrondissement between 22:00 and 23:00 on Friday 14 March 2025,
     * usually 1.3 (p = 2e-7)"
     */
    static String explain(long observed, EventType type, Zone zone, String when, double expected, double log10P) {
        return observed + (observed == 1 ? " report of " : " reports of ") + type.jsonName().replace('_', ' ')
                + " in " + zone.name() + " " + when + ", usually " + formatRate(expected) + " (p " + formatP(log10P) + ")";
    }

    /** "27", "1.3", "0.021": as many digits as a person needs. */
    public static String formatRate(double rate) {
        if (rate >= 10) {
            return String.format(Locale.ROOT, "%.0f", rate);
        }
        if (rate >= 1) {
            return String.format(Locale.ROOT, "%.1f", rate);
        }
        return new BigDecimal(rate).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** "= 2e-7" from the logarithm, so "= 3e-412" works although 3e-412 is not a double. */
    static String formatP(double log10P) {
        if (log10P >= -3) {
            return "= " + String.format(Locale.ROOT, "%.3f", Math.pow(10, log10P));
        }
        long exponent = (long) Math.floor(log10P);
        long mantissa = Math.round(Math.pow(10, log10P - exponent));
        if (mantissa == 10) {
            mantissa = 1;
            exponent++;
        }
        return "= " + mantissa + "e" + exponent;
    }

    /**
     * The same zone, type and hour always give the same id, so re-running a file or re-evaluating an hour after a
     * restart yields duplicates that the store ignores. Time-ordered like every event id: the first 48 bits are
     * the hour's start in milliseconds.
     */
    public EventId eventId() {
        byte[] hash = sha256(String.join("\n", SOURCE_ID, zoneScheme, zone.id(), type.jsonName(), hourStart.toString()));
        ByteBuffer b = ByteBuffer.wrap(hash);
        return new EventId(EventId.Uuid7.make(hourStart.toEpochMilli(), b.getShort() & 0xFFF, b.getLong(8)));
    }

    /**
     * An {@link EventType#ANOMALY} event from source {@code fusion/anomaly} at the zone's centre. Its severity is
     * the counted type's (a burst of gunshot reports matters more than one of graffiti); its confidence is one minus
     * the p-value corrected for the number of tests of the hour.
     *
     * @param receivedAt when the hour was evaluated
     */
    public Event toEvent(Instant receivedAt) {
        double p = pValue();
        Severity severity = type.defaultSeverity() == Severity.UNKNOWN ? EventType.ANOMALY.defaultSeverity()
                : type.defaultSeverity();
        var attributes = Attributes.builder()
                .put("zone", zone.id())
                .put("zone_name", zone.name())
                .put("zone_scheme", zoneScheme)
                .put("type", type.jsonName())
                .put("observed", observed)
                .put("expected", expected)
                .put("p_value", p)
                .put("log10_p_value", log10PValue)
                .put("hour_of_week", (long) hourOfWeek)
                .put("hour_start", hourStart.toString())
                .put("hour_end", hourEnd.toString())
                .put("tests", (long) tests)
                .put("threshold", threshold)
                .put("explanation", explanation)
                .build();
        return Event.builder()
                .id(eventId())
                .occurredAt(hourStart)
                .receivedAt(receivedAt)
                .source(SourceKind.FUSION, SOURCE_ID)
                .type(EventType.ANOMALY)
                .location(Location.of(zone.lat(), zone.lon(), Math.min(Location.MAX_ACCURACY_METERS, zone.radiusMeters())))
                .confidence(Math.max(0, 1 - Math.min(1, p * tests)))
                .severity(severity)
                .attributes(attributes)
                .build();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
