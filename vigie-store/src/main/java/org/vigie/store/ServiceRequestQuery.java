package org.vigie.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Requests made in {@code [from, to]}, newest first.
 *
 * @param serviceCodes empty for every service
 * @param closed       true for closed requests only, false for open ones only, null for both
 */
public record ServiceRequestQuery(List<String> serviceCodes, Instant from, Instant to, Boolean closed, int limit) {
    public ServiceRequestQuery {
        serviceCodes = List.copyOf(serviceCodes);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
