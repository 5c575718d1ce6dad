package org.vigie.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * A search of stored events by what, when, where and which kind of source. There is deliberately no criterion
 * about a person (no attribute, no description): the console searches situations, never people.
 *
 * @param from  inclusive lower bound of occurrence time, or null
 * @param to    exclusive upper bound of occurrence time, or null
 * @param bbox  the rectangle to look in (a district's bounds; the caller checks the exact shape), or null
 * @param limit at most this many events, newest first
 */
public record EventSearch(Set<EventType> types, Set<SourceKind> sourceKinds, Instant from, Instant to,
                          BoundingBox bbox, int limit) {
    public static final int MAX_LIMIT = 2_000;

    public EventSearch {
        types = Set.copyOf(Objects.requireNonNull(types, "types"));
        sourceKinds = Set.copyOf(Objects.requireNonNull(sourceKinds, "sourceKinds"));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }
}
