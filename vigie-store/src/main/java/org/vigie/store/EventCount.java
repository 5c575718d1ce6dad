package org.vigie.store;

import java.time.Instant;
import org.vigie.core.model.EventType;

/**
 * Events of one type in one H3 cell during one time bucket (see {@link EventRepository#forEachCount}).
 *
 * @param cell the H3 cell at {@link org.vigie.core.geo.Cells#EVENT_RESOLUTION}
 */
public record EventCount(Instant bucketStart, EventType type, long cell, int count) {
}
