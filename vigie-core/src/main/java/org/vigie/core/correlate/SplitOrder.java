package org.vigie.core.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentId;

/**
 * An operator's order to move some events of an incident to a new incident.
 *
 * @param expectedVersion the version of {@code from} the operator saw
 * @param type            the new incident's type; null: the type of its earliest event
 */
public record SplitOrder(IncidentId from, long expectedVersion, List<EventId> events, EventType type, String by,
                         Instant at, String reason) {
    public SplitOrder {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        events = List.copyOf(events);
        reason = reason == null ? "" : reason;
    }
}
