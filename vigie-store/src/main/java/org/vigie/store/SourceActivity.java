package org.vigie.store;

import java.time.Duration;
import java.time.Instant;
import org.vigie.core.model.SourceKind;

/**
 * What one source delivered in a window: how many events, the newest occurrence and the newest arrival. The lag is
 * the gap between the two: for a source that reports as things happen it is how late its newest event arrived, and
 * it grows when a source delivers only old news.
 */
public record SourceActivity(SourceKind kind, String sourceId, long events, Instant lastOccurred, Instant lastReceived) {
    public Duration lag() {
        Duration d = Duration.between(lastOccurred, lastReceived);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
