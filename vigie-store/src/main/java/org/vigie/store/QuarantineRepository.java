package org.vigie.store;

import static org.vigie.store.Tables.Quarantine.CHANNEL;
import static org.vigie.store.Tables.Quarantine.ID;
import static org.vigie.store.Tables.Quarantine.RAW;
import static org.vigie.store.Tables.Quarantine.REASON;
import static org.vigie.store.Tables.Quarantine.RECEIVED_AT;
import static org.vigie.store.Tables.Quarantine.TABLE;

import java.util.List;
import org.jooq.DSLContext;

/** Records that could not become events; written by {@link Store#ingest}, listed for the integrator. */
public final class QuarantineRepository {
    private final DSLContext db;

    QuarantineRepository(DSLContext db) {
        this.db = db;
    }

    /** Newest first. */
    public List<QuarantinedRecord> list(int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("quarantine page needs limit >= 1 and offset >= 0, got limit "
                    + limit + ", offset " + offset);
        }
        return db.select(ID, RECEIVED_AT, CHANNEL, REASON, RAW).from(TABLE)
                .orderBy(RECEIVED_AT.desc(), ID.desc())
                .limit(limit).offset(offset)
                .fetch(r -> new QuarantinedRecord(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    public long count() {
        return db.selectCount().from(TABLE).fetchSingle(0, Long.class);
    }

    /** Records quarantined since {@code since}, per channel (a feed, the API, a file). */
    public java.util.Map<String, Long> countByChannelSince(java.time.Instant since) {
        var counts = new java.util.TreeMap<String, Long>();
        var n = org.jooq.impl.DSL.count();
        db.select(CHANNEL, n).from(TABLE).where(RECEIVED_AT.ge(since)).groupBy(CHANNEL)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /** Inside the caller's transaction. A record with an id already present is kept once (feeds re-polled). */
    void insert(DSLContext tx, QuarantinedRecord r) {
        tx.insertInto(TABLE)
                .set(ID, r.id())
                .set(RECEIVED_AT, r.receivedAt())
                .set(CHANNEL, r.channel())
                .set(REASON, r.reason())
                .set(RAW, r.raw())
                .onConflict(ID).doNothing()
                .execute();
    }
}
