package org.vigie.feeds.telecom;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.vigie.core.anomaly.Zone;

/**
 * How many devices an operator counted in one zone during one time slot: an aggregate, never a person. Only
 * {@link PresenceCsv} makes them, and only for counts of at least k.
 */
public record PresenceCount(Zone zone, Instant slotStart, Duration slot, long devices) {
    public PresenceCount {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(slotStart, "slotStart");
        Objects.requireNonNull(slot, "slot");
    }
}
