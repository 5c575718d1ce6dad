package org.vigie.audio.detect;

import java.time.Instant;
import org.vigie.core.model.Event;

/**
 * An event a sensor raised, with what localisation needs: when the onset reached this sensor and the short
 * segment around it (kept only as long as the evidence it already is).
 */
public record Detection(String sensorId, Instant onsetTime, Classification classification, ImpulseFeatures features,
                        Impulse impulse, Event event) {
    /** Time of the first sample of the impulse's segment. */
    public Instant segmentStart() {
        long nanos = Math.round(impulse.onsetOffset() * 1e9 / impulse.sampleRate());
        return onsetTime.minusNanos(nanos);
    }
}
