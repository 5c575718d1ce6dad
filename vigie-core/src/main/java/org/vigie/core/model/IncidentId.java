package org.vigie.core.model;

import java.util.Objects;
import java.util.UUID;

/** Time-ordered incident identifier (UUIDv7). */
public record IncidentId(UUID value) implements Comparable<IncidentId> {
    public IncidentId {
        Objects.requireNonNull(value, "value");
    }

    public static IncidentId newId() {
        return new IncidentId(EventId.Uuid7.next());
    }

    public static IncidentId parse(String text) {
        return new IncidentId(UUID.fromString(text));
    }

    @Override
    public int compareTo(IncidentId o) {
        return EventId.Uuid7.compare(value, o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
