package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;

/**
 * The partitioned correlator against one global engine, on seeded city-scale scenarios over Marseille that
 * meet the conditions stated in {@link PartitionedCorrelation} (groups of events 300 m wide at most, kept more
 * than the largest radius apart, many of them placed across coarse-cell borders), and one scenario that breaks
 * them on purpose (a chain wider than the margin).
 */
class PartitionedCorrelationTest {
    private static final H3Core H3 = h3();
    private static final CorrelationRules RULES = CorrelationRules.defaults();
    private static final double MARGIN = Partitioner.marginFor(RULES);
    private static final double GROUP_RADIUS = 150;
    private static final Instant T0 = Instant.parse("2026-07-14T18:00:00Z");
    /** Marseille and its bay. */
    private static final double LAT_MIN = 43.18;
    private static final double LAT_MAX = 43.40;
    private static final double LON_MIN = 5.22;
    private static final double LON_MAX = 5.58;

    /**
     * What must agree between the two runs, keyed by the event that opened the incident (ids differ: a global
     * engine draws them at random; members do not identify one, as an absorbed incident keeps its members).
     */
    record Outcome(Set<EventId> members, EventType type, IncidentStatus status, int priority, double lat, double lon, Instant firstSeen,
                   Instant lastSeen, long version, String composite) {
        static Outcome of(Incident i) {
            return new Outcome(Set.copyOf(i.eventIds()), i.type(), i.status(), i.priority(), i.location().lat(), i.location().lon(),
                    i.firstSeen(), i.lastSeen(), i.version(), i.composite());
        }
    }

    @Test
    void marginCoversTheLargestRadiusCompositesIncluded() {
        assertThat(MARGIN).isEqualTo(1000); // the fire-confirmed composite rule reaches 1 km
    }

    @Test
    void partitionedRunsGiveTheSameIncidentsAsOneEngine() {
        for (long seed = 1; seed <= 3; seed++) {
            var random = new SplittableRandom(seed);
            List<List<Event>> batches = batches(scenario(random), random);
            Map<EventId, Outcome> global = outcomes(new CorrelationEngine(RULES)::process, batches, false);
            assertThat(global.size()).as("seed %d: incidents", seed).isGreaterThan(300);
            assertThat(global.values().stream().filter(o -> o.composite() != null).count())
                    .as("seed %d: composite merges", seed).isPositive();
            for (int resolution : new int[] {5, 6}) {
                for (int n : new int[] {1, 2, 7, 16}) {
                    var partitioner = new Partitioner(resolution, n, MARGIN);
                    var partitioned = new PartitionedCorrelation(RULES, partitioner);
                    Map<EventId, Outcome> got = outcomes(partitioned::process, batches, true);
                    assertThat(differences(got, global)).as("seed %d, resolution %d, %d partitions", seed,
                            resolution, n).isEmpty();
                    if (n >= 2) {
                        Map<EventId, Integer> owner = new HashMap<>();
                        batches.stream().flatMap(List::stream).forEach(e -> owner.put(e.id(), partitioner.route(e).owner()));
                        long straddling = global.values().stream()
                                .filter(o -> o.members().stream().map(owner::get).distinct().count() > 1).count();
                        assertThat(straddling).as("incidents with members owned by two partitions").isPositive();
                    }
                    if (n >= 7) {
                        long replicated = batches.stream().flatMap(List::stream)
                                .filter(e -> partitioner.route(e).replicas().length > 0).count();
                        assertThat(replicated).as("events replicated to a neighbour").isGreaterThan(100);
                    }
                }
            }
        }
    }

    /**
     * What condition 2 asks of the margin is the width of the groups (300 m here), not the radius: that much
     * suffices, and without a margin the owners miss events of their groups.
     */
    @Test
    void theMarginMustCoverTheWidthOfTheGroups() {
        var random = new SplittableRandom(7);
        List<List<Event>> batches = batches(scenario(random), random);
        Map<EventId, Outcome> global = outcomes(new CorrelationEngine(RULES)::process, batches, false);
        var wide = new PartitionedCorrelation(RULES, new Partitioner(6, 16, 2 * GROUP_RADIUS));
        assertThat(differences(outcomes(wide::process, batches, true), global)).isEmpty();
        var none = new PartitionedCorrelation(RULES, new Partitioner(6, 16, 0));
        assertThat(differences(outcomes(none::process, batches, true), global)).isNotEmpty();
    }

