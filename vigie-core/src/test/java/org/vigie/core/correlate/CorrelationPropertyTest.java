package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.correlate.ScenarioGenerator.Draft;
import org.vigie.core.correlate.ScenarioGenerator.IdenticalEvents;
import org.vigie.core.correlate.ScenarioGenerator.Point;
import org.vigie.core.correlate.ScenarioGenerator.Report;
import org.vigie.core.correlate.ScenarioGenerator.Reports;
import org.vigie.core.correlate.ScenarioGenerator.RingCase;
import org.vigie.core.correlate.ScenarioGenerator.Scenario;
import org.vigie.core.correlate.ScenarioGenerator.Spot;
import org.vigie.core.correlate.ScenarioGenerator.TiedEvents;
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
import org.vigie.core.priority.Triage;

/**
 * Properties of the correlator: it joins exactly what the rules allow (compared with a brute-force scan
 * of every open incident, so the H3 candidate search may never miss), composite rules find through their
 * indexes exactly what a scan of every open incident finds, every run can be stored (each change based on the
 * version held, no event ever in two incidents), and the result does not depend on the order in which events
 * with equal timestamps arrive, composite rules included.
 *
 * <p>Each property runs a fixed number of trials; trial {@code i} draws its input from
 * {@code new ScenarioGenerator(baseSeed + i)}, so every run checks the same inputs. A failure names the
 * trial's seed and input; {@code -Dvigie.test.seed=SEED} on the Maven command line reruns that one trial.
 */
class CorrelationPropertyTest {
    static final Instant T0 = Fixtures.T0;
    static final List<EventType> TYPES = ScenarioGenerator.TYPES;
    static final List<Point> PLACES = ScenarioGenerator.PLACES;
    static final Verdict BY = new Verdict("operator-1", T0, "");
    /** Set on the command line to rerun only the trial with this seed, in every property. */
    static final String SEED_PROPERTY = "vigie.test.seed";

    /**
     * Checks {@code property} on {@code trials} inputs, the i-th generated from seed {@code baseSeed + i}.
     * The first failure stops the run and reports its seed and input.
     */
    static <T> void forEachTrial(String property, long baseSeed, int trials, LongFunction<T> generate,
                                 Consumer<T> check) {
        String only = System.getProperty(SEED_PROPERTY);
        long first = only == null || only.isBlank() ? baseSeed : Long.parseLong(only.strip());
        int count = only == null || only.isBlank() ? trials : 1;
        for (int i = 0; i < count; i++) {
            long seed = first + i;
            T input = null;
            try {
                input = generate.apply(seed);
                check.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("""
                        %s failed on trial %d of %d, seed %d:
                        %s
                        rerun it alone: -Dtest=%s#%s -D%s=%d
                        input: %s""".formatted(property, i, count, seed, e,
                        CorrelationPropertyTest.class.getSimpleName(), property, SEED_PROPERTY, seed,
                        input == null ? "(not generated)" : input), e);
            }
        }
    }

    static Supplier<IncidentId> counter() {
        var n = new AtomicLong();
        return () -> new IncidentId(new UUID(0x7000L, 0x8000_0000_0000_0000L | n.incrementAndGet()));
    }

    // ---------------------------------------------------------------------------------------------------
    // (a) + (c): at join time the engine picks exactly the incident a scan of all incidents would pick.

    static CorrelationRules rulesFor(Scenario s) {
        // Three families with different reach, so joins are tested against the right rule's radius and window.
        return new CorrelationRules(List.of(
                new CorrelationRule("shots", Set.of(EventType.GUNSHOT, EventType.EXPLOSION), s.radius(),
                        Duration.ofMinutes(s.windowMinutes())),
                new CorrelationRule("fire", Set.of(EventType.FIRE, EventType.SMOKE), Math.max(1, s.radius() / 2),
                        Duration.ofMinutes(2L * s.windowMinutes()))),
                Math.max(1, s.radius() / 3), Duration.ofMinutes(s.windowMinutes()));
    }

