package org.vigie.audio;

import java.util.Objects;

/**
 * A microphone at a known place. Clocks are assumed synchronised (GPS or PTP); localisation checks that they
 * are and reports a sensor whose timing contradicts the geometry.
 *
 * @param hearingRangeMeters how far it hears a shot: the accuracy of an event located at the sensor alone
 */
public record AcousticSensor(String id, double lat, double lon, double hearingRangeMeters) {
    public AcousticSensor {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 128) {
            throw new IllegalArgumentException("sensor id must have 1 to 128 characters");
        }
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("sensor " + id + ": position " + lat + ", " + lon + " out of range");
        }
        if (!(hearingRangeMeters > 0 && hearingRangeMeters <= 10_000)) {
            throw new IllegalArgumentException("sensor " + id + ": hearing range must be in (0, 10000] m");
        }
    }

    public AcousticSensor(String id, double lat, double lon) {
        this(id, lat, lon, 300);
    }
}
