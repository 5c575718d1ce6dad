package org.vigie.core.correlate;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.vigie.core.model.EventType;

/**
 * A family of event types that describe the same kind of situation and may share an incident, with the
 * distance and time within which an event joins one (e.g. gunshot and explosion within 300 m and 10 min).
 */
public record CorrelationRule(String name, Set<EventType> types, double radiusMeters, Duration window) {
    public static final double MAX_RADIUS_METERS = 5_000;
    public static final Duration MAX_WINDOW = Duration.ofHours(24);

    public CorrelationRule {
        Objects.requireNonNull(name, "name");
        types = Set.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' names no event type");
        }
        if (!(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS)) {
            throw new IllegalArgumentException("rule '" + name + "': radius must be in (0, " + MAX_RADIUS_METERS + "] m, got " + radiusMeters);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("rule '" + name + "': window must be in (0, 24h], got " + window);
        }
    }
}
