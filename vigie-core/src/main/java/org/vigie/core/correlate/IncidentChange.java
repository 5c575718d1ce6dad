package org.vigie.core.correlate;

import java.util.List;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;

/**
 * What the correlator did to one incident; listeners persist and broadcast these.
 *
 * @param baseVersion the version the change was computed from (0 when the incident was opened): a store
 *                    applies the change only if it still holds that version
 */
public record IncidentChange(Kind kind, Incident incident, List<EventId> addedEvents, long baseVersion) {
    public enum Kind {
        OPENED, EVENTS_ADDED, STATUS_CHANGED
    }

    public IncidentChange {
        addedEvents = List.copyOf(addedEvents);
        if (kind == Kind.OPENED && baseVersion != 0) {
            throw new IllegalArgumentException("an opened incident has no base version, got " + baseVersion);
        }
        if (baseVersion >= incident.version()) {
            throw new IllegalArgumentException("incident " + incident.id() + " at version " + incident.version()
                    + " cannot be based on version " + baseVersion);
        }
    }
}
