package org.vigie.core.correlate;

import java.util.List;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;

/** What the correlator did to one incident; listeners persist and broadcast these. */
public record IncidentChange(Kind kind, Incident incident, List<EventId> addedEvents) {
    public enum Kind {
        OPENED, EVENTS_ADDED, STATUS_CHANGED
    }

    public IncidentChange {
        addedEvents = List.copyOf(addedEvents);
    }
}
