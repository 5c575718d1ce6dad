package org.vigie.core.model;

/** What triage reads of an incident to assess it: an {@link Incident} is one, and so is one being made. */
public interface Assessable {
    EventType type();

    /** The composite rule that shaped it, or null. */
    String composite();

    Severity severity();

    Location location();

    int sourceCount();

    void forEachSource(Incident.SourceVisitor visitor);
}