    /** The scenario's n-th event; its id is made from n, so a rerun of the seed has the same ids. */
    static Event eventOf(Scenario s, int n, Spot spot) {
        double[] p = Fixtures.offset(s.lat(), s.lon(), spot.reach() * s.radius(), spot.bearing());
        Instant at = T0.plus(Duration.ofMinutes(spot.minute()));
        return Event.builder().id(new EventId(EventId.Uuid7.make(at.toEpochMilli(), n, n)))
                .type(TYPES.get(spot.type())).occurredAt(at).receivedAt(at)
                .source(SourceKind.CAMERA, "sensor-" + spot.source())
                .location(p[0], p[1], 10).confidence(spot.confidence()).build();
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

    @Test
    void joinsOnlyWhatTheRulesAllowAndNeverMissesACandidate() {
        forEachTrial("joinsOnlyWhatTheRulesAllowAndNeverMissesACandidate", 0x5EED_0000_0001_0000L, 500,
                seed -> new ScenarioGenerator(seed).scenario(), CorrelationPropertyTest::joinsOnlyWhatTheRulesAllow);
    }

    static void joinsOnlyWhatTheRulesAllow(Scenario s) {
        CorrelationRules rules = rulesFor(s);
        var engine = new CorrelationEngine(rules, counter());
        Map<EventId, Event> events = new HashMap<>();
        Map<IncidentId, Incident> latest = new HashMap<>();
        for (int n = 0; n < s.spots().size(); n++) {
            Spot spot = s.spots().get(n);
            Event e = eventOf(s, n, spot);
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
    @Test
    void ringHoldsEveryPointWithinTheRadius() {
        forEachTrial("ringHoldsEveryPointWithinTheRadius", 0x5EED_0000_0002_0000L, 10_000,
                seed -> new ScenarioGenerator(seed).ringCase(), CorrelationPropertyTest::ringHoldsThePoint);
    }

    static void ringHoldsThePoint(RingCase c) {
        Point p = c.centre();
        double[] q = Fixtures.offset(p.lat(), p.lon(), c.radius() * c.reach(), c.bearing());
        double d = GeoMath.distanceMeters(p.lat(), p.lon(), q[0], q[1]);
        int res = CorrelationEngine.resolutionFor(c.radius());
        int ring = CorrelationEngine.ringFor(c.radius(), res);
        long from = Cells.cell(p.lat(), p.lon(), res);
        long to = Cells.cell(q[0], q[1], res);
        assertThat(Cells.disk(from, ring))
                .as("ring %d around %s for %.1f m (radius %.1f m), to %s", ring, Cells.toText(from), d, c.radius(),
                        Cells.toText(to))
                .contains(to);
    }

    // ---------------------------------------------------------------------------------------------------
    // (b): shuffling events with equal timestamps changes nothing.

    static List<Event> eventsOf(List<Draft> drafts) {
        var events = new ArrayList<Event>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            Instant at = T0.plus(Duration.ofMinutes(d.tick()));
            Point p = PLACES.get(d.place());
            // Ids are made from the draft so that a rerun of the seed has the same ids.
            var id = new EventId(EventId.Uuid7.make(at.toEpochMilli(), i, d.idBits()));
            events.add(new Event(id, at, at, new Source(SourceKind.CAMERA, "cam-" + d.source()),
                    TYPES.get(d.type()), Location.of(p.lat(), p.lon(), 10), d.confidence() / 4.0,
                    TYPES.get(d.type()).defaultSeverity(), null, null));
        }
        return events;
    }

    /** Same events, each run of equal timestamps shuffled; runs are put in time order. */
    static List<Event> shuffleWithinTies(List<Event> events, RandomGenerator random) {
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

    static List<EventId> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    @Test
    void orderOfEventsWithEqualTimestampsDoesNotMatter() {
        forEachTrial("orderOfEventsWithEqualTimestampsDoesNotMatter", 0x5EED_0000_0003_0000L, 500,
                seed -> new ScenarioGenerator(seed).tiedEvents(), CorrelationPropertyTest::orderDoesNotMatter);
    }

    static void orderDoesNotMatter(TiedEvents input) {
        var random = new SplittableRandom(input.shuffleSeed());
        List<Event> events = eventsOf(input.drafts());
        List<Event> shuffled = shuffleWithinTies(events, random);
        List<Event> reshuffled = shuffleWithinTies(shuffled, random);
        List<Outcome> reference = runAsOneBatch(events);
        assertThat(runAsOneBatch(shuffled)).as("one batch, in the order %s", ids(shuffled)).isEqualTo(reference);
        assertThat(runAsOneBatch(reshuffled)).as("one batch, in the order %s", ids(reshuffled)).isEqualTo(reference);
        assertThat(runOneBatchPerTimestamp(shuffled)).as("one batch per timestamp, in the order %s", ids(shuffled))
                .isEqualTo(runOneBatchPerTimestamp(events));
        assertThat(reference.stream().mapToInt(o -> o.members().size()).sum()).isEqualTo(events.size());
        Map<IncidentId, Outcome> byId = new LinkedHashMap<>();
        reference.forEach(o -> byId.put(o.id(), o));
        assertThat(byId).hasSameSizeAs(reference);
    }

    /** Same-place events from one source with identical content but different ids still order canonically. */
    @Test
    void identicalEventsDifferingOnlyByIdAreOrderedById() {
        forEachTrial("identicalEventsDifferingOnlyByIdAreOrderedById", 0x5EED_0000_0004_0000L, 1000,
                seed -> new ScenarioGenerator(seed).identicalEvents(), CorrelationPropertyTest::orderedById);
    }

    static void orderedById(IdenticalEvents input) {
        var events = new ArrayList<Event>();
        for (int i = 0; i < input.idBits().size(); i++) {
            var id = new EventId(EventId.Uuid7.make(T0.toEpochMilli(), i, input.idBits().get(i)));
            Point p = PLACES.get(i % 2 == 0 ? 0 : 8);
            events.add(new Event(id, T0, T0, new Source(SourceKind.POLICE, "unit"), EventType.ASSAULT,
                    Location.of(p.lat(), p.lon(), 5), 0.5, Severity.SEVERE, null, null));
        }
        var shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new SplittableRandom(input.shuffleSeed()));
        var a = new CorrelationEngine(CorrelationRules.defaults(), counter());
        var b = new CorrelationEngine(CorrelationRules.defaults(), counter());
        List<IncidentChange> ca = a.process(events);
        List<IncidentChange> cb = b.process(shuffled);
        assertThat(cb).as("in the order %s", ids(shuffled)).isEqualTo(ca);
        assertThat(ca.get(0).addedEvents().get(0)).isEqualTo(Collections.min(ids(events)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Composite rules: the same properties, and the index against a scan.

    /** The scenario's event with a kind of source drawn from the spot ({@link ScenarioGenerator#KINDS}, first four). */
    static Event reportOf(Scenario s, int n, Spot spot) {
        Event e = eventOf(s, n, spot);
        return new Event(e.id(), e.occurredAt(), e.receivedAt(), new Source(ScenarioGenerator.KINDS.get(spot.source()),
                "sensor-" + spot.source()), e.type(), e.location(), e.confidence(), e.severity(), null, null);
    }

    /** The scenario's families, and two composite rules that reach as far as the scenario's radius. */
    static CorrelationRules compositeRulesFor(Scenario s) {
        CorrelationRules families = rulesFor(s);
        return families.withComposites(List.of(
                new CompositeRule("a", new CompositeRule.Part(Set.of(EventType.GUNSHOT), Set.of(SourceKind.ACOUSTIC_SENSOR), 1),
                        List.of(new CompositeRule.Part(Set.of(EventType.GUNSHOT, EventType.EXPLOSION, EventType.NOISE),
                                Set.of(SourceKind.CITIZEN), 2)),
                        s.radius(), Duration.ofMinutes(s.windowMinutes()), EventType.GUNSHOT, 1),
                new CompositeRule("b", new CompositeRule.Part(Set.of(EventType.FIRE, EventType.SMOKE), Set.of(SourceKind.CAMERA), 1),
                        List.of(new CompositeRule.Part(Set.of(EventType.FIRE, EventType.SMOKE, EventType.EXPLOSION),
                                Set.of(SourceKind.FIRE_BRIGADE), 1)),
                        Math.max(1, s.radius() / 2), Duration.ofMinutes(2L * s.windowMinutes()), EventType.FIRE, 5)));
    }

    @Test
    void compositeIndexesFindWhatAScanOfEveryIncidentFinds() {
        forEachTrial("compositeIndexesFindWhatAScanOfEveryIncidentFinds", 0x5EED_0000_0005_0000L, 400,
                seed -> new ScenarioGenerator(seed).scenario(), CorrelationPropertyTest::indexMatchesScan);
    }

    static void indexMatchesScan(Scenario s) {
        CorrelationRules rules = compositeRulesFor(s);
        var indexed = new CorrelationEngine(rules, Triage.standard(), counter());
        var scanned = new CorrelationEngine(rules, Triage.standard(), counter()).scanningForComposites();
        var replay = new ChangeReplay();
        for (int n = 0; n < s.spots().size(); n++) {
            Spot spot = s.spots().get(n);
            Event e = reportOf(s, n, spot);
            List<IncidentChange> changes = indexed.process(List.of(e));
            assertThat(changes).as("changes for %s", e).isEqualTo(scanned.process(List.of(e)));
            replay.apply(changes);
            Incident touched = changes.getLast().incident();
            if (spot.decision() == 0 && touched.status() == IncidentStatus.NEW) {
                // An operator takes it up: composite rules must no longer absorb it.
                Incident ack = touched.transition(IncidentStatus.ACKNOWLEDGED, BY);
                indexed.put(ack);
                scanned.put(ack);
                replay.apply(new IncidentChange(IncidentChange.Kind.STATUS_CHANGED, ack, List.of(), touched.version()));
            }
        }
        assertThat(replay.holder).hasSize(s.spots().size());
        checkShapes(rules, replay);
    }

    /**
     * Composite incidents hold their rule on their own (unless absorbed since, by a neighbour of the same rule);
     * absorbed ones are closed, empty and point to another.
     */
    static void checkShapes(CorrelationRules rules, ChangeReplay replay) {
        for (Incident i : replay.incidents.values()) {
            if (i.composite() != null && i.mergedInto() == null) {
                CompositeRule rule = rules.composite(i.composite()).orElseThrow();
                if (!rule.heldBy(i) || i.priority() > rule.priority()) {
                    throw new AssertionError(i + " does not hold " + rule.name() + " or has a lower priority");
                }
            }
            if (i.mergedInto() != null && (i.status() != IncidentStatus.CLOSED || !i.eventIds().isEmpty()
                    || !replay.incidents.containsKey(i.mergedInto())
                    || i.regroupings().getLast().kind() != org.vigie.core.model.Regrouping.Kind.ABSORBED)) {
                throw new AssertionError(i + " was merged but is not closed, empty, absorbed into a known incident");
            }
            for (EventId e : i.eventIds()) {
                if (!i.id().equals(replay.holder.get(e))) {
                    throw new AssertionError("event " + e + " of " + i.id() + " is held by " + replay.holder.get(e));
                }
            }
        }
    }

    static List<Event> reportsOf(List<Report> reports) {
        var events = new ArrayList<Event>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            Report r = reports.get(i);
            Instant at = T0.plus(Duration.ofMinutes(r.minute()));
            Point p = ScenarioGenerator.WIDE_PLACES.get(r.place());
            EventType type = ScenarioGenerator.REPORT_TYPES.get(r.type());
            var id = new EventId(EventId.Uuid7.make(at.toEpochMilli(), i, r.idBits()));
            events.add(new Event(id, at, at, new Source(ScenarioGenerator.KINDS.get(r.kind()), "s-" + r.source()), type,
                    Location.of(p.lat(), p.lon(), 10), r.confidence() / 4.0, type.defaultSeverity(), null, null));
        }
        return events;
    }

    /** Every incident ever made (closed ones included), after the changes were replayed as a store would. */
    static List<Incident> replayAsOneBatch(List<Event> events) {
        var engine = new CorrelationEngine(CorrelationRules.defaults(), counter());
        var replay = new ChangeReplay();
        replay.apply(engine.process(events));
        assertThat(replay.holder).hasSize(events.size());
        checkShapes(engine.rules(), replay);
        return replay.sorted();
    }

    static List<Incident> replayOneBatchPerTimestamp(List<Event> events) {
        var engine = new CorrelationEngine(CorrelationRules.defaults(), counter());
        var replay = new ChangeReplay();
        Map<Instant, List<Event>> byTime = events.stream()
                .collect(Collectors.groupingBy(Event::occurredAt, TreeMap::new, Collectors.toList()));
        byTime.values().forEach(batch -> replay.apply(engine.process(batch)));
        assertThat(replay.holder).hasSize(events.size());
        checkShapes(engine.rules(), replay);
        return replay.sorted();
    }

    @Test
    void compositeRulesGiveTheSameIncidentsWhateverTheOrderOfEqualTimestamps() {
        forEachTrial("compositeRulesGiveTheSameIncidentsWhateverTheOrderOfEqualTimestamps", 0x5EED_0000_0006_0000L,
                400, seed -> new ScenarioGenerator(seed).reports(), CorrelationPropertyTest::compositesOrderDoesNotMatter);
    }

    static void compositesOrderDoesNotMatter(Reports input) {
        var random = new SplittableRandom(input.shuffleSeed());
        List<Event> events = reportsOf(input.reports());
        List<Event> shuffled = shuffleWithinTies(events, random);
        List<Incident> reference = replayAsOneBatch(events);
        assertThat(replayAsOneBatch(shuffled)).as("one batch, in the order %s", ids(shuffled)).isEqualTo(reference);
        assertThat(replayOneBatchPerTimestamp(shuffled)).as("one batch per timestamp, in the order %s", ids(shuffled))
                .isEqualTo(replayOneBatchPerTimestamp(events));
    }
}
