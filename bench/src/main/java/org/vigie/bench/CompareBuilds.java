package org.vigie.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link ScalingRatio} for two or more builds of the correlator in one JVM, taking turns round by round: the way to
 * tell whether a change helps on a machine whose speed changes several-fold from one minute to the next. Runs of
 * two builds one after the other compare two moments of the machine; here every round measures each build at 1k
 * and at 100k open incidents within a few seconds of the others, and each build's figures are medians over rounds.
 *
 * <p>Each build is a {@code benchmarks.jar} loaded by its own class loader, so the builds share the JVM, the heap
 * and the machine's mood, and nothing else. Progress goes to standard error, one JSON line per build to standard
 * output.
 *
 * <pre>
 * git stash; ./mvnw -q -pl bench -am package -DskipTests; cp bench/target/benchmarks.jar /tmp/before.jar
 * git stash pop; ./mvnw -q -pl bench -am package -DskipTests; cp bench/target/benchmarks.jar /tmp/after.jar
 * java --enable-native-access=ALL-UNNAMED -Xmx5g -cp bench/target/benchmarks.jar org.vigie.bench.CompareBuilds 41 /tmp/before.jar /tmp/after.jar
 * </pre>
 */
public final class CompareBuilds {
    private static final int BATCHES_PER_ROUND = 40;
    private static final int WARM_UP_ROUNDS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CompareBuilds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CompareBuilds ROUNDS BENCHMARKS.jar BENCHMARKS.jar [BENCHMARKS.jar …]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        if (rounds < 1) {
            throw new IllegalArgumentException("ROUNDS must be at least 1, got " + rounds);
        }
        List<String> jars = List.of(args).subList(1, args.length);
        int builds = jars.size();
        var small = new Build[builds];
        var large = new Build[builds];
        for (int b = 0; b < builds; b++) {
            Path jar = Path.of(jars.get(b));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no such benchmarks jar: " + jar);
            }
            var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            small[b] = new Build(loader, 1_000);
            large[b] = new Build(loader, 100_000);
        }
        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            for (int b = 0; b < builds; b++) {
                small[b].rate();
                large[b].rate();
            }
        }
        var smallRates = new double[builds][rounds];
        var largeRates = new double[builds][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < builds; k++) {
                int b = (k + r) % builds; // each build goes first in turn
                if (r % 2 == 0) {
                    smallRates[b][r] = small[b].rate();
                    largeRates[b][r] = large[b].rate();
                } else {
                    largeRates[b][r] = large[b].rate();
                    smallRates[b][r] = small[b].rate();
                }
            }
            System.err.printf("round %d/%d done%n", r + 1, rounds);
        }
        for (int b = 0; b < builds; b++) {
            var ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = smallRates[b][r] / largeRates[b][r];
            }
            System.out.printf("{\"build\": \"%s\", \"rounds\": %d, \"events_per_cpu_s_1k\": %.0f, "
                            + "\"events_per_cpu_s_100k\": %.0f, \"slowdown_100k_vs_1k\": %.2f, \"slowdown_q1\": %.2f, "
                            + "\"slowdown_q3\": %.2f}%n", jars.get(b).replace("\"", "\\\""), rounds,
                    quantile(smallRates[b], 0.5), quantile(largeRates[b], 0.5), quantile(ratios, 0.5),
                    quantile(ratios, 0.25), quantile(ratios, 0.75));
        }
    }

    /** One build's {@link CorrelatorBenchmark.Indexed} workload, reached by reflection through its class loader. */
    private static final class Build {
        private final Object workload;
        private final Method fresh;
        private final Method nextBatch;
        private final Method checkNoDrift;
        private final Method process;
        private final Method rebalance;
        private final Field engine;
        private final Field put;

        Build(ClassLoader loader, int openIncidents) throws ReflectiveOperationException {
            Class<?> indexed = loader.loadClass(CorrelatorBenchmark.Indexed.class.getName());
            Class<?> base = loader.loadClass(CorrelatorBenchmark.Workload.class.getName());
            workload = indexed.getConstructor().newInstance();
            base.getField("openIncidents").setInt(workload, openIncidents);
            base.getMethod("generate").invoke(workload);
            fresh = base.getMethod("fresh");
            checkNoDrift = base.getMethod("checkNoDrift");
            nextBatch = base.getDeclaredMethod("nextBatch");
            nextBatch.setAccessible(true);
            engine = indexed.getDeclaredField("engine");
            engine.setAccessible(true);
            put = indexed.getDeclaredField("put");
            put.setAccessible(true);
            process = loader.loadClass("org.vigie.core.correlate.CorrelationEngine").getMethod("process", Collection.class);
            rebalance = loader.loadClass(Churn.class.getName()).getMethod("rebalance", List.class, Consumer.class);
        }

        /** Events per CPU second over {@link #BATCHES_PER_ROUND} batches on a fresh engine (as ScalingRatio). */
        double rate() throws ReflectiveOperationException {
            fresh.invoke(workload);
            Object correlator = engine.get(workload);
            Object putter = put.get(workload);
            List<List<?>> batches = new ArrayList<>(BATCHES_PER_ROUND);
            for (int i = 0; i < BATCHES_PER_ROUND; i++) {
                batches.add((List<?>) nextBatch.invoke(workload));
            }
            long events = 0;
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            for (List<?> batch : batches) {
                rebalance.invoke(null, process.invoke(correlator, batch), putter);
                events += batch.size();
            }
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            checkNoDrift.invoke(workload);
            return events / cpuSeconds;
        }
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
