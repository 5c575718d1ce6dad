package org.vigie.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigie.core.anomaly.AnomalyDetector;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.anomaly.Baseline;
import org.vigie.core.anomaly.CellZones;
import org.vigie.core.anomaly.LocalHours;
import org.vigie.core.anomaly.PoissonTail;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.model.EventType;

/**
 * What anomaly baselines cost. {@code tenWeeks} feeds ten weeks of hourly counts (zones × 8 types, about one event
 * an hour each) through a detector and is the figure that matters: divide by the 1,680 hours for the cost of
 * closing one hour live. {@code estimateBaseline} is one series' estimate (done at most once a day per series) and
 * {@code predictiveTail} / {@code poissonTail} the cost of one test, with the plain Poisson tail as the baseline
 * the predictive one is compared with.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class AnomalyBenchmark {
    private static final List<EventType> TYPES = List.of(EventType.GRAFFITI, EventType.NOISE, EventType.THEFT,
            EventType.WASTE, EventType.VANDALISM, EventType.ASSAULT, EventType.ROAD_HAZARD, EventType.STREETLIGHT_OUTAGE);
    private static final Instant START = Instant.parse("2025-01-05T23:00:00Z");
    private static final int WEEKS = 10;

    @Param({"16", "256"})
    int zones;

    private final List<Zone> zoneList = new ArrayList<>();
    /** For each hour, {zone, type, count} triples. */
    private int[][] hours;
    private int[] seriesCounts;
    private int[] seriesHows;
    private int seriesSize;
    private final int[] hoursPerHow = new int[LocalHours.HOURS_PER_WEEK];

    @Setup
    public void setup() {
        var rnd = new SplittableRandom(7);
        for (int z = 0; z < zones; z++) {
            zoneList.add(new Zone("z" + z, "zone " + z, 43.3, 5.4, 1000));
        }
        hours = new int[WEEKS * 168][];
        for (int h = 0; h < hours.length; h++) {
            var triples = new ArrayList<Integer>();
            for (int z = 0; z < zones; z++) {
                for (int t = 0; t < TYPES.size(); t++) {
                    int c = poisson(0.3 + 1.4 * ((h % 24) / 23.0), rnd);
                    if (c > 0) {
                        triples.add(z);
                        triples.add(t);
                        triples.add(c);
                    }
                }
            }
            hours[h] = triples.stream().mapToInt(Integer::intValue).toArray();
        }
        seriesCounts = new int[8 * 168];
        seriesHows = new int[8 * 168];
        for (int h = 0; h < 8 * 168; h++) {
            hoursPerHow[h % 168]++;
            int c = poisson(1.0, rnd);
            if (c > 0) {
                seriesCounts[seriesSize] = c;
                seriesHows[seriesSize++] = h % 168;
            }
        }
    }

    private static int poisson(double lambda, SplittableRandom rnd) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = rnd.nextDouble();
        while (p > l) {
            k++;
            p *= rnd.nextDouble();
        }
        return k;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int tenWeeks() {
        var d = new AnomalyDetector(AnomalySettings.defaults(), new CellZones(7), new LocalHours(ZoneId.of("Europe/Paris")));
        int found = 0;
        Instant hour = START;
        for (int[] triples : hours) {
            found += d.advanceTo(hour).size();
            for (int i = 0; i < triples.length; i += 3) {
                d.observe(zoneList.get(triples[i]), TYPES.get(triples[i + 1]), hour, triples[i + 2]);
            }
            hour = hour.plus(Duration.ofHours(1));
        }
        return found + d.advanceTo(hour).size();
    }

    @Benchmark
    public Baseline estimateBaseline() {
        return Baseline.estimate(seriesCounts, seriesHows, seriesSize, hoursPerHow, 0.02);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double poissonTail() {
        return PoissonTail.logUpperTail(9, 1.7);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double predictiveTail() {
        return PoissonTail.logUpperTail(9, 1.7 * 8.5, 8.5);
    }
}
