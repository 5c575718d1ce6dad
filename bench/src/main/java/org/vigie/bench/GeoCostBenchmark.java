package org.vigie.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.Location;

/**
 * Costs of the pieces the correlator pays per event, to explain {@link CorrelatorBenchmark}: each event
 * costs one {@code latLngToCell} and one {@code gridDisk(k=2)} (19 cells) in {@code findCandidate}; a join
 * costs {@link Incident#withEvent} (which builds a {@link Location}, i.e. another {@code latLngToCell}) and
 * a {@code put} (a third {@code latLngToCell}); an open costs an {@link IncidentId#newId} (SecureRandom).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class GeoCostBenchmark {
    private static final int N = 1024;
    private final double[] lat = new double[N];
    private final double[] lon = new double[N];
    private final long[] cell = new long[N];
    private Incident incident;
    private Event[] events;
    private int i;

    @Setup
    public void setup() {
        var rnd = new SplittableRandom(1);
        for (int k = 0; k < N; k++) {
            lat[k] = Scenario.MIN_LAT + rnd.nextDouble() * (Scenario.MAX_LAT - Scenario.MIN_LAT);
            lon[k] = Scenario.MIN_LON + rnd.nextDouble() * (Scenario.MAX_LON - Scenario.MIN_LON);
            cell[k] = Cells.cell(lat[k], lon[k], 9);
        }
        Scenario sc = Scenario.generate(1, 7);
        incident = sc.incidents().get(0);
        events = sc.ring();
    }

    private int next() {
        return i = (i + 1) & (N - 1);
    }

    @Benchmark
    public long latLngToCellRes8() {
        int k = next();
        return Cells.cell(lat[k], lon[k], 9);
    }

    @Benchmark
    public Location locationOf() {
        int k = next();
        return Location.of(lat[k], lon[k], 10);
    }

    @Benchmark
    public List<Long> gridDiskK2() {
        return Cells.disk(cell[next()], 2);
    }

    @Benchmark
    public double haversine() {
        int k = next();
        return GeoMath.distanceMeters(lat[k], lon[k], lat[(k + 1) & (N - 1)], lon[(k + 1) & (N - 1)]);
    }

    /** A join on a 1..16-member incident: member list and source map copies, a new Location. */
    @Benchmark
    public Incident withEvent() {
        return incident.withEvent(events[next()]);
    }

    @Benchmark
    public IncidentId newIncidentId() {
        return IncidentId.newId();
    }
}
