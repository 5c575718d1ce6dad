package org.vigie.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.model.Incident;

/**
 * Heap held per open incident by the correlator: the incident itself (members, sources, explanation) plus its
 * share of the engine's indexes. Measured as the difference of used heap after full collections, with and
 * without an engine holding {@code n} incidents of the benchmark {@link Scenario} (1–16 members, 1–3
 * sources). Run: {@code java --enable-native-access=ALL-UNNAMED -Xmx2g -cp bench/target/benchmarks.jar
 * org.vigie.bench.IncidentMemory}.
 */
public final class IncidentMemory {
    private IncidentMemory() {
    }

    public static void main(String[] args) {
        for (int n : new int[] {10_000, 100_000}) {
            long before = usedAfterGc();
            CorrelationEngine engine = filled(n);
            long after = usedAfterGc();
            System.out.printf(Locale.ROOT, "%,d open incidents: %,d bytes each (%.1f MiB in all)%n",
                    engine.openCount(), (after - before) / engine.openCount(), (after - before) / 1048576.0);
        }
    }

    /** Only the engine survives: the scenario (and its ring of events) is garbage once this returns. */
    private static CorrelationEngine filled(int n) {
        Scenario scenario = Scenario.generate(n, 42);
        var engine = new CorrelationEngine(scenario.rules());
        for (Incident i : scenario.incidents()) {
            engine.put(i);
        }
        return engine;
    }

    private static long usedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
