package org.vigie.server.access;

import java.util.Locale;

/**
 * What a signed-in person may do. Roles are not ranked: an auditor reads the audit log and metrics but never
 * evidence content, which an operator may open.
 */
public enum Role {
    /** Anyone, signed in or not: the transparency page only. */
    PUBLIC,
    /** The incident queue, evidence, verdicts. */
    OPERATOR,
    /** What an operator does, plus configuration, procedures and camera zones. */
    SUPERVISOR,
    /** The audit log and metrics; never evidence content. */
    AUDITOR,
    /** Accounts. */
    ADMIN,
    /**
     * A machine, never a person: a sensor or feed posting events, a partner system reading the published feeds (CAP,
     * NGSI-LD), the metrics scraper. Only API keys carry it; no account can have it.
     */
    SOURCE;

    /** The role named by its JSON name, e.g. {@code operator}. */
    public static java.util.Optional<Role> fromJson(String name) {
        for (Role r : values()) {
            if (r.jsonName().equals(name)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether a local account may hold this role (the public and machines have no accounts). */
    public boolean isForAccounts() {
        return this != PUBLIC && this != SOURCE;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
