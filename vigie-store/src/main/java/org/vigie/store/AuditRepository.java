package org.vigie.store;

import static org.vigie.store.Tables.AuditLog.ACTION;
import static org.vigie.store.Tables.AuditLog.ACTOR;
import static org.vigie.store.Tables.AuditLog.ALL;
import static org.vigie.store.Tables.AuditLog.AT;
import static org.vigie.store.Tables.AuditLog.DETAIL;
import static org.vigie.store.Tables.AuditLog.HASH;
import static org.vigie.store.Tables.AuditLog.PREV_HASH;
import static org.vigie.store.Tables.AuditLog.ROLE;
import static org.vigie.store.Tables.AuditLog.SEQ;
import static org.vigie.store.Tables.AuditLog.TABLE;
import static org.vigie.store.Tables.AuditLog.TARGET;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The audit log: a hash chain in one table. Appends are serialised twice over: one writer at a time in this process
 * (a lock), and across processes by the primary key on {@code seq}, so that a second process that read the same last
 * row fails its insert and retries on the new last row instead of forking the chain.
 */
public final class AuditRepository {
    public static final String GENESIS = "0".repeat(64);
    private static final int ATTEMPTS = 20;
    private static final int VERIFY_PAGE = 1000;

    private final DSLContext db;
    private final Object writer = new Object();

    AuditRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Appends a row, committed before this returns.
     *
     * @throws StoreException when the row could not be written (the caller's action must then fail too)
     */
    public AuditRecord append(Instant at, String actor, String role, String action, String target, String detail) {
        long micros = Tables.microsOf(at);
        synchronized (writer) {
            DataAccessException last = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    return db.transactionResult(cfg -> {
                        DSLContext tx = cfg.dsl();
                        var tail = tx.select(SEQ, HASH).from(TABLE).orderBy(SEQ.desc()).limit(1).fetchOptional();
                        long seq = tail.map(r -> r.value1() + 1).orElse(1L);
                        String prev = tail.map(r -> r.value2()).orElse(GENESIS);
                        var row = new AuditRecord(seq, Tables.instantOf(micros), actor, role, action, target, detail, prev,
                                hash(seq, micros, actor, role, action, target, detail, prev));
                        tx.insertInto(TABLE).set(SEQ, seq).set(AT, micros).set(ACTOR, actor).set(ROLE, role)
                                .set(ACTION, action).set(TARGET, target).set(DETAIL, detail).set(PREV_HASH, prev)
                                .set(HASH, row.hash()).execute();
                        return row;
                    });
                } catch (DataAccessException e) {
                    last = e; // another process appended the same seq first: read the new tail and try again
                }
            }
            throw new StoreException("cannot append to the audit log after " + ATTEMPTS + " attempts: " + last.getMessage(),
                    last);
        }
    }

    /** Rows matching the filter, newest first. */
    public List<AuditRecord> search(AuditQuery q) {
        Condition where = DSL.noCondition();
        if (q.actor() != null) {
            where = where.and(ACTOR.eq(q.actor()));
        }
        if (q.action() != null) {
            where = where.and(ACTION.eq(q.action()));
        }
        if (q.from() != null) {
            where = where.and(AT.ge(Tables.microsOf(q.from())));
        }
        if (q.to() != null) {
            where = where.and(AT.lt(Tables.microsOf(q.to())));
        }
        return db.select(ALL).from(TABLE).where(where).orderBy(SEQ.desc()).limit(q.limit()).fetch(AuditRepository::row);
    }

    public long count() {
        return db.fetchCount(TABLE);
    }

    /**
     * Walks the chain from the first row: each row must follow the one before without a gap, name that row's hash as
     * its {@code prev_hash}, and hash to its own {@code hash}. Stops at the first row that does not.
     */
    public AuditCheck verify() {
        long expectedSeq = 1;
        String prev = GENESIS;
        long checked = 0;
        while (true) {
            List<AuditRecord> page = db.select(ALL).from(TABLE).where(SEQ.ge(expectedSeq)).orderBy(SEQ)
                    .limit(VERIFY_PAGE).fetch(AuditRepository::row);
            if (page.isEmpty()) {
                return new AuditCheck(checked, Optional.empty(), "");
            }
            for (AuditRecord r : page) {
                checked++;
                if (r.seq() != expectedSeq) {
                    return new AuditCheck(checked, Optional.of(r.seq()), "row " + expectedSeq + " is missing before row "
                            + r.seq());
                }
                if (!r.prevHash().equals(prev)) {
                    return new AuditCheck(checked, Optional.of(r.seq()), "its prev_hash does not match the hash of row "
                            + (r.seq() - 1));
                }
                String expected = hash(r.seq(), Tables.microsOf(r.at()), r.actor(), r.role(), r.action(), r.target(),
                        r.detail(), r.prevHash());
                if (!expected.equals(r.hash())) {
                    return new AuditCheck(checked, Optional.of(r.seq()), "its fields do not hash to its stored hash "
                            + "(the row was edited)");
                }
                prev = r.hash();
                expectedSeq++;
            }
        }
    }

    private static AuditRecord row(Record r) {
        return new AuditRecord(r.get(SEQ), Tables.instantOf(r.get(AT)), r.get(ACTOR), r.get(ROLE), r.get(ACTION),
                r.get(TARGET), r.get(DETAIL), r.get(PREV_HASH), r.get(HASH));
    }

    /**
     * SHA-256 (lower-case hex) over the fields in a fixed order, numbers as 8 big-endian bytes and each text as its
     * UTF-8 length (4 bytes) then its bytes: no two different rows encode alike, whatever characters they hold.
     */
    static String hash(long seq, long atMicros, String actor, String role, String action, String target, String detail,
                       String prevHash) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(atMicros).array());
        for (String s : new String[] {actor, role, action, target, detail, prevHash}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
