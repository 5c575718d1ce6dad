package org.vigie.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;

/**
 * Sanity check run before every benchmark trial (and standalone through {@link #main}): the indexed engine
 * and {@link LinearScanCorrelator} must make the same join decisions on the scenario, and the scenario must
 * have the intended mix. If they disagree, comparing their speed is meaningless, so the trial fails.
 *
 * <ol>
 *   <li>Static: on a spread sample of ring events, {@code findCandidate} of both, on the pre-filled state,
 *       returns the same incident (or none); and each event joins iff it was generated as a join.</li>
 *   <li>Dynamic: a run of consecutive ring events is processed one at a time, then one batch, through both
 *       (same id sequence, same {@link Churn}); every returned {@link IncidentChange} must be equal
 *       (same kind, incident id, members, location, times, version).</li>
 * </ol>
 */
public final class Equivalence {
    public record Report(int openIncidents, int sampled, int joins, int steps) {
        public double joinFraction() {
            return (double) joins / sampled;
        }

        @Override
        public String toString() {
            return String.format("equivalence OK at %,d open incidents: %d sampled decisions identical "
                    + "(%.1f %% join), %d events processed identically one by one and in a batch",
                    openIncidents, sampled, 100 * joinFraction(), steps);
        }
    }

    private Equivalence() {
    }

    public static Report verify(Scenario sc, int samples, int steps) {
        var engine = new CorrelationEngine(sc.rules(), counter());
        var linear = new LinearScanCorrelator(sc.rules(), counter());
        for (Incident inc : sc.incidents()) {
            engine.put(inc);
            linear.put(inc);
        }
        Event[] ring = sc.ring();

        int joins = 0;
        int stride = Math.max(1, ring.length / samples);
        int sampled = 0;
        for (int i = 0; i < ring.length && sampled < samples; i += stride, sampled++) {
            Optional<Incident> a = engine.findCandidate(ring[i]);
            Optional<Incident> b = linear.findCandidate(ring[i]);
            if (!a.map(Incident::id).equals(b.map(Incident::id))) {
                throw new IllegalStateException("engine and linear scan disagree on ring event " + i + " " + ring[i]
                        + ": engine " + a.map(Incident::id) + ", linear " + b.map(Incident::id));
            }
            if (a.isPresent() != sc.intendedJoin(i)) {
                throw new IllegalStateException("ring event " + i + " was generated to " + (sc.intendedJoin(i) ? "join" : "open")
                        + " but " + (a.isPresent() ? "joins" : "opens"));
            }
            if (a.isPresent()) {
                joins++;
            }
        }

        compare(-1, engine.process(List.of(sc.primer())), linear.process(List.of(sc.primer())), engine, linear);
        for (int i = 0; i < steps; i++) {
            compare(i, engine.process(List.of(ring[i])), linear.process(List.of(ring[i])), engine, linear);
        }
        var batch = List.of(java.util.Arrays.copyOfRange(ring, steps, 2 * steps));
        compare(steps, engine.process(batch), linear.process(batch), engine, linear);
        if (engine.openCount() != linear.openCount() || engine.openCount() != sc.incidents().size()) {
            throw new IllegalStateException("open counts drifted: engine " + engine.openCount() + ", linear "
                    + linear.openCount() + ", pre-filled " + sc.incidents().size());
        }
        return new Report(sc.incidents().size(), sampled, joins, 2 * steps);
    }

    private static void compare(int step, List<IncidentChange> a, List<IncidentChange> b, CorrelationEngine engine,
                                LinearScanCorrelator linear) {
        if (!a.equals(b)) {
            throw new IllegalStateException("engine and linear scan produced different changes at step " + step
                    + ":\n engine " + a + "\n linear " + b);
        }
        Churn.rebalance(a, engine::put);
        Churn.rebalance(b, linear::put);
    }

    /** Deterministic incident ids, so two correlators that decide alike assign alike. */
    static Supplier<IncidentId> counter() {
        long[] next = {0};
        return () -> new IncidentId(EventId.Uuid7.make(Scenario.T0.toEpochMilli(), 0, next[0]++));
    }

    /** {@code java -cp benchmarks.jar org.vigie.bench.Equivalence [n ...]} */
    public static void main(String[] args) {
        var sizes = new ArrayList<Integer>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(1_000, 100_000));
        }
        for (int n : sizes) {
            long t0 = System.nanoTime();
            Scenario sc = Scenario.generate(n, CorrelatorBenchmark.SEED);
            long t1 = System.nanoTime();
            Report r = verify(sc, 4_000, 2_000);
            long t2 = System.nanoTime();
            System.out.printf("%s (generation %.1f s, check %.1f s)%n", r, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }
}
