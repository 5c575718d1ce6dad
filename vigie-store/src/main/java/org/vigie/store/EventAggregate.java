package org.vigie.store;

import java.time.LocalDate;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * How many events of one type, from one kind of source, occurred in one H3 cell (resolution
 * {@link RetentionRepository#AGGREGATE_RESOLUTION}) on one UTC day: all that retention keeps of old events.
 */
public record EventAggregate(LocalDate day, long cell, EventType type, SourceKind sourceKind, long events) {
}
