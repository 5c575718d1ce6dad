package org.vigie.core.model;

/** An update was based on a version of an incident that is no longer current: refused, never merged silently. */
public final class StaleVersionException extends RuntimeException {
    private final long expected;
    private final long actual;

    public StaleVersionException(IncidentId id, long expected, long actual) {
        super("incident " + id + " is at version " + actual + ", the update was based on version " + expected
                + "; reload it and try again");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
