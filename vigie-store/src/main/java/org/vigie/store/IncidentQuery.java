package org.vigie.store;

import java.time.Instant;
import java.util.Set;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentStatus;

/**
 * A filter on the operator's queue. Results are sorted by priority (most urgent first), then most recently
 * seen, then id, so paging is stable.
 *
 * @param statuses any of these; empty means every status
 * @param types any of these; empty means every type
 * @param since only incidents last seen at or after this instant; null for no bound
 * @param bbox only incidents whose location lies inside (edges included); null for anywhere
 * @param limit 1..{@value #MAX_LIMIT}
 * @param offset 0 or more
 */
public record IncidentQuery(Set<IncidentStatus> statuses, Set<EventType> types, Instant since, BoundingBox bbox,
                            int limit, int offset) {
    public static final int MAX_LIMIT = 500;

    public IncidentQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("incident query limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("incident query offset must be 0 or more, got " + offset);
        }
    }

    /** Every incident, first page of {@code limit}. */
    public static IncidentQuery all(int limit) {
        return new IncidentQuery(Set.of(), Set.of(), null, null, limit, 0);
    }

    public IncidentQuery withStatuses(Set<IncidentStatus> s) {
        return new IncidentQuery(s, types, since, bbox, limit, offset);
    }

    public IncidentQuery withTypes(Set<EventType> t) {
        return new IncidentQuery(statuses, t, since, bbox, limit, offset);
    }

    public IncidentQuery withSince(Instant s) {
        return new IncidentQuery(statuses, types, s, bbox, limit, offset);
    }

    public IncidentQuery withBbox(BoundingBox b) {
        return new IncidentQuery(statuses, types, since, b, limit, offset);
    }

    public IncidentQuery withPage(int newLimit, int newOffset) {
        return new IncidentQuery(statuses, types, since, bbox, newLimit, newOffset);
    }
}
