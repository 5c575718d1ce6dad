package org.vigie.bench;

import java.util.SplittableRandom;

/**
 * What a cache miss costs on this machine, to read the correlator's 100k/1k ratio against: the time per load of a
 * random pointer chase through arrays of growing size (each load waits for the one before, as the steps of a
 * candidate search do), and the same with eight independent chases interleaved (the loads overlap). At 1k open
 * incidents the correlator's data fit in the core's caches; at 100k they do not, so the ratio cannot be better than
 * what the machine's memory allows for the loads that depend on each other.
 *
 * <pre>java -Xmx2g -cp bench/target/benchmarks.jar org.vigie.bench.MemoryLatency</pre>
 */
public final class MemoryLatency {
    private static final int LINE_INTS = 16; // one 64-byte cache line
    private static final long STEPS = 20_000_000;
    private static final int CHAINS = 8;
    /** Where the chases end; written so that the compiler cannot drop them. */
    private static volatile int sink;

    private MemoryLatency() {
    }

    public static void main(String[] args) {
        for (int megabytes : new int[] {1, 4, 16, 64, 256}) {
            int lines = megabytes * 1024 * 1024 / 4 / LINE_INTS;
            int[] next = cycle(lines, new SplittableRandom(megabytes));
            chase(next, 1); // warm-up: compiles the loops and brings the pages in
            double dependent = chase(next, 1);
            double overlapped = chase(next, CHAINS);
            System.out.printf("{\"megabytes\": %d, \"ns_per_dependent_load\": %.1f, \"ns_per_load_%d_chains\": %.1f}%n",
                    megabytes, dependent, CHAINS, overlapped);
        }
    }

    /** One random cycle through every line: {@code next[line × 16]} is where the next load goes. */
    private static int[] cycle(int lines, SplittableRandom random) {
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        for (int i = lines - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[lines * LINE_INTS];
        for (int i = 0; i < lines; i++) {
            next[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
        }
        return next;
    }

    /** Nanoseconds per load with {@code chains} chases interleaved (each starting elsewhere on the cycle). */
    private static double chase(int[] next, int chains) {
        int[] at = new int[chains];
        for (int c = 0, p = 0; c < chains; c++) {
            at[c] = p;
            for (int s = 0; s < next.length / LINE_INTS / chains; s++) {
                p = next[p];
            }
        }
        long start = System.nanoTime();
        for (long s = 0; s < STEPS / chains; s++) {
            for (int c = 0; c < chains; c++) {
                at[c] = next[at[c]];
            }
        }
        double nanos = System.nanoTime() - start;
        for (int p : at) {
            sink ^= p; // keeps the chase from being optimised away
        }
        return nanos / (STEPS / chains * chains);
    }
}
