package org.vigie.store;

import java.time.Duration;
import java.time.Instant;
import org.vigie.core.model.SourceKind;

/**
 * What one source delivered in a window: how many events, the newest one's occurrence, and how late that one
 * arrived ({@code receivedAt - occurredAt}), which is the lag an operator cares about.
 */
public record SourceActivity(SourceKind kind, String sourceId, long events, Instant lastOccurred, Instant lastReceived) {
    public Duration lag() {
        Duration d = Duration.between(lastOccurred, lastReceived);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
