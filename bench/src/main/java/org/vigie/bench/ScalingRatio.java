package org.vigie.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigie.core.model.Event;

/**
 * The fusion target "100k open incidents at most 2× slower than 1k", measured so that a busy machine cannot
 * fake it either way. JMH runs the two sizes one after the other, minutes apart, so a load that comes or goes in
 * between skews their ratio. Here the two engines take turns: each round processes the same number of batches
 * on the 1k engine and on the 100k engine (the order alternating between rounds), and the ratio is taken per
 * round, then the median over rounds. Same workload, state reset and {@link Churn} as {@link CorrelatorBenchmark}.
 *
 * <p>Rates are events per second of the measuring thread's CPU time ("per core"), so that other processes on
 * the machine, which take the core away for a while, do not count; wall-clock rates are printed beside them.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -Xmx3g -cp bench/target/benchmarks.jar org.vigie.bench.ScalingRatio [ROUNDS]</pre>
 */
public final class ScalingRatio {
    private static final int BATCHES_PER_ROUND = 40;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ScalingRatio() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        var small = workload(1_000);
        var large = workload(100_000);
        for (int warm = 0; warm < 3; warm++) {
            rate(small);
            rate(large);
        }
        var smallRates = new double[rounds];
        var largeRates = new double[rounds];
        var smallWall = new double[rounds];
        var largeWall = new double[rounds];
        var ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Rate a;
            Rate b;
            if (r % 2 == 0) {
                a = rate(small);
                b = rate(large);
            } else {
                b = rate(large);
                a = rate(small);
            }
            smallRates[r] = a.perCpuSecond();
            largeRates[r] = b.perCpuSecond();
            smallWall[r] = a.perWallSecond();
            largeWall[r] = b.perWallSecond();
            ratios[r] = smallRates[r] / largeRates[r];
            System.err.printf("round %d/%d: 1k %.0f events/s (wall %.0f), 100k %.0f events/s (wall %.0f), "
                    + "slowdown %.2f×%n", r + 1, rounds, smallRates[r], smallWall[r], largeRates[r], largeWall[r],
                    ratios[r]);
        }
        System.out.printf("{\"rounds\": %d, \"events_per_cpu_s_1k\": %.0f, \"events_per_cpu_s_100k\": %.0f, "
                        + "\"events_per_wall_s_1k\": %.0f, \"events_per_wall_s_100k\": %.0f, "
                        + "\"slowdown_100k_vs_1k\": %.2f, \"slowdown_min\": %.2f, \"slowdown_max\": %.2f}%n",
                rounds, median(smallRates), median(largeRates), median(smallWall), median(largeWall), median(ratios),
                Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
    }

    private record Rate(double perCpuSecond, double perWallSecond) {
    }

    private static CorrelatorBenchmark.Indexed workload(int open) {
        var w = new CorrelatorBenchmark.Indexed();
        w.openIncidents = open;
        w.generate();
        return w;
    }

    /** Events/s over one round: a fresh engine, then {@link #BATCHES_PER_ROUND} batches of the ring. */
    private static Rate rate(CorrelatorBenchmark.Indexed w) {
        w.fresh();
        List<List<Event>> batches = new ArrayList<>(BATCHES_PER_ROUND);
        for (int i = 0; i < BATCHES_PER_ROUND; i++) {
            batches.add(w.nextBatch());
        }
        long events = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (List<Event> batch : batches) {
            Churn.rebalance(w.engine.process(batch), w.put);
            events += batch.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        w.checkNoDrift();
        return new Rate(events / cpuSeconds, events / seconds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
