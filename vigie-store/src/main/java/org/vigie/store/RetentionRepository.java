package org.vigie.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.vigie.core.geo.Cells;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.store.Tables.EventAggregates;
import org.vigie.store.Tables.Events;

/**
 * Reduces old events to {@link EventAggregate counts}. Incidents keep their own summary (type, place, times, member
 * ids and counts, verdict): only the events themselves go.
 */
public final class RetentionRepository {
    /** About 5 km² per cell: coarse enough that a count says nothing about one street or one person. */
    public static final int AGGREGATE_RESOLUTION = 7;
    private static final int CHUNK = 2_000;

    private final DSLContext db;

    RetentionRepository(DSLContext db) {
        this.db = db;
    }

    private record Key(String day, long cell, EventType type, SourceKind kind) {
    }

    /**
     * Counts and deletes every event that occurred before {@code cutoff}, a chunk per transaction: a chunk's counts
     * are added to the aggregates in the transaction that deletes its events, so a crash loses nothing and counts
     * nothing twice.
     *
     * @return how many events were reduced
     */
    public long reduceEventsBefore(Instant cutoff) {
        long reduced = 0;
        while (true) {
            int n = db.transactionResult(cfg -> reduceChunk(cfg.dsl(), cutoff));
            reduced += n;
            if (n < CHUNK) {
                return reduced;
            }
        }
    }

    private static int reduceChunk(DSLContext tx, Instant cutoff) {
        var rows = tx.select(Events.ID, Events.OCCURRED_AT, Events.H3, Events.TYPE, Events.SOURCE_KIND).from(Events.TABLE)
                .where(Events.OCCURRED_AT.lt(cutoff)).orderBy(Events.OCCURRED_AT, Events.ID).limit(CHUNK).fetch();
        if (rows.isEmpty()) {
            return 0;
        }
        var counts = new HashMap<Key, Long>();
        List<EventId> ids = rows.map(r -> r.value1());
        for (var r : rows) {
            String day = LocalDate.ofInstant(r.value2(), ZoneOffset.UTC).toString();
            counts.merge(new Key(day, Cells.parent(r.value3(), AGGREGATE_RESOLUTION), r.value4(), r.value5()), 1L, Long::sum);
        }
        for (Map.Entry<Key, Long> c : counts.entrySet()) {
            Key k = c.getKey();
            tx.insertInto(EventAggregates.TABLE).set(EventAggregates.DAY, k.day()).set(EventAggregates.CELL, k.cell())
                    .set(EventAggregates.TYPE, k.type()).set(EventAggregates.SOURCE_KIND, k.kind())
                    .set(EventAggregates.EVENTS, c.getValue())
                    .onConflict(EventAggregates.DAY, EventAggregates.CELL, EventAggregates.TYPE, EventAggregates.SOURCE_KIND)
                    .doUpdate().set(EventAggregates.EVENTS, EventAggregates.EVENTS.plus(DSL.excluded(EventAggregates.EVENTS)))
                    .execute();
        }
        tx.deleteFrom(Events.TABLE).where(Events.ID.in(ids)).execute();
        return rows.size();
    }

    /** The aggregates of days in [from, to], by day, cell, type and kind. */
    public List<EventAggregate> aggregates(LocalDate from, LocalDate to) {
        return db.select(EventAggregates.DAY, EventAggregates.CELL, EventAggregates.TYPE, EventAggregates.SOURCE_KIND,
                        EventAggregates.EVENTS).from(EventAggregates.TABLE)
                .where(EventAggregates.DAY.between(from.toString(), to.toString()))
                .orderBy(EventAggregates.DAY, EventAggregates.CELL, EventAggregates.TYPE, EventAggregates.SOURCE_KIND)
                .fetch(r -> new EventAggregate(LocalDate.parse(r.value1()), r.value2(), r.value3(), r.value4(), r.value5()));
    }
}
