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

    private static final int MARK_BATCH = 1000;

    private final DSLContext db;
    private final Object writer = new Object();
    /** Guarded by {@link #writer}. */
    private AuditAnchor anchor;
    private int anchorEvery = 1;
    private long unmarked;

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
                    AuditRecord committed = db.transactionResult(cfg -> {
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
                    // After the commit: a mark never names a row that is not in the table.
                    AuditRecord written = committed;
                    if (anchor != null && ++unmarked >= anchorEvery) {
                        anchor.write(written.seq(), written.hash(), written.at());
                        unmarked = 0;
                    }
                    return written;
                } catch (DataAccessException e) {
                    last = e; // another process appended the same seq first: read the new tail and try again
                }
            }
            throw new StoreException("cannot append to the audit log after " + ATTEMPTS + " attempts: " + last.getMessage(),
                    last);
        }
    }

    /**
     * Marks the chain's head in {@code anchor} from now on, every {@code every} appends (and at {@link #markHead()}).
     * The current head is marked at once when the anchor lags behind it (a new anchor file, or appends by another
     * process); a table behind its anchor is not marked over, and said.
     *
     * @return what is wrong between the table and the anchor, or empty
     */
    public Optional<String> anchorTo(AuditAnchor a, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, got " + every);
        }
        synchronized (writer) {
            this.anchor = a;
            this.anchorEvery = every;
            this.unmarked = 0;
            Optional<AuditRecord> head = head();
            Optional<AuditAnchor.Mark> last = a.last();
            if (last.isPresent()) {
                long markSeq = last.get().seq();
                long headSeq = head.map(AuditRecord::seq).orElse(0L);
                if (markSeq > headSeq) {
                    return Optional.of("the audit log ends at row " + headSeq + " but its anchor " + a.file() + " marked row "
                            + markSeq + ": rows were deleted from the end; run vigie audit verify");
                }
                if (markSeq == headSeq && !head.get().hash().equals(last.get().hash())) {
                    return Optional.of("row " + headSeq + " of the audit log is not the row its anchor " + a.file()
                            + " marked; run vigie audit verify");
                }
                if (markSeq == headSeq) {
                    return Optional.empty();
                }
            }
            head.ifPresent(h -> a.write(h.seq(), h.hash(), h.at()));
            return Optional.empty();
        }
    }

    /** Marks the head now if appends since the last mark are not marked yet (at shutdown). */
    public void markHead() {
        synchronized (writer) {
            if (anchor != null && unmarked > 0) {
                head().ifPresent(h -> anchor.write(h.seq(), h.hash(), h.at()));
                unmarked = 0;
            }
        }
    }

    /** Marks the head if needed and closes the anchor file; appends after this are no longer marked. */
    public void closeAnchor() {
        synchronized (writer) {
            if (anchor != null) {
                try {
                    markHead();
                } finally {
                    anchor.close();
                    anchor = null;
                }
            }
        }
    }

    /** The anchor marks are written to, if any. */
    public Optional<AuditAnchor> anchor() {
        synchronized (writer) {
            return Optional.ofNullable(anchor);
        }
    }

    /** The last row of the chain, if any. */
    public Optional<AuditRecord> head() {
        return db.select(ALL).from(TABLE).orderBy(SEQ.desc()).limit(1).fetchOptional(AuditRepository::row);
    }

    /**
     * Verifies the chain ({@link #verify()}), then compares it with the marks of an anchor: a mark beyond the last
     * row names the rows cut from the end; a mark whose row has another hash names a row that was replaced; a mark
     * going back names rows cut and written again. Reported in that order, the first problem found.
     */
    public AuditCheck verify(AuditAnchor marks) {
        AuditCheck chain = verify();
        if (!chain.intact()) {
            return chain;
        }
        long headSeq = head().map(AuditRecord::seq).orElse(0L);
        var beyond = new AuditAnchor.Mark[1];
        var replaced = new AuditAnchor.Mark[1];
        var rewound = new String[1];
        var rewoundAt = new long[1];
        var previous = new AuditAnchor.Mark[1];
        var batch = new java.util.ArrayList<AuditAnchor.Mark>();
        Runnable compare = () -> {
            var seqs = batch.stream().map(AuditAnchor.Mark::seq).distinct().toList();
            var hashes = new java.util.HashMap<Long, String>();
            db.select(SEQ, HASH).from(TABLE).where(SEQ.in(seqs)).fetch().forEach(r -> hashes.put(r.value1(), r.value2()));
            for (AuditAnchor.Mark m : batch) {
                if (replaced[0] == null && !m.hash().equals(hashes.get(m.seq()))) {
                    replaced[0] = m;
                }
            }
            batch.clear();
        };
        List<String> unreadable = marks.scan(m -> {
            AuditAnchor.Mark p = previous[0];
            if (rewound[0] == null && p != null && (m.seq() < p.seq() || (m.seq() == p.seq() && !m.hash().equals(p.hash())))) {
                rewound[0] = "its anchor goes back from row " + p.seq() + " (" + marks.file() + ":" + p.line() + ") to row "
                        + m.seq() + " (line " + m.line() + "): rows " + m.seq() + ".." + p.seq() + " were deleted and "
                        + "written again";
                rewoundAt[0] = m.seq();
            }
            previous[0] = m;
            if (m.seq() > headSeq) {
                if (beyond[0] == null || m.seq() > beyond[0].seq()) {
                    beyond[0] = m;
                }
            } else {
                batch.add(m);
                if (batch.size() >= MARK_BATCH) {
                    compare.run();
                }
            }
        });
        if (!batch.isEmpty()) {
            compare.run();
        }
        if (beyond[0] != null) {
            AuditAnchor.Mark m = beyond[0];
            return new AuditCheck(chain.checked(), Optional.of(headSeq + 1), "rows " + (headSeq + 1) + ".." + m.seq()
                    + " are missing from the end: the anchor " + marks.file() + ":" + m.line() + " marked row " + m.seq()
                    + " (at " + m.at() + ") and the table ends at row " + headSeq);
        }
        if (replaced[0] != null) {
            AuditAnchor.Mark m = replaced[0];
            return new AuditCheck(chain.checked(), Optional.of(m.seq()), "row " + m.seq() + " is not the row the anchor "
                    + marks.file() + ":" + m.line() + " marked (at " + m.at() + "): rows from " + m.seq()
                    + " were replaced");
        }
        if (rewound[0] != null) {
            return new AuditCheck(chain.checked(), Optional.of(rewoundAt[0]), rewound[0]);
        }
        if (!unreadable.isEmpty()) {
            return new AuditCheck(chain.checked(), Optional.of(headSeq), "the anchor has lines that are not marks: "
                    + String.join("; ", unreadable.subList(0, Math.min(3, unreadable.size()))));
        }
        return chain;
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
