package org.vigie.audio.detect;

import java.time.Instant;
import java.util.Optional;
import org.vigie.core.model.Event;

/**
 * An impulse a sensor heard, with what localisation needs: when the onset reached this sensor and the short
 * segment around it. Only an alert class carries an event (and evidence); the others are held in memory just long
 * enough to help locate what another sensor classified, then dropped.
 */
public record Detection(String sensorId, Instant onsetTime, Classification classification, ImpulseFeatures features,
                        Impulse impulse, Event event) {
    /** The event this sensor raised, if its classification is an alert. */
    public Optional<Event> findEvent() {
        return Optional.ofNullable(event);
    }

    /** Time of the first sample of the impulse's segment. */
    public Instant segmentStart() {
        long nanos = Math.round(impulse.onsetOffset() * 1e9 / impulse.sampleRate());
        return onsetTime.minusNanos(nanos);
    }
}
