package org.vigie.core.correlate;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vigie.core.Fixtures;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * Random inputs for {@link CorrelationPropertyTest}: places, correlation scenarios and batches of events with
 * equal timestamps. Everything one instance makes comes from a single {@link SplittableRandom}, so the seed
 * of a trial reproduces its input exactly.
 *
 * <p>Numbers fall on the ends of their range more often than a uniform draw would (one draw in ten at each
 * end), since that is where off-by-one and boundary bugs live: a radius of exactly the maximum, an event at
 * exactly the rule's reach, a point exactly on an H3 pentagon.
 */
final class ScenarioGenerator {
    static final List<EventType> TYPES = List.of(EventType.GUNSHOT, EventType.EXPLOSION, EventType.FIRE,
            EventType.SMOKE, EventType.NOISE);
    private static final H3Core H3 = h3();
    /** Centres of the H3 pentagons at the index resolution, where cells are smallest and the grid most distorted. */
    static final List<Point> PENTAGONS = pentagons();
    /** Nine points 120 m apart around the Vieux-Port: many joins, many equal distances. */
    static final List<Point> PLACES = places();
    /** Kinds of source for composite scenarios: the parts of the shipped composite rules, and a stranger. */
    static final List<SourceKind> KINDS = List.of(SourceKind.ACOUSTIC_SENSOR, SourceKind.CITIZEN, SourceKind.CAMERA,
            SourceKind.FIRE_BRIGADE, SourceKind.CAP_FEED, SourceKind.POLICE);
    /** Types for composite scenarios: in the shipped composite rules or not, in several families. */
    static final List<EventType> REPORT_TYPES = List.of(EventType.GUNSHOT, EventType.NOISE, EventType.PUBLIC_DISORDER,
            EventType.FIRE, EventType.SMOKE, EventType.EXPLOSION, EventType.WASTE);
    /** The nine {@link #PLACES} and eight more, 400 m to 1.2 km away: inside and outside composite radii. */
    static final List<Point> WIDE_PLACES = widePlaces();

    record Point(double lat, double lon) {
        static Point of(double[] latLon) {
            return new Point(latLon[0], latLon[1]);
        }
    }

    /** One generated event, placed relative to the scenario's centre and radius. */
    record Spot(int type, int minute, double bearing, double reach, int source, double confidence, int decision) {
    }

    /** Where, with which radius and window, and the events in arrival order (times not sorted: some are late). */
    record Scenario(double lat, double lon, double radius, int windowMinutes, List<Spot> spots) {
    }

    /** A point, and a second one {@code radius * reach} metres from it towards {@code bearing}. */
    record RingCase(Point centre, double radius, double bearing, double reach) {
    }

    /** One event of a batch with equal timestamps: indexes into {@link #TYPES} and {@link #PLACES}. */
    record Draft(int type, int tick, int place, int source, int confidence, long idBits) {
    }

    /** Events with few distinct timestamps, and the seed of the shuffles applied to them. */
    record TiedEvents(List<Draft> drafts, long shuffleSeed) {
    }

    /** One report of a composite scenario: indexes into {@link #KINDS}, {@link #REPORT_TYPES}, {@link #WIDE_PLACES}. */
    record Report(int kind, int type, int minute, int place, int source, int confidence, long idBits) {
    }

    /** Reports with many equal timestamps, and the seed of the shuffles applied to them. */
    record Reports(List<Report> reports, long shuffleSeed) {
    }

    /** Random bits of the ids of otherwise identical events, and the seed of the shuffle applied to them. */
    record IdenticalEvents(List<Long> idBits, long shuffleSeed) {
    }

    private final SplittableRandom random;

    ScenarioGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * In Marseille (3 in 6), within 6 km of an H3 pentagon (2 in 6), or anywhere between latitudes -80 and 80
     * (1 in 6); one point in four is then moved to within 30 m of a corner of its index cell, where a short
     * step crosses the most cells.
     */
    Point point() {
        int pick = random.nextInt(6);
        Point p;
        if (pick < 3) {
            p = new Point(doubleBetween(43.21, 43.38), doubleBetween(5.30, 5.50));
        } else if (pick < 5) {
            Point pentagon = PENTAGONS.get(random.nextInt(PENTAGONS.size()));
            p = Point.of(Fixtures.offset(pentagon.lat(), pentagon.lon(), doubleBetween(0, 6000),
                    doubleBetween(0, 360)));
        } else {
            p = new Point(doubleBetween(-80, 80), doubleBetween(-179, 179));
        }
        if (random.nextInt(4) == 0) {
            // Corners of the cells of every index resolution the engine uses (7, 8, 9).
            long cell = H3.latLngToCell(p.lat(), p.lon(), 7 + random.nextInt(3));
            List<LatLng> corners = H3.cellToBoundary(cell);
            LatLng corner = corners.get(random.nextInt(corners.size()));
            p = Point.of(Fixtures.offset(corner.lat, corner.lng, doubleBetween(0, 30), doubleBetween(0, 360)));
        }
        return p;
    }

