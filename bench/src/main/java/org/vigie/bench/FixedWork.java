package org.vigie.bench;

import java.util.List;
import org.vigie.core.model.Event;

/**
 * A fixed amount of correlator work, for counting instructions and simulated cache misses with valgrind rather than
 * timing it: the same workload, fresh engine and {@link Churn} as {@link ScalingRatio}, then {@code BATCHES} batches of
 * 1000 events. Two runs that differ only in {@code BATCHES} differ by that many batches' work, whatever the start-up,
 * the workload's generation and the compiler cost; the difference divided by the events is the cost of one event.
 * Counts do not depend on what else the machine is doing (bench/README.md, "Seventh pass").
 *
 * <p>{@code bench/cachegrind.sh} runs it under valgrind with the JVM options that make the counts comparable (C1 only,
 * foreground compilation) and prints the per-event table.
 */
public final class FixedWork {
    private FixedWork() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: FixedWork OPEN_INCIDENTS BATCHES");
            System.exit(2);
        }
        var w = new CorrelatorBenchmark.Indexed();
        w.openIncidents = Integer.parseInt(args[0]);
        w.generate();
        w.fresh();
        int batches = Integer.parseInt(args[1]);
        long events = 0;
        for (int i = 0; i < batches; i++) {
            List<Event> batch = w.nextBatch();
            Churn.rebalance(w.engine.process(batch), w.put);
            events += batch.size();
        }
        w.checkNoDrift();
        System.out.printf("{\"open_incidents\": %d, \"events\": %d}%n", w.openIncidents, events);
    }
}
