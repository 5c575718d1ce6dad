package org.vigie.core.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The life of an incident: new → acknowledged → confirmed | dismissed → closed. No other move is legal;
 * in particular nothing reopens a closed incident (a new event opens a new incident instead).
 */
public enum IncidentStatus {
    NEW, ACKNOWLEDGED, CONFIRMED, DISMISSED, CLOSED;

    public Set<IncidentStatus> next() {
        return switch (this) {
            case NEW -> Set.of(ACKNOWLEDGED);
            case ACKNOWLEDGED -> Set.of(CONFIRMED, DISMISSED);
            case CONFIRMED, DISMISSED -> Set.of(CLOSED);
            case CLOSED -> Set.of();
        };
    }

    public boolean canMoveTo(IncidentStatus target) {
        return next().contains(target);
    }

    /** Whether new events may still join an incident in this status. */
    public boolean acceptsEvents() {
        return this == NEW || this == ACKNOWLEDGED || this == CONFIRMED;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentStatus> fromJson(String s) {
        for (IncidentStatus st : values()) {
            if (st.jsonName().equals(s)) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }
}