    @Test
    void eventsNearBordersGoToTheirOwnerAndEveryPartitionWithinTheMargin() {
        var random = new SplittableRandom(42);
        for (int resolution : new int[] {5, 6}) {
            // Enough partitions that neighbouring cells rarely share one, so cells are what is checked.
            var partitioner = new Partitioner(resolution, 1000, MARGIN);
            for (int i = 0; i < 300; i++) {
                double[] p = nearBorder(random, resolution, 2 * MARGIN);
                long own = H3.latLngToCell(p[0], p[1], resolution);
                Partitioner.Route route = partitioner.route(p[0], p[1]);
                assertThat(route.owner()).isEqualTo(partitioner.partitionOf(own));
                assertThat(route.cell()).isEqualTo(own);
                Set<Long> near = new HashSet<>(partitioner.cellsNear(p[0], p[1]));
                assertThat(near).doesNotContain(own);
                // Every cell holding a point within the margin is among them (sampled densely) ...
                for (double d = 0; d <= MARGIN * 0.999; d += MARGIN / 20) {
                    for (int bearing = 0; bearing < 360; bearing += 5) {
                        double[] q = GeoMath.offset(p[0], p[1], d, bearing);
                        long c = H3.latLngToCell(q[0], q[1], resolution);
                        if (c != own) {
                            assertThat(near).as("cell %s at %.0f m", Long.toHexString(c), d).contains(c);
                        }
                    }
                }
                // ... and every one of them comes within the margin, but for the stated slack (1 %, 5 m).
                for (long c : near) {
                    assertThat(sphericalDistanceToBoundary(p, c)).isLessThanOrEqualTo(MARGIN * 1.01 + 5 + 1);
                }
                var expected = near.stream().map(partitioner::partitionOf).filter(x -> x != route.owner())
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
                assertThat(Arrays.stream(route.replicas()).boxed().toList()).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void aPointHalfAMarginFromAnEdgeReachesTheCellAcrossItButNotTwoMarginsIn() {
        var partitioner = new Partitioner(5, 1000, MARGIN);
        long cell = H3.latLngToCell(43.2965, 5.3698, 5); // the Vieux-Port
        List<LatLng> b = H3.cellToBoundary(cell);
        LatLng centre = H3.cellToLatLng(cell);
        for (int i = 0; i < b.size(); i++) {
            LatLng v = b.get(i);
            LatLng w = b.get((i + 1) % b.size());
            double[] mid = {(v.lat + w.lat) / 2, (v.lng + w.lng) / 2};
            double inward = bearing(mid, new double[] {centre.lat, centre.lng});
            double[] outside = GeoMath.offset(mid[0], mid[1], 50, inward + 180);
            long across = H3.latLngToCell(outside[0], outside[1], 5);
            double[] half = GeoMath.offset(mid[0], mid[1], MARGIN / 2, inward);
            double[] deep = GeoMath.offset(mid[0], mid[1], 2 * MARGIN, inward);
            assertThat(partitioner.cellOf(half[0], half[1])).isEqualTo(cell);
            assertThat(partitioner.cellsNear(half[0], half[1])).contains(across);
            assertThat(partitioner.cellsNear(deep[0], deep[1])).doesNotContain(across);
        }
    }

    /**
     * Documents the limit of condition 2: fires reported along a street, each within the radius of the running
     * incident, grow one incident 1.4 km wide across a border. The global engine keeps them together; the
     * partitioned one loses the tail beyond the margin, which the neighbour holds only in its copy of an
     * incident it does not own.
     */
    @Test
    void aChainWiderThanTheMarginIsWhereEqualityEnds() {
        long cell = H3.latLngToCell(43.2965, 5.3698, 6);
        List<LatLng> b = H3.cellToBoundary(cell);
        LatLng centre = H3.cellToLatLng(cell);
        double[] mid = {(b.get(0).lat + b.get(1).lat) / 2, (b.get(0).lng + b.get(1).lng) / 2};
        double outward = bearing(mid, new double[] {centre.lat, centre.lng}) + 180;
        double[] beyond = GeoMath.offset(mid[0], mid[1], 50, outward);
        long across = H3.latLngToCell(beyond[0], beyond[1], 6);
        int n = 2;
        while (new Partitioner(6, n, MARGIN).partitionOf(cell) == new Partitioner(6, n, MARGIN).partitionOf(across)) {
            n++;
        }
        var events = new ArrayList<Event>();
        var position = new HashMap<EventId, Double>();
        double mean = -300;
        double x = mean;
        for (int i = 0; x < 1400; i++) {
            double[] p = GeoMath.offset(mid[0], mid[1], x, outward);
            Event e = event(T0.plusSeconds(60L * i), EventType.FIRE, SourceKind.CITIZEN, p, i);
            events.add(e);
            position.put(e.id(), x);
            mean = (mean * i + x) / (i + 1);
            x = mean + 390;
        }
        Map<EventId, Outcome> global = outcomes(new CorrelationEngine(RULES)::process, List.of(events), false);
        assertThat(global.values()).singleElement().extracting(Outcome::members).isEqualTo(position.keySet());

        Map<EventId, Outcome> partitioned = outcomes(
                new PartitionedCorrelation(RULES, new Partitioner(6, n, MARGIN))::process, List.of(events), true);
        assertThat(partitioned).hasSize(1).isNotEqualTo(global);
        Set<EventId> kept = partitioned.values().iterator().next().members();
        Set<EventId> lost = new HashSet<>(position.keySet());
        lost.removeAll(kept);
        assertThat(lost).isNotEmpty().allSatisfy(id -> assertThat(position.get(id)).isGreaterThan(MARGIN * 0.99));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The first few incidents that differ, readable in a failure message. */
    private static List<String> differences(Map<EventId, Outcome> got, Map<EventId, Outcome> expected) {
        var out = new ArrayList<String>();
        var keys = new java.util.TreeSet<EventId>(got.keySet());
        keys.addAll(expected.keySet());
        for (EventId k : keys) {
            if (!java.util.Objects.equals(got.get(k), expected.get(k)) && out.size() < 5) {
                out.add("opened by " + k + ": got " + got.get(k) + ", expected " + expected.get(k));
            }
        }
        return out;
    }

    private interface Run {
        List<IncidentChange> process(List<Event> batch);
    }

    /** The latest state of every incident the changes told about, keyed by its members. */
    private static Map<EventId, Outcome> outcomes(Run run, List<List<Event>> batches, boolean idsFromOpener) {
        Map<IncidentId, Incident> latest = new HashMap<>();
        Map<IncidentId, EventId> openers = new HashMap<>();
        for (List<Event> batch : batches) {
            for (IncidentChange c : run.process(batch)) {
                if (c.kind() == IncidentChange.Kind.OPENED) {
                    assertThat(openers.put(c.incident().id(), c.addedEvents().getFirst())).isNull();
                }
                Incident previous = latest.get(c.incident().id());
                assertThat(previous == null || previous.version() < c.incident().version())
                        .as("changes of %s in order", c.incident().id()).isTrue();
                latest.put(c.incident().id(), c.incident());
            }
        }
        Map<EventId, Outcome> out = new HashMap<>();
        for (Incident i : latest.values()) {
            EventId opener = openers.get(i.id());
            assertThat(opener).as("the opening of %s was told", i.id()).isNotNull();
            if (idsFromOpener) {
                assertThat(i.id()).isEqualTo(PartitionedCorrelation.incidentIdFor(opener));
            }
            Outcome previous = out.put(opener, Outcome.of(i));
            assertThat(previous).as("two incidents opened by the opener of %s", i.id()).isNull();
        }
        return out;
    }

    private record Group(double lat, double lon) {
    }

    /**
     * Groups of events at most {@link #GROUP_RADIUS} from their centre, centres far enough apart that no incident
     * of one can reach another (condition 1), a third of them centred on a coarse-cell border.
     */
    private static List<Event> scenario(SplittableRandom random) {
        var groups = new ArrayList<Group>();
        double apart = 2 * GROUP_RADIUS + MARGIN + 50;
        for (int tries = 0; groups.size() < 260 && tries < 20_000; tries++) {
            double[] c = random.nextInt(3) == 0 ? nearBorder(random, 5 + random.nextInt(2), 100)
                    : new double[] {LAT_MIN + random.nextDouble() * (LAT_MAX - LAT_MIN),
                                    LON_MIN + random.nextDouble() * (LON_MAX - LON_MIN)};
            if (groups.stream().allMatch(g -> GeoMath.distanceMeters(g.lat, g.lon, c[0], c[1]) > apart)) {
                groups.add(new Group(c[0], c[1]));
            }
        }
        var events = new ArrayList<Event>();
        int serial = 0;
        for (Group g : groups) {
            long start = random.nextLong(6 * 3600);
            int size = 4 + random.nextInt(12);
            for (int i = 0; i < size; i++) {
                double[] p = GeoMath.offset(g.lat, g.lon, GROUP_RADIUS * Math.sqrt(random.nextDouble()),
                        random.nextDouble() * 360);
                Instant at = T0.plusSeconds(start + random.nextLong(45 * 60));
                Report r = REPORTS.get(random.nextInt(REPORTS.size()));
                events.add(event(at, r.type, r.kind, p, serial++));
            }
        }
        return events;
    }

    private record Report(EventType type, SourceKind kind) {
    }

    /** Parts of both shipped composite rules, and reports that join by rule only. */
    private static final List<Report> REPORTS = List.of(
            new Report(EventType.GUNSHOT, SourceKind.ACOUSTIC_SENSOR), new Report(EventType.GUNSHOT, SourceKind.CITIZEN),
            new Report(EventType.NOISE, SourceKind.CITIZEN), new Report(EventType.PUBLIC_DISORDER, SourceKind.CITIZEN),
            new Report(EventType.FIRE, SourceKind.CAMERA), new Report(EventType.SMOKE, SourceKind.FIRE_BRIGADE),
            new Report(EventType.FIRE, SourceKind.CAP_FEED), new Report(EventType.ASSAULT, SourceKind.POLICE),
            new Report(EventType.ROAD_ACCIDENT, SourceKind.CAMERA), new Report(EventType.GRAFFITI, SourceKind.CITIZEN));

    /** Events in time order, cut into batches of 1 to 60 (none is late, condition 3). */
    private static List<List<Event>> batches(List<Event> events, SplittableRandom random) {
        var sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::id));
        var batches = new ArrayList<List<Event>>();
        for (int i = 0; i < sorted.size(); ) {
            int size = 1 + random.nextInt(60);
            var batch = new ArrayList<>(sorted.subList(i, Math.min(sorted.size(), i + size)));
            java.util.Collections.shuffle(batch, new java.util.Random(random.nextLong()));
            batches.add(batch);
            i += size;
        }
        return batches;
    }

    private static Event event(Instant at, EventType type, SourceKind kind, double[] p, int serial) {
        return Event.builder().id(new EventId(EventId.Uuid7.make(at.toEpochMilli(), serial & 0xFFF, serial)))
                .type(type).occurredAt(at).receivedAt(at).source(kind, kind.name().toLowerCase() + "-" + serial % 7)
                .location(p[0], p[1], 10).confidence(0.5 + (serial % 5) / 10.0).build();
    }

    /** A point within {@code spread} metres of a random point on the border of a coarse cell over Marseille. */
    private static double[] nearBorder(SplittableRandom random, int resolution, double spread) {
        long cell = H3.latLngToCell(LAT_MIN + random.nextDouble() * (LAT_MAX - LAT_MIN),
                LON_MIN + random.nextDouble() * (LON_MAX - LON_MIN), resolution);
        List<LatLng> b = H3.cellToBoundary(cell);
        int i = random.nextInt(b.size());
        LatLng v = b.get(i);
        LatLng w = b.get((i + 1) % b.size());
        double t = random.nextInt(10) == 0 ? 0 : random.nextDouble(); // vertices too, where three cells meet
        return GeoMath.offset(v.lat + t * (w.lat - v.lat), v.lng + t * (w.lng - v.lng),
                spread * random.nextDouble(), random.nextDouble() * 360);
    }

    /** Great-circle distance from a point to a cell's boundary, sampled every few metres along each edge. */
    private static double sphericalDistanceToBoundary(double[] p, long cell) {
        if (H3.latLngToCell(p[0], p[1], H3.getResolution(cell)) == cell) {
            return 0;
        }
        List<LatLng> b = H3.cellToBoundary(cell);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < b.size(); i++) {
            LatLng v = b.get(i);
            LatLng w = b.get((i + 1) % b.size());
            for (int k = 0; k <= 2000; k++) {
                double t = k / 2000.0;
                best = Math.min(best, GeoMath.distanceMeters(p[0], p[1], v.lat + t * (w.lat - v.lat),
                        v.lng + t * (w.lng - v.lng)));
            }
        }
        return best;
    }

    private static double bearing(double[] from, double[] to) {
        double p1 = Math.toRadians(from[0]);
        double p2 = Math.toRadians(to[0]);
        double dl = Math.toRadians(to[1] - from[1]);
        return Math.toDegrees(Math.atan2(Math.sin(dl) * Math.cos(p2),
                Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl)));
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
