package org.vigie.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Event;
import org.vigie.core.model.Incident;

/**
 * Correlator throughput in events/s with 1k and with 100k open incidents, for the grid-indexed
 * {@link CorrelationEngine} and, as the same-run baseline, {@link LinearScanCorrelator}. Report
 * {@code indexed*} / {@code linear*} at each {@code openIncidents}.
 *
 * <ul>
 *   <li>{@code *Single}: {@code process(List.of(event))}, one event per call: ops/s = events/s.</li>
 *   <li>{@code *Batch}: {@code process(batch)} with 1000 events per call; {@link OperationsPerInvocation}
 *       makes ops/s = events/s too.</li>
 *   <li>{@code indexedSweep}: one {@link CorrelationEngine#evictExpired()} that finds nothing to evict
 *       (average µs per call, not events/s); the engine runs it after every batch.</li>
 * </ul>
 *
 * <p>Workload: {@link Scenario} (seeded, identical for both correlators): n open incidents of a mix of
 * types spread over Marseille, all recent; 64k pre-generated events replayed as a ring, ~70 % joining an
 * incident of a compatible type nearby and ~30 % opening a new one elsewhere.
 *
 * <p>Keeping "n open incidents" true during a measurement: each iteration starts from a fresh correlator
 * filled with the same immutable pre-filled incidents ({@code @Setup(Level.Iteration)}; cheap next to a 2–3 s
 * iteration), and inside the iteration {@link Churn} closes every incident an operation opened and caps
 * member lists. Re-creating the state per iteration alone would not be enough: at ~10^5 events/s, 30 % of
 * the events would add tens of thousands of incidents per second, turning the 1k case into a 100k+ case
 * within the first iteration. With {@code Churn} the count is exactly n after every single-event call and
 * at most n + ~300 inside a batch; {@link #checkNoDrift} fails the run otherwise.
 *
 * <p>Before any measurement each trial runs {@link Equivalence#verify}: both correlators must make the
 * same decisions on the scenario, or the ratio is meaningless and the trial fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
public class CorrelatorBenchmark {
    public static final long SEED = 20260714L;

    @State(Scope.Thread)
    public abstract static class Workload {
        @Param({"1000", "100000"})
        public int openIncidents;

        Scenario scenario;
        Event[] ring;
        List<List<Event>> batches;
        int cursor;
        int batchCursor;

        @Setup(Level.Trial)
        public void generate() {
            scenario = Scenario.generate(openIncidents, SEED);
            ring = scenario.ring();
            batches = scenario.batches();
            System.out.println("\n" + Equivalence.verify(scenario, 256, 128));
        }

        @Setup(Level.Iteration)
        public void fresh() {
            reset(scenario.rules());
            for (Incident inc : scenario.incidents()) {
                put(inc);
            }
            // Moves the watermark from the epoch to T0 here, not in the measurement.
            Churn.rebalance(process(List.of(scenario.primer())), this::put);
            cursor = 0;
            batchCursor = 0;
        }

        @TearDown(Level.Iteration)
        public void checkNoDrift() {
            if (openCount() != openIncidents) {
                throw new IllegalStateException("open incidents drifted from " + openIncidents + " to " + openCount());
            }
        }

        abstract void reset(CorrelationRules rules);

        abstract List<IncidentChange> process(List<Event> events);

        abstract void put(Incident incident);

        abstract int openCount();

        final Event nextEvent() {
            Event e = ring[cursor];
            if (++cursor == ring.length) {
                cursor = 0;
            }
            return e;
        }

        final List<Event> nextBatch() {
            List<Event> b = batches.get(batchCursor);
            if (++batchCursor == batches.size()) {
                batchCursor = 0;
            }
            return b;
        }
    }

    @State(Scope.Thread)
    public static class Indexed extends Workload {
        CorrelationEngine engine;
        Consumer<Incident> put;

        @Override
        void reset(CorrelationRules rules) {
            engine = new CorrelationEngine(rules); // production id supplier, as Platform builds it
            put = engine::put;
        }

        @Override
        List<IncidentChange> process(List<Event> events) {
            return engine.process(events);
        }

        @Override
        void put(Incident incident) {
            engine.put(incident);
        }

        @Override
        int openCount() {
            return engine.openCount();
        }
    }

    @State(Scope.Thread)
    public static class Linear extends Workload {
        LinearScanCorrelator linear;
        Consumer<Incident> put;

        @Override
        void reset(CorrelationRules rules) {
            linear = new LinearScanCorrelator(rules);
            put = linear::put;
        }

        @Override
        List<IncidentChange> process(List<Event> events) {
            return linear.process(events);
        }

        @Override
        void put(Incident incident) {
            linear.put(incident);
        }

        @Override
        int openCount() {
            return linear.openCount();
        }
    }

    @Benchmark
    public List<IncidentChange> indexedSingle(Indexed s) {
        List<IncidentChange> changes = s.engine.process(List.of(s.nextEvent()));
        Churn.rebalance(changes, s.put);
        return changes;
    }

    @Benchmark
    @OperationsPerInvocation(Scenario.BATCH)
    public List<IncidentChange> indexedBatch(Indexed s) {
        List<IncidentChange> changes = s.engine.process(s.nextBatch());
        Churn.rebalance(changes, s.put);
        return changes;
    }

    @Benchmark
    public List<IncidentChange> linearSingle(Linear s) {
        List<IncidentChange> changes = s.linear.process(List.of(s.nextEvent()));
        Churn.rebalance(changes, s.put);
        return changes;
    }

    @Benchmark
    @OperationsPerInvocation(Scenario.BATCH)
    public List<IncidentChange> linearBatch(Linear s) {
        List<IncidentChange> changes = s.linear.process(s.nextBatch());
        Churn.rebalance(changes, s.put);
        return changes;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int indexedSweep(Indexed s) {
        return s.engine.evictExpired();
    }
}
