package org.vigie.core.correlate;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;

/**
 * Where an event is correlated when the correlator is split into partitions (later: one Kafka Streams task
 * per partition). The city is cut into coarse H3 cells; each coarse cell belongs to one of {@code partitions}
 * by a stable hash of its index, so every node agrees without coordination and a partition is a fixed set of
 * cells.
 *
 * <p>An event is <em>owned</em> by the partition of the coarse cell that geometrically contains it
 * ({@code latLngToCell} at the coarse resolution), and <em>replicated</em> to every other partition having a
 * coarse cell whose boundary lies within {@code marginMeters} of it. So every partition receives every event
 * within the margin of any event it owns, which is what {@link PartitionedCorrelation} needs. Ownership is
 * geometric rather than the bit-arithmetic parent of the event's resolution-9 cell because H3 children do not
 * tile their parent exactly (aperture 7): the region owned through parents sticks out of the parent's polygon,
 * and the distance check below would no longer be a proof.
 *
 * <p>The distance to a neighbour's polygon is measured in a local equirectangular plane around the event
 * (errors well under a metre at these scales, and H3 edges are great-circle arcs); the margin is widened by
 * 1 % and 5 m anyway, since replicating once too often costs only work, never correctness.
 */
public final class Partitioner {
    private static final H3Core H3 = h3();
    private static final double SLACK_FACTOR = 1.01;
    private static final double SLACK_METERS = 5;

    private final int resolution;
    private final int partitions;
    private final double marginMeters;
    private final int ring;
    /** Coarse cell polygons; a city has a few dozen coarse cells. */
    private final Map<Long, double[][]> boundaries = new ConcurrentHashMap<>();

    /** Where one event goes: its owner, and the other partitions that receive a copy (ascending). */
    public record Route(int owner, long cell, int[] replicas) {
        public boolean reaches(int partition) {
            if (partition == owner) {
                return true;
            }
            for (int r : replicas) {
                if (r == partition) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @param resolution   the coarse H3 resolution (0–9); 5 (edges ~8 km) or 6 (~3 km) suit a city
     * @param partitions   how many partitions (≥ 1)
     * @param marginMeters how far around its owner's cells an event is replicated: the width of the widest group
     *                     of events that can end up in one incident (see {@link PartitionedCorrelation}), so at
     *                     least {@link #marginFor the largest radius}
     */
    public Partitioner(int resolution, int partitions, double marginMeters) {
        if (resolution < 0 || resolution > Cells.EVENT_RESOLUTION) {
            throw new IllegalArgumentException("coarse resolution must be in [0, " + Cells.EVENT_RESOLUTION + "], got "
                    + resolution);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("at least one partition, got " + partitions);
        }
        if (!(marginMeters >= 0 && marginMeters <= 50_000)) {
            throw new IllegalArgumentException("margin must be in [0, 50000] m, got " + marginMeters);
        }
        this.resolution = resolution;
        this.partitions = partitions;
        this.marginMeters = marginMeters;
        this.ring = CorrelationEngine.ringFor(marginMeters * SLACK_FACTOR + SLACK_METERS, resolution);
    }

    /** The least margin that makes sense for these rules: their largest radius, composite rules included. */
    public static double marginFor(CorrelationRules rules) {
        double m = rules.maxRadiusMeters();
        for (CompositeRule c : rules.composites()) {
            m = Math.max(m, c.radiusMeters());
        }
        return m;
    }

    public int resolution() {
        return resolution;
    }

    public int partitions() {
        return partitions;
    }

    public double marginMeters() {
        return marginMeters;
    }

    /** The coarse cell holding a point. */
    public long cellOf(double lat, double lon) {
        return H3.latLngToCell(lat, lon, resolution);
    }

    /**
     * The partition of a coarse cell: a hash of the index's bits (SplitMix64's finaliser), the same on every
     * machine and every run, unlike {@code Long.hashCode} spread by a HashMap.
     */
    public int partitionOf(long coarseCell) {
        long z = coarseCell + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Long.remainderUnsigned(z, partitions);
    }

    public Route route(Event e) {
        return route(e.location().lat(), e.location().lon());
    }

    public Route route(double lat, double lon) {
        long own = cellOf(lat, lon);
        int owner = partitionOf(own);
        var others = new TreeSet<Integer>();
        for (long c : cellsNear(lat, lon, own)) {
            int p = partitionOf(c);
            if (p != owner) {
                others.add(p);
            }
        }
        return new Route(owner, own, others.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The coarse cells other than the point's own whose boundary lies within the (widened) margin of it. */
    public List<Long> cellsNear(double lat, double lon) {
        return cellsNear(lat, lon, cellOf(lat, lon));
    }

    private List<Long> cellsNear(double lat, double lon, long own) {
        double reach = marginMeters * SLACK_FACTOR + SLACK_METERS;
        var near = new ArrayList<Long>();
        for (long c : Cells.disk(own, ring)) {
            if (c != own && distanceToCell(lat, lon, c) <= reach) {
                near.add(c);
            }
        }
        return near;
    }

    /** Distance in metres from a point to a cell's polygon (0 inside it), in a plane tangent at the point. */
    double distanceToCell(double lat, double lon, long cell) {
        double[][] poly = boundaries.computeIfAbsent(cell, Partitioner::boundaryOf);
        double ky = Math.toRadians(1) * GeoMath.EARTH_RADIUS_METERS;
        double kx = ky * Math.cos(Math.toRadians(lat));
        int n = poly.length;
        double best = Double.MAX_VALUE;
        boolean inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = (poly[i][1] - lon) * kx;
            double yi = (poly[i][0] - lat) * ky;
            double xj = (poly[j][1] - lon) * kx;
            double yj = (poly[j][0] - lat) * ky;
            best = Math.min(best, toSegment(xi, yi, xj, yj));
            if ((yi > 0) != (yj > 0) && 0 < (xj - xi) * (0 - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside ? 0 : best;
    }

    /** Distance from the origin to the segment (x1,y1)–(x2,y2). */
    private static double toSegment(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / len2));
        return Math.hypot(x1 + t * dx, y1 + t * dy);
    }

    private static double[][] boundaryOf(long cell) {
        List<LatLng> b = H3.cellToBoundary(cell);
        double[][] poly = new double[b.size()][];
        for (int i = 0; i < poly.length; i++) {
            poly[i] = new double[] {b.get(i).lat, b.get(i).lng};
        }
        return poly;
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }
}
