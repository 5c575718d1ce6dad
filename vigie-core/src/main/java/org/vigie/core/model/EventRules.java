package org.vigie.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every event obeys, as checks that return every violation rather than stopping at the first.
 * Used by the {@link Event} constructor and by readers of external formats, which report the errors per
 * field instead of throwing.
 */
public final class EventRules {
    /** Clocks of sensors drift; beyond this an event "from the future" is a bug or an attack. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Older than any record a city would import; earlier times come from zeroed clocks or bad parsing. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private EventRules() {
    }

    public static List<FieldError> checkLocation(String path, double lat, double lon, double accuracyMeters) {
        if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && accuracyMeters >= 0
                && accuracyMeters <= Location.MAX_ACCURACY_METERS) {
            return List.of();
        }
        var errors = new ArrayList<FieldError>(0);
        if (!(lat >= -90 && lat <= 90)) {
            errors.add(new FieldError(path + ".lat", "must be between -90 and 90, got " + lat));
        }
        if (!(lon >= -180 && lon <= 180)) {
            errors.add(new FieldError(path + ".lon", "must be between -180 and 180, got " + lon));
        }
        if (!(accuracyMeters >= 0 && accuracyMeters <= Location.MAX_ACCURACY_METERS)) {
            errors.add(new FieldError(path + ".accuracyMeters",
                    "must be between 0 and " + (long) Location.MAX_ACCURACY_METERS + ", got " + accuracyMeters));
        }
        return errors;
    }

    public static List<FieldError> checkConfidence(double confidence) {
        if (confidence >= 0 && confidence <= 1) {
            return List.of();
        }
        return List.of(new FieldError("confidence", "must be between 0 and 1, got " + confidence));
    }

    /**
     * An event may not claim to have happened more than {@link #MAX_CLOCK_SKEW} after it was received, nor
     * before {@link #EARLIEST}.
     */
    public static List<FieldError> checkTimes(Instant occurredAt, Instant receivedAt) {
        if (occurredAt.isBefore(EARLIEST)) {
            return List.of(new FieldError("occurredAt", "is before " + EARLIEST + "; a clock or a parser is wrong"));
        }
        if (occurredAt.isAfter(receivedAt.plus(MAX_CLOCK_SKEW))) {
            return List.of(new FieldError("occurredAt", "is " + Duration.between(receivedAt, occurredAt).toSeconds()
                    + " s in the future; at most " + MAX_CLOCK_SKEW.toSeconds() + " s of clock skew is accepted"));
        }
        return List.of();
    }
}
