package org.vigie.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Who moved an incident to its current status, when, and why: free text, and for a dismissal a reason from the
 * list ({@code reasonCode}, null otherwise or when the decision predates the list).
 */
public record Verdict(String by, Instant at, String reason, DismissalReason reasonCode) {
    public static final int MAX_REASON_LENGTH = 2000;

    public Verdict {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
        if (by.isBlank()) {
            throw new IllegalArgumentException("verdict.by must name the operator");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("verdict.reason longer than " + MAX_REASON_LENGTH + " characters");
        }
    }

    /** A verdict with free text only. */
    public Verdict(String by, Instant at, String reason) {
        this(by, at, reason, null);
    }
}
