package org.vigie.core.model;

/** A status change that the incident life cycle does not allow. */
public final class IllegalTransitionException extends RuntimeException {
    private final IncidentStatus from;
    private final IncidentStatus to;

    public IllegalTransitionException(IncidentId id, IncidentStatus from, IncidentStatus to) {
        super("incident " + id + " cannot go from " + from.jsonName() + " to " + to.jsonName()
                + "; allowed: " + from.next().stream().map(IncidentStatus::jsonName).sorted().toList());
        this.from = from;
        this.to = to;
    }

    public IncidentStatus from() {
        return from;
    }

    public IncidentStatus to() {
        return to;
    }
}
