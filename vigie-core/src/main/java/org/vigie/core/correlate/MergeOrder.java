package org.vigie.core.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigie.core.model.IncidentId;

/**
 * An operator's order to merge incidents into one: {@code into} takes the events of {@code others}, which are
 * closed and point to it.
 *
 * @param expectedVersion the version of {@code into} the operator saw
 * @param otherVersions   the versions of other incidents the operator saw; an incident not named here is not
 *                        checked
 */
public record MergeOrder(IncidentId into, long expectedVersion, List<IncidentId> others,
                         Map<IncidentId, Long> otherVersions, String by, Instant at, String reason) {
    public MergeOrder {
        Objects.requireNonNull(into, "into");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        others = List.copyOf(others);
        otherVersions = Map.copyOf(otherVersions);
        reason = reason == null ? "" : reason;
    }
}