    RingCase ringCase() {
        return new RingCase(point(), doubleBetween(1, CorrelationRule.MAX_RADIUS_METERS), doubleBetween(0, 360),
                doubleBetween(0.85, 1));
    }

    Scenario scenario() {
        Point centre = point();
        double radius = doubleBetween(20, CorrelationRule.MAX_RADIUS_METERS);
        int window = intBetween(1, 60);
        int size = intBetween(4, 40);
        var spots = new ArrayList<Spot>(size);
        for (int i = 0; i < size; i++) {
            Spot spot = spot();
            if (!spots.isEmpty() && random.nextInt(8) == 0) {
                // Back to an earlier place, sometimes at the same minute: equal distances, ties between incidents.
                Spot earlier = spots.get(random.nextInt(spots.size()));
                spot = new Spot(spot.type(), random.nextBoolean() ? earlier.minute() : spot.minute(), earlier.bearing(),
                        earlier.reach(), spot.source(), spot.confidence(), spot.decision());
            }
            spots.add(spot);
        }
        return new Scenario(centre.lat(), centre.lon(), radius, window, List.copyOf(spots));
    }

    private Spot spot() {
        return new Spot(intBetween(0, TYPES.size() - 1), intBetween(0, 90), doubleBetween(0, 360),
                doubleBetween(0, 1.6), intBetween(0, 3), doubleBetween(0.05, 1), intBetween(0, 9));
    }

    TiedEvents tiedEvents() {
        int size = intBetween(2, 60);
        var drafts = new ArrayList<Draft>(size);
        for (int i = 0; i < size; i++) {
            drafts.add(new Draft(intBetween(0, TYPES.size() - 1), intBetween(0, 2), intBetween(0, PLACES.size() - 1),
                    intBetween(0, 2), intBetween(1, 3), anyLong()));
        }
        return new TiedEvents(List.copyOf(drafts), random.nextLong());
    }

    Reports reports() {
        int size = intBetween(2, 60);
        int minutes = intBetween(0, 40);
        var reports = new ArrayList<Report>(size);
        for (int i = 0; i < size; i++) {
            reports.add(new Report(intBetween(0, KINDS.size() - 1), intBetween(0, REPORT_TYPES.size() - 1),
                    intBetween(0, minutes), intBetween(0, WIDE_PLACES.size() - 1), intBetween(0, 2), intBetween(1, 4),
                    anyLong()));
        }
        return new Reports(List.copyOf(reports), random.nextLong());
    }

    IdenticalEvents identicalEvents() {
        int size = intBetween(2, 8);
        var bits = new ArrayList<Long>(size);
        for (int i = 0; i < size; i++) {
            bits.add((long) intBetween(0, 1000));
        }
        return new IdenticalEvents(List.copyOf(bits), random.nextLong());
    }

    /** In [lo, hi]; lo and hi themselves one draw in ten each. */
    double doubleBetween(double lo, double hi) {
        int edge = random.nextInt(10);
        return edge == 0 ? lo : edge == 1 ? hi : random.nextDouble(lo, hi);
    }

    /** In [lo, hi]; lo and hi themselves one draw in ten each. */
    int intBetween(int lo, int hi) {
        int edge = random.nextInt(10);
        return edge == 0 ? lo : edge == 1 ? hi : random.nextInt(lo, hi + 1);
    }

    /** Any long; 0, -1, and the smallest and largest values one draw in ten together. */
    long anyLong() {
        return switch (random.nextInt(40)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Long.MAX_VALUE;
            default -> random.nextLong();
        };
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }

    private static List<Point> pentagons() {
        return H3.getPentagons(9).stream()
                .map(H3::cellToLatLng).map(ll -> new Point(ll.lat, ll.lng)).toList();
    }

    private static List<Point> widePlaces() {
        var out = new ArrayList<>(places());
        for (int i = 0; i < 8; i++) {
            out.add(Point.of(Fixtures.offset(Fixtures.LAT, Fixtures.LON, 400 + 100 * i, 45 * i)));
        }
        return List.copyOf(out);
    }

    private static List<Point> places() {
        var out = new ArrayList<Point>(9);
        for (int i = 0; i < 9; i++) {
            double[] row = Fixtures.offset(Fixtures.LAT, Fixtures.LON, 120 * (i / 3), 0);
            out.add(Point.of(Fixtures.offset(row[0], row[1], 120 * (i % 3), 90)));
        }
        return List.copyOf(out);
    }
}
