package org.vigie.stream.correlate;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the correlator has done since this instance started, for health pages and metrics. Counted as records are
 * processed, so a record processed again after an aborted transaction (exactly-once retries) counts twice: a
 * rate, not a ledger. Safe to read from any thread while stream threads count.
 */
public final class CorrelationCounts {
    private final LongAdder events = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder changes = new LongAdder();
    private final LongAdder decisions = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    private final LongAdder handedOn = new LongAdder();

    /** Events read from the events topic and routed to their correlation partitions. */
    public long events() {
        return events.sum();
    }

    /** Copies of an event a correlation partition had already applied, and skipped. */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Incident changes written to the incidents topic. */
    public long changes() {
        return changes.sum();
    }

    /** Operators' decisions applied and passed on to the incidents topic. */
    public long decisions() {
        return decisions.sum();
    }

    /** Decisions refused: the incident had changed since the operator saw it, or belongs to another partition. */
    public long refusals() {
        return refusals.sum();
    }

    /**
     * Events a correlation partition handed on to another because it could not emit them itself: delegated to the
     * owner of the incident they joined, or sent back to their own partition (see {@code PartitionedCorrelation}).
     * Where partitions' views agree there are none; a steady rate says incidents grow wider than the margin.
     */
    public long handedOn() {
        return handedOn.sum();
    }

    void handedOn(int n) {
        handedOn.add(n);
    }

    void decided() {
        decisions.increment();
    }

    void refused() {
        refusals.increment();
    }

    void routed() {
        events.increment();
    }

    void skipped() {
        duplicates.increment();
    }

    void emitted(int n) {
        changes.add(n);
    }
}
