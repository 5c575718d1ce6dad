package org.vigie.core.correlate;

import java.util.List;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;

/**
 * What the correlator did to one incident; listeners persist and broadcast these.
 *
 * <p>How the version moves for each kind (a store checks it): {@code OPENED}, {@code EVENTS_ADDED} and
 * {@code MERGED} raise it by one per event added (an absorbed event counts as if it had joined);
 * {@code STATUS_CHANGED}, {@code ABSORBED} and {@code SPLIT} raise it by one.
 *
 * @param addedEvents   events that became members
 * @param removedEvents events that stopped being members ({@code ABSORBED}: all of them; {@code SPLIT}: those
 *                      moved to the new incident)
 * @param baseVersion   the version the change was computed from (0 when the incident was opened): a store
 *                      applies the change only if it still holds that version
 */
public record IncidentChange(Kind kind, Incident incident, List<EventId> addedEvents, List<EventId> removedEvents,
                             long baseVersion) {
    public enum Kind {
        OPENED, EVENTS_ADDED, STATUS_CHANGED,
        /** The incident took in the events of other incidents (a composite rule or an operator). */
        MERGED,
        /** The incident's events went into another; it is now closed and points to it. */
        ABSORBED,
        /** Some events left the incident for a new one (opened by its own change). */
        SPLIT;

        /** By how much a change of this kind raises the version, given the number of events it adds. */
        public long versionStep(int added) {
            return switch (this) {
                case OPENED, EVENTS_ADDED, MERGED -> added;
                case STATUS_CHANGED, ABSORBED, SPLIT -> 1;
            };
        }
    }

    public IncidentChange {
        addedEvents = List.copyOf(addedEvents);
        removedEvents = List.copyOf(removedEvents);
        if (kind == Kind.OPENED && baseVersion != 0) {
            throw new IllegalArgumentException("an opened incident has no base version, got " + baseVersion);
        }
        if (baseVersion >= incident.version()) {
            throw new IllegalArgumentException("incident " + incident.id() + " at version " + incident.version()
                    + " cannot be based on version " + baseVersion);
        }
    }

    /** A change that removes no event. */
    public IncidentChange(Kind kind, Incident incident, List<EventId> addedEvents, long baseVersion) {
        this(kind, incident, addedEvents, List.of(), baseVersion);
    }
}
