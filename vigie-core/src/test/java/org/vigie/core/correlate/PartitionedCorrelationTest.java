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
import org.vigie.core.priority.Triage;

/**
 * The partitioned correlator against one global engine, on seeded city-scale scenarios over Marseille that
 * meet the conditions stated in {@link PartitionedCorrelation} (groups of events 300 m wide at most, kept more
 * than the largest radius apart, many of them placed across coarse-cell borders); and, where they are broken on
 * purpose (a chain wider than the margin, a dense day of the city), that no event is lost all the same.
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
     * The limit of condition 2: fires reported along a street, each within the radius of the running incident,
     * grow one incident 1.4 km wide across a border. The owner of the incident never receives the tail beyond the
     * margin; the neighbour puts it in its copy of the incident, which it does not own, and delegates it to the
     * owner, which adds it to the incident (whatever the distance from its own copy). So nothing is lost, and
     * here the incident even comes out as the global engine's.
     */
    @Test
    void aChainWiderThanTheMarginIsDelegatedToTheOwnerOfItsIncident() {
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
        assertThat(position.values()).as("events beyond the margin").anyMatch(d -> d > MARGIN * 1.05);
        Map<EventId, Outcome> global = outcomes(new CorrelationEngine(RULES)::process, List.of(events), false);
        assertThat(global.values()).singleElement().extracting(Outcome::members).isEqualTo(position.keySet());

        var partitioned = new PartitionedCorrelation(RULES, new Partitioner(6, n, MARGIN));
        List<IncidentChange> changes = partitioned.process(events);
        assertThat(changes.stream().flatMap(c -> c.addedEvents().stream()).collect(Collectors.toSet()))
                .as("events in an emitted change").isEqualTo(position.keySet());
        assertThat(outcomes(new PartitionedCorrelation(RULES, new Partitioner(6, n, MARGIN))::process,
                List.of(events), true)).isEqualTo(global);
    }

    /**
     * A dense day: situations around hot spots reported again and again as they drift, crowds and fires (the
     * widest rules) most often, so incidents chain across borders well beyond the margin and partitions' views of
     * them part. Every event must still come out in a change its partitions emit.
     */
    @Test
    void noEventOfADenseDayIsLost() {
        for (int n : new int[] {2, 5}) {
            List<Event> day = denseDay(new SplittableRandom(n), 12_000);
            var partitioned = new PartitionedCorrelation(RULES, new Partitioner(6, n, MARGIN));
            Set<EventId> added = new HashSet<>();
            Map<IncidentId, Incident> latest = new HashMap<>();
            for (int from = 0; from < day.size(); ) {
                // Batches of the events of about a minute, as a stream delivers them.
                int to = from + 1;
                Instant minute = day.get(from).occurredAt().plusSeconds(60);
                while (to < day.size() && day.get(to).occurredAt().isBefore(minute)) {
                    to++;
                }
                for (IncidentChange c : partitioned.process(day.subList(from, to))) {
                    added.addAll(c.addedEvents());
                    latest.merge(c.incident().id(), c.incident(), (a, b) -> a.version() >= b.version() ? a : b);
                }
                from = to;
            }
            Set<EventId> lost = day.stream().map(Event::id).filter(id -> !added.contains(id))
                    .collect(Collectors.toSet());
            Set<EventId> once = new HashSet<>();
            long twice = latest.values().stream().filter(i -> i.mergedInto() == null)
                    .flatMap(i -> i.eventIds().stream()).filter(id -> !once.add(id)).count();
            assertThat(lost).as("%d partitions: events of %d in no emitted change", n, day.size()).isEmpty();
            // Views that part can also put an event in two incidents, each owned by the partition that placed it.
            assertThat(twice).as("%d partitions: events in two live incidents", n).isLessThan(day.size() / 200);
        }
    }

    /**
     * An event delegated to the owner of an incident: put in the incident it names, however far, when the rules
     * find it no incident owned there; sent back to its own partition when that incident is not held there; and
     * opened there as an incident of its own when sent back.
     */
    @Test
    void aDelegatedEventJoinsTheIncidentItNamesOrGoesBackToItsOwnerWhichOpensOne() {
        var partitioner = new Partitioner(6, 3, MARGIN);
        double[] here = null;
        double[] there = null;
        for (double lat = 43.26; lat < 43.34 && there == null; lat += 0.004) {
            for (double lon = 5.34; lon < 5.44 && there == null; lon += 0.004) {
                if (here == null) {
                    here = new double[] {lat, lon};
                } else if (partitioner.route(lat, lon).owner() != partitioner.route(here[0], here[1]).owner()
                        && GeoMath.distanceMeters(here[0], here[1], lat, lon) > 3000) {
                    there = new double[] {lat, lon};
                }
            }
        }
        assertThat(there).isNotNull();
        int owner = partitioner.route(here[0], here[1]).owner();
        int elsewhere = partitioner.route(there[0], there[1]).owner();
        Event opening = event(T0, EventType.FIRE, SourceKind.CITIZEN, here, 1);
        Event far = event(T0.plusSeconds(60), EventType.FIRE, SourceKind.CITIZEN, there, 2);
        IncidentId incident = PartitionedCorrelation.incidentIdFor(opening.id());
        var partition = new PartitionedCorrelation.Partition(owner, RULES, Triage.standard(), partitioner);
        assertThat(partition.process(List.of(new PartitionedCorrelation.Received(opening, true)), T0, id -> { })
                .changes()).singleElement().extracting(IncidentChange::kind).isEqualTo(IncidentChange.Kind.OPENED);

        var delegated = new PartitionedCorrelation.Received(far, PartitionedCorrelation.Received.Role.DELEGATED,
                incident);
        var joined = partition.process(List.of(delegated), far.occurredAt(), id -> { });
        assertThat(joined.forwards()).isEmpty();
        assertThat(joined.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
            assertThat(c.incident().id()).isEqualTo(incident);
            assertThat(c.addedEvents()).containsExactly(far.id());
            assertThat(c.baseVersion()).isEqualTo(1);
        });
        assertThat(partition.process(List.of(delegated), far.occurredAt(), id -> { }).changes())
                .as("delegated again: it is already there").isEmpty();

        Event other = event(T0.plusSeconds(90), EventType.FIRE, SourceKind.CITIZEN, there, 3);
        var unknown = partition.process(List.of(new PartitionedCorrelation.Received(other,
                PartitionedCorrelation.Received.Role.DELEGATED, PartitionedCorrelation.incidentIdFor(far.id()))),
                other.occurredAt(), id -> { });
        assertThat(unknown.changes()).isEmpty();
        assertThat(unknown.forwards()).singleElement().isEqualTo(new PartitionedCorrelation.Forward(elsewhere,
                new PartitionedCorrelation.Received(other, PartitionedCorrelation.Received.Role.RETURNED, null)));

        var home = new PartitionedCorrelation.Partition(elsewhere, RULES, Triage.standard(), partitioner);
        var opened = home.process(List.of(unknown.forwards().getFirst().received()), other.occurredAt(), id -> { });
        assertThat(opened.forwards()).isEmpty();
        assertThat(opened.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(IncidentChange.Kind.OPENED);
            assertThat(c.incident().id()).isEqualTo(PartitionedCorrelation.incidentIdFor(other.id()));
        });
        assertThat(home.owns(PartitionedCorrelation.incidentIdFor(other.id()))).isTrue();
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

    /**
     * About {@code size} events over a day of Marseille: situations starting near 30 hot spots, each reported 1 to
     * ~40 times while drifting up to 60 m a minute (crowds, smoke, traffic), of every family of the default rules
     * and the parts of both composite rules; in time order.
     */
    static List<Event> denseDay(SplittableRandom random, int size) {
        record Drift(EventType type, SourceKind kind, double metresPerMinute) {
        }
        List<Drift> kinds = List.of(new Drift(EventType.CROWD_DENSITY, SourceKind.CAMERA, 25),
                new Drift(EventType.CROWD_DENSITY, SourceKind.CAMERA, 25),
                new Drift(EventType.CROWD_MOVEMENT, SourceKind.CAMERA, 40),
                new Drift(EventType.FIRE, SourceKind.CITIZEN, 20),
                new Drift(EventType.SMOKE, SourceKind.CAMERA, 30),
                new Drift(EventType.FIRE, SourceKind.CAP_FEED, 10),
                new Drift(EventType.GUNSHOT, SourceKind.ACOUSTIC_SENSOR, 5),
                new Drift(EventType.NOISE, SourceKind.CITIZEN, 10),
                new Drift(EventType.PUBLIC_DISORDER, SourceKind.CITIZEN, 15),
                new Drift(EventType.ASSAULT, SourceKind.POLICE, 5),
                new Drift(EventType.TRAFFIC_DISRUPTION, SourceKind.TRANSIT, 30),
                new Drift(EventType.ROAD_ACCIDENT, SourceKind.CAMERA, 2),
                new Drift(EventType.GRAFFITI, SourceKind.CITIZEN, 3),
                new Drift(EventType.THEFT, SourceKind.CITIZEN, 10));
        var spots = new ArrayList<double[]>();
        for (int i = 0; i < 30; i++) {
            spots.add(new double[] {43.20 + random.nextDouble() * 0.16, 5.30 + random.nextDouble() * 0.20});
        }
        var events = new ArrayList<Event>();
        while (events.size() < size) {
            Drift kind = kinds.get(random.nextInt(kinds.size()));
            double[] spot = spots.get(random.nextInt(spots.size()));
            double[] start = GeoMath.offset(spot[0], spot[1], 1500 * Math.sqrt(random.nextDouble()),
                    random.nextDouble() * 360);
            long begin = random.nextLong(24 * 3600);
            int reports = 1 + (int) Math.round(-Math.log(1 - random.nextDouble()) * 8);
            double bearing = random.nextDouble() * 360;
            double drift = kind.metresPerMinute() * (0.5 + random.nextDouble());
            long t = begin;
            for (int r = 0; r < reports && t < 24 * 3600; r++) {
                double[] c = GeoMath.offset(start[0], start[1], drift * (t - begin) / 60.0, bearing);
                double[] p = GeoMath.offset(c[0], c[1], 120 * Math.sqrt(random.nextDouble()),
                        random.nextDouble() * 360);
                // Witnesses of a gunshot, a fire brigade's alert for a fire: the parts of the composite rules.
                SourceKind source = r > 0 && kind.type() == EventType.GUNSHOT && random.nextBoolean()
                        ? SourceKind.CITIZEN
                        : r > 0 && kind.type() == EventType.FIRE && random.nextInt(5) == 0 ? SourceKind.FIRE_BRIGADE
                        : kind.kind();
                events.add(event(T0.plusSeconds(t), kind.type(), source, p, events.size()));
                t += 30 + (long) (-Math.log(1 - random.nextDouble()) * 240);
            }
        }
        events.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::id));
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
