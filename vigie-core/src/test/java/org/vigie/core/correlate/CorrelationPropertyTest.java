package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.vigie.core.Fixtures;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;
import org.vigie.core.model.Source;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;

/**
 * Properties of the correlator v0: it joins exactly what the rules allow (compared with a brute-force scan
 * of every open incident, so the H3 candidate search may never miss), and its result does not depend on the
 * order in which events with equal timestamps arrive.
 */
class CorrelationPropertyTest {
    static final Instant T0 = Fixtures.T0;
    static final List<EventType> TYPES = List.of(EventType.GUNSHOT, EventType.EXPLOSION, EventType.FIRE,
            EventType.SMOKE, EventType.NOISE);
    static final Verdict BY = new Verdict("operator-1", T0, "");
    /** Centres of the res-8 H3 pentagons, where cells are smallest and the grid most distorted. */
    static final List<double[]> PENTAGONS = pentagons();

    static List<double[]> pentagons() {
        try {
            H3Core h3 = H3Core.newInstance();
            return h3.getPentagons(CorrelationEngine.INDEX_RESOLUTION).stream()
                    .map(h3::cellToLatLng).map(ll -> new double[] {ll.lat, ll.lng}).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Supplier<IncidentId> counter() {
        var n = new AtomicLong();
        return () -> new IncidentId(new UUID(0x7000L, 0x8000_0000_0000_0000L | n.incrementAndGet()));
    }

    // ---------------------------------------------------------------------------------------------------
    // (a) + (c): at join time the engine picks exactly the incident a scan of all incidents would pick.

    /** One generated event, placed relative to the scenario's centre and radius. */
    record Spot(int type, int minute, double bearing, double reach, int source, double confidence, int decision) {
    }

    /** Where, with which radius and window, and the events in arrival order (times not sorted: some are late). */
    record Scenario(double lat, double lon, double radius, int windowMinutes, List<Spot> spots) {
    }

    @Provide
    Arbitrary<double[]> centres() {
        Arbitrary<double[]> marseille = Arbitraries.doubles().between(43.21, 43.38)
                .flatMap(lat -> Arbitraries.doubles().between(5.30, 5.50).map(lon -> new double[] {lat, lon}));
        Arbitrary<double[]> nearPentagon = Combinators.combine(Arbitraries.of(PENTAGONS),
                        Arbitraries.doubles().between(0, 6000), Arbitraries.doubles().between(0, 360))
                .as((p, d, b) -> Fixtures.offset(p[0], p[1], d, b));
        Arbitrary<double[]> anywhere = Combinators.combine(Arbitraries.doubles().between(-80, 80),
                Arbitraries.doubles().between(-179, 179)).as((lat, lon) -> new double[] {lat, lon});
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, marseille), net.jqwik.api.Tuple.of(2, nearPentagon),
                net.jqwik.api.Tuple.of(1, anywhere));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Spot> spot = Combinators.combine(
                Arbitraries.integers().between(0, TYPES.size() - 1),
                Arbitraries.integers().between(0, 90),
                Arbitraries.doubles().between(0, 360),
                Arbitraries.doubles().between(0, 1.6),
                Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0.05, 1),
                Arbitraries.integers().between(0, 9)).as(Spot::new);
        return Combinators.combine(centres(),
                Arbitraries.doubles().between(20, CorrelationRule.MAX_RADIUS_METERS),
                Arbitraries.integers().between(1, 60),
                spot.list().ofMinSize(4).ofMaxSize(40))
                .as((c, r, w, spots) -> new Scenario(c[0], c[1], r, w, spots));
    }

    static CorrelationRules rulesFor(Scenario s) {
        // Three families with different reach, so joins are tested against the right rule's radius and window.
        return new CorrelationRules(List.of(
                new CorrelationRule("shots", Set.of(EventType.GUNSHOT, EventType.EXPLOSION), s.radius(),
                        Duration.ofMinutes(s.windowMinutes())),
                new CorrelationRule("fire", Set.of(EventType.FIRE, EventType.SMOKE), Math.max(1, s.radius() / 2),
                        Duration.ofMinutes(2L * s.windowMinutes()))),
                Math.max(1, s.radius() / 3), Duration.ofMinutes(s.windowMinutes()));
    }

    static Event eventOf(Scenario s, Spot spot) {
        double[] p = Fixtures.offset(s.lat(), s.lon(), spot.reach() * s.radius(), spot.bearing());
        Instant at = T0.plus(Duration.ofMinutes(spot.minute()));
        return Fixtures.event(TYPES.get(spot.type()), at, p[0], p[1], "sensor-" + spot.source(), spot.confidence());
    }

    /** What the engine should pick, from a scan of every incident it holds. */
    static Optional<Incident> bruteForce(CorrelationEngine engine, Event e) {
        CorrelationRule rule = engine.rules().ruleFor(e.type());
        Incident best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Incident inc : engine.openIncidents()) {
            if (!inc.status().acceptsEvents() || !engine.rules().compatible(inc.type(), e.type())
                    || e.occurredAt().isBefore(inc.firstSeen().minus(rule.window()))
                    || e.occurredAt().isAfter(inc.lastSeen().plus(rule.window()))) {
                continue;
            }
            double d = distance(e.location(), inc.location());
            if (d <= rule.radiusMeters() && (d < bestDistance || d == bestDistance && inc.id().compareTo(best.id()) < 0)) {
                best = inc;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    static double distance(Location a, Location b) {
        return GeoMath.distanceMeters(a.lat(), a.lon(), b.lat(), b.lon());
    }

    @Property(tries = 200)
    void joinsOnlyWhatTheRulesAllowAndNeverMissesACandidate(@ForAll("scenarios") Scenario s) {
        CorrelationRules rules = rulesFor(s);
        var engine = new CorrelationEngine(rules, counter());
        Map<EventId, Event> events = new HashMap<>();
        Map<IncidentId, Incident> latest = new HashMap<>();
        for (Spot spot : s.spots()) {
            Event e = eventOf(s, spot);
            events.put(e.id(), e);
            Optional<Incident> expected = bruteForce(engine, e);
            Optional<Incident> candidate = engine.findCandidate(e);
            assertThat(candidate.map(Incident::id)).as("candidate for %s", e).isEqualTo(expected.map(Incident::id));
            candidate.ifPresent(inc -> {
                CorrelationRule rule = rules.ruleFor(e.type());
                assertThat(rules.compatible(inc.type(), e.type())).isTrue();
                assertThat(distance(e.location(), inc.location())).isLessThanOrEqualTo(rule.radiusMeters());
                assertThat(e.occurredAt()).isBetween(inc.firstSeen().minus(rule.window()),
                        inc.lastSeen().plus(rule.window()));
                assertThat(inc.status().acceptsEvents()).isTrue();
            });

            List<IncidentChange> changes = engine.process(List.of(e));
            assertThat(changes).hasSize(1);
            IncidentChange change = changes.get(0);
            assertThat(change.addedEvents()).containsExactly(e.id());
            if (expected.isPresent()) {
                assertThat(change.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
                assertThat(change.incident().id()).isEqualTo(expected.get().id());
                assertThat(change.incident().version()).isEqualTo(expected.get().version() + 1);
            } else {
                assertThat(change.kind()).isEqualTo(IncidentChange.Kind.OPENED);
                assertThat(change.incident().eventIds()).containsExactly(e.id());
            }
            Incident now = change.incident();
            // Operators act on some incidents: acknowledged and confirmed ones still take events, dismissed do not.
            if (spot.decision() == 0 && now.status() != IncidentStatus.CONFIRMED) {
                now = now.transition(now.status() == IncidentStatus.NEW ? IncidentStatus.ACKNOWLEDGED
                        : IncidentStatus.CONFIRMED, BY);
                engine.put(now);
                assertThat(engine.find(now.id())).contains(now);
            } else if (spot.decision() == 1 && now.status() != IncidentStatus.CONFIRMED) {
                if (now.status() == IncidentStatus.NEW) {
                    now = now.transition(IncidentStatus.ACKNOWLEDGED, BY);
                }
                now = now.transition(IncidentStatus.DISMISSED, BY);
                engine.put(now);
                assertThat(engine.find(now.id())).isEmpty();
            }
            latest.put(now.id(), now);
        }
        for (Incident inc : latest.values()) {
            for (EventId id : inc.eventIds()) {
                Event member = events.get(id);
                assertThat(rules.compatible(inc.type(), member.type()))
                        .as("%s in a %s incident", member.type(), inc.type()).isTrue();
                assertThat(member.occurredAt()).isBetween(inc.firstSeen(), inc.lastSeen());
            }
        }
        assertThat(latest.values().stream().mapToInt(i -> i.eventIds().size()).sum()).isEqualTo(s.spots().size());
    }

    /** The grid disk used for candidates holds the cell of every point within the radius. */
    @Property(tries = 1000)
    void ringHoldsEveryPointWithinTheRadius(@ForAll("centres") double[] p,
                                            @ForAll @DoubleRange(min = 1, max = CorrelationRule.MAX_RADIUS_METERS) double radius,
                                            @ForAll @DoubleRange(min = 0, max = 360) double bearing,
                                            @ForAll @DoubleRange(min = 0.85, max = 1) double reach) {
        double[] q = Fixtures.offset(p[0], p[1], radius * reach, bearing);
        double d = GeoMath.distanceMeters(p[0], p[1], q[0], q[1]);
        long from = Cells.cell(p[0], p[1], CorrelationEngine.INDEX_RESOLUTION);
        long to = Cells.cell(q[0], q[1], CorrelationEngine.INDEX_RESOLUTION);
        assertThat(Cells.disk(from, CorrelationEngine.ringFor(d)))
                .as("ring %d around %s for %.1f m", CorrelationEngine.ringFor(d), Cells.toText(from), d)
                .contains(to);
    }

    // ---------------------------------------------------------------------------------------------------
    // (b): shuffling events with equal timestamps changes nothing.

    record Draft(int type, int tick, int place, int source, int confidence, long idBits) {
    }

    static final double[][] PLACES = places();

    /** Nine points 120 m apart around the Vieux-Port: many joins, many equal distances. */
    static double[][] places() {
        var out = new double[9][];
        for (int i = 0; i < 9; i++) {
            double[] row = Fixtures.offset(Fixtures.LAT, Fixtures.LON, 120 * (i / 3), 0);
            out[i] = Fixtures.offset(row[0], row[1], 120 * (i % 3), 90);
        }
        return out;
    }

    @Provide
    Arbitrary<List<Event>> tiedEvents() {
        Arbitrary<Draft> draft = Combinators.combine(
                Arbitraries.integers().between(0, TYPES.size() - 1),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, PLACES.length - 1),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 3),
                Arbitraries.longs()).as(Draft::new);
        return draft.list().ofMinSize(2).ofMaxSize(60).map(drafts -> {
            var events = new ArrayList<Event>(drafts.size());
            for (int i = 0; i < drafts.size(); i++) {
                Draft d = drafts.get(i);
                Instant at = T0.plus(Duration.ofMinutes(d.tick()));
                double[] p = PLACES[d.place()];
                // Ids are made from the draft so that a shrunk or replayed case has the same ids.
                var id = new EventId(EventId.Uuid7.make(at.toEpochMilli(), i, d.idBits()));
                events.add(new Event(id, at, at, new Source(SourceKind.CAMERA, "cam-" + d.source()),
                        TYPES.get(d.type()), Location.of(p[0], p[1], 10), d.confidence() / 4.0,
                        TYPES.get(d.type()).defaultSeverity(), null, null));
            }
            return events;
        });
    }

    /** Same events, each run of equal timestamps shuffled; runs are put in time order. */
    static List<Event> shuffleWithinTies(List<Event> events, Random random) {
        Map<Instant, List<Event>> byTime = new TreeMap<>();
        events.forEach(e -> byTime.computeIfAbsent(e.occurredAt(), t -> new ArrayList<>()).add(e));
        var out = new ArrayList<Event>(events.size());
        byTime.values().forEach(group -> {
            var g = new ArrayList<>(group);
            Collections.shuffle(g, random);
            out.addAll(g);
        });
        return out;
    }

    /** What must not change: ids, types, members, place, times, confidence and version of every incident. */
    record Outcome(IncidentId id, EventType type, Set<EventId> members, Location location, Instant firstSeen,
                   Instant lastSeen, double confidence, Severity severity, int priority, long version) {
        static Outcome of(Incident i) {
            return new Outcome(i.id(), i.type(), Set.copyOf(i.eventIds()), i.location(), i.firstSeen(), i.lastSeen(),
                    i.confidence(), i.severity(), i.priority(), i.version());
        }
    }

    static List<Outcome> outcome(CorrelationEngine engine) {
        return engine.openIncidents().stream().sorted(Comparator.comparing(Incident::id)).map(Outcome::of).toList();
    }

    static List<Outcome> runAsOneBatch(List<Event> events) {
        var engine = new CorrelationEngine(CorrelationRules.defaults(), counter());
        engine.process(events);
        return outcome(engine);
    }

    static List<Outcome> runOneBatchPerTimestamp(List<Event> events) {
        var engine = new CorrelationEngine(CorrelationRules.defaults(), counter());
        Map<Instant, List<Event>> byTime = events.stream()
                .collect(Collectors.groupingBy(Event::occurredAt, TreeMap::new, Collectors.toList()));
        byTime.values().forEach(engine::process);
        return outcome(engine);
    }

    @Property(tries = 200)
    void orderOfEventsWithEqualTimestampsDoesNotMatter(@ForAll("tiedEvents") List<Event> events,
                                                        @ForAll Random random) {
        List<Event> shuffled = shuffleWithinTies(events, random);
        List<Outcome> reference = runAsOneBatch(events);
        assertThat(runAsOneBatch(shuffled)).isEqualTo(reference);
        assertThat(runAsOneBatch(shuffleWithinTies(shuffled, random))).isEqualTo(reference);
        assertThat(runOneBatchPerTimestamp(shuffled)).isEqualTo(runOneBatchPerTimestamp(events));
        assertThat(reference.stream().mapToInt(o -> o.members().size()).sum()).isEqualTo(events.size());
        Map<IncidentId, Outcome> byId = new LinkedHashMap<>();
        reference.forEach(o -> byId.put(o.id(), o));
        assertThat(byId).hasSameSizeAs(reference);
    }

    /** Same-place events from one source with identical content but different ids still order canonically. */
    @Property(tries = 50)
    void identicalEventsDifferingOnlyByIdAreOrderedById(@ForAll @Size(min = 2, max = 8) List<@net.jqwik.api.constraints.LongRange(min = 0, max = 1000) Long> seeds,
                                                         @ForAll Random random) {
        var events = new ArrayList<Event>();
        for (int i = 0; i < seeds.size(); i++) {
            var id = new EventId(EventId.Uuid7.make(T0.toEpochMilli(), i, seeds.get(i)));
            double[] p = PLACES[i % 2 == 0 ? 0 : 8];
            events.add(new Event(id, T0, T0, new Source(SourceKind.POLICE, "unit"), EventType.ASSAULT,
                    Location.of(p[0], p[1], 5), 0.5, Severity.SEVERE, null, null));
        }
        var shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        var a = new CorrelationEngine(CorrelationRules.defaults(), counter());
        var b = new CorrelationEngine(CorrelationRules.defaults(), counter());
        List<IncidentChange> ca = a.process(events);
        List<IncidentChange> cb = b.process(shuffled);
        assertThat(cb).isEqualTo(ca);
        assertThat(ca.get(0).addedEvents().get(0)).isEqualTo(Collections.min(events.stream().map(Event::id).toList()));
    }
}
