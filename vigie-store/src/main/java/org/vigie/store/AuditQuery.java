package org.vigie.store;

import java.time.Instant;

/**
 * A filter on the audit log; null fields do not filter. Newest first.
 *
 * @param from inclusive
 * @param to   exclusive
 */
public record AuditQuery(String actor, String action, Instant from, Instant to, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", got " + limit);
        }
    }
}
