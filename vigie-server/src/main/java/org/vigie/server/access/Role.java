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
    ADMIN;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
