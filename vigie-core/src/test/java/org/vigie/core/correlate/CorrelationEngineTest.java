package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Verdict;

class CorrelationEngineTest {
    static final Instant T0 = Fixtures.T0;
    static final Verdict BY = new Verdict("operator-1", T0, "");

    static Supplier<IncidentId> counter() {
        var n = new AtomicLong();
        return () -> new IncidentId(new UUID(0x0000_0000_0000_7000L, 0x8000_0000_0000_0000L | n.incrementAndGet()));
    }

    static Event at(EventType type, Instant t, double metersEast) {
        double[] p = Fixtures.offset(Fixtures.LAT, Fixtures.LON, metersEast, 90);
        return Fixtures.event(type, t, p[0], p[1]);
    }

    final CorrelationEngine engine = new CorrelationEngine(CorrelationRules.defaults(), counter());

    @Test
    void compatibleEventsCloseInSpaceAndTimeShareAnIncident() {
        Event shot = at(EventType.GUNSHOT, T0, 0);
        Event bang = at(EventType.EXPLOSION, T0.plusSeconds(60), 250);
        List<IncidentChange> first = engine.process(List.of(shot));
        List<IncidentChange> second = engine.process(List.of(bang));
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(IncidentChange.Kind.OPENED);
            assertThat(c.addedEvents()).containsExactly(shot.id());
        });
        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
            assertThat(c.incident().id()).isEqualTo(first.get(0).incident().id());
            assertThat(c.incident().eventIds()).containsExactly(shot.id(), bang.id());
            assertThat(c.incident().version()).isEqualTo(2);
        });
        assertThat(engine.openCount()).isEqualTo(1);
    }

    @Test
    void incompatibleTypeOpensItsOwnIncident() {
        engine.process(List.of(at(EventType.GUNSHOT, T0, 0)));
        List<IncidentChange> c = engine.process(List.of(at(EventType.FIRE, T0, 0)));
        assertThat(c).singleElement().extracting(IncidentChange::kind).isEqualTo(IncidentChange.Kind.OPENED);
        assertThat(engine.openCount()).isEqualTo(2);
    }

    @Test
    void radiusIsInclusiveAndExactlyEnforced() {
        // shots: 300 m. An incident's location is the mean of its members, so test against a single member.
        Event shot = at(EventType.GUNSHOT, T0, 0);
        engine.process(List.of(shot));
        assertThat(engine.findCandidate(at(EventType.GUNSHOT, T0, 299.9))).isPresent();
        assertThat(engine.findCandidate(at(EventType.GUNSHOT, T0, 300.1))).isEmpty();
    }

    @Test
    void windowIsMeasuredFromTheIncidentsTimeSpan() {
        // shots: 10 min.
        engine.process(List.of(at(EventType.GUNSHOT, T0, 0)));
        assertThat(engine.findCandidate(at(EventType.GUNSHOT, T0.plus(Duration.ofMinutes(10)), 0))).isPresent();
        assertThat(engine.findCandidate(at(EventType.GUNSHOT, T0.plus(Duration.ofMinutes(10)).plusMillis(1), 0))).isEmpty();
        assertThat(engine.findCandidate(at(EventType.GUNSHOT, T0.minus(Duration.ofMinutes(10)), 0))).isPresent();
        assertThat(engine.findCandidate(at(EventType.GUNSHOT, T0.minus(Duration.ofMinutes(10)).minusMillis(1), 0))).isEmpty();
        engine.process(List.of(at(EventType.GUNSHOT, T0.plus(Duration.ofMinutes(8)), 0)));
        assertThat(engine.findCandidate(at(EventType.GUNSHOT, T0.plus(Duration.ofMinutes(18)), 0))).isPresent();
    }

    @Test
    void nearestCandidateWins() {
        // fire: 400 m. Two incidents 700 m apart; a point between them is within reach of both.
        engine.process(List.of(at(EventType.FIRE, T0, 0)));
        engine.process(List.of(at(EventType.SMOKE, T0, 700)));
        assertThat(engine.openCount()).isEqualTo(2);
        Incident west = engine.findCandidate(at(EventType.FIRE, T0, 340)).orElseThrow();
        assertThat(west.type()).isEqualTo(EventType.FIRE);
        Incident east = engine.findCandidate(at(EventType.FIRE, T0, 360)).orElseThrow();
        assertThat(east.type()).isEqualTo(EventType.SMOKE);
    }

    @Test
    void equalDistanceGoesToTheSmallerIncidentId() {
        // Two compatible incidents at the very same place (e.g. restored after a restart): the tie is broken by
        // id, not by whichever the index happens to list first.
        Event a = at(EventType.FIRE, T0, 0);
        Event b = at(EventType.SMOKE, T0, 0);
        IncidentId small = new IncidentId(new UUID(0x7000L, 0x8000_0000_0000_0001L));
        IncidentId large = new IncidentId(new UUID(0x7000L, 0x8000_0000_0000_0002L));
        engine.put(Incident.open(large, b));
        engine.put(Incident.open(small, a));
        assertThat(engine.findCandidate(at(EventType.FIRE, T0, 50))).hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(small));
        var other = new CorrelationEngine(CorrelationRules.defaults(), counter());
        other.put(Incident.open(small, a));
        other.put(Incident.open(large, b));
        assertThat(other.findCandidate(at(EventType.FIRE, T0, 50))).hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(small));
    }

    @Test
    void dismissedOrClosedIncidentsTakeNoMoreEvents() {
        Incident i = engine.process(List.of(at(EventType.ASSAULT, T0, 0))).get(0).incident();
        Incident ack = i.transition(IncidentStatus.ACKNOWLEDGED, BY);
        engine.put(ack);
        assertThat(engine.findCandidate(at(EventType.ASSAULT, T0, 10))).contains(ack);
        Incident confirmed = ack.transition(IncidentStatus.CONFIRMED, BY);
        engine.put(confirmed);
        assertThat(engine.findCandidate(at(EventType.ASSAULT, T0, 10))).contains(confirmed);
        engine.put(confirmed.transition(IncidentStatus.CLOSED, BY));
        assertThat(engine.find(i.id())).isEmpty();
        assertThat(engine.findCandidate(at(EventType.ASSAULT, T0, 10))).isEmpty();
        assertThat(engine.openCount()).isZero();
    }

    @Test
    void incidentIsReindexedWhenItsLocationMoves() {
        // Fire reports each 350 m east of the incident's current mean: all join, and the mean drifts east
        // across index cells (about 0.4 km wide at the fire rule's resolution).
        Incident last = engine.process(List.of(at(EventType.FIRE, T0, 0))).get(0).incident();
        int resolution = CorrelationEngine.resolutionFor(CorrelationRules.defaults().ruleFor(EventType.FIRE).radiusMeters());
        long firstCell = org.vigie.core.geo.Cells.cell(last.location().lat(), last.location().lon(), resolution);
        for (int k = 1; k < 60; k++) {
            double[] p = Fixtures.offset(last.location().lat(), last.location().lon(), 350, 90);
            last = engine.process(List.of(Fixtures.event(EventType.FIRE, T0.plusSeconds(k), p[0], p[1])))
                    .get(0).incident();
        }
        assertThat(engine.openCount()).isEqualTo(1);
        assertThat(last.eventIds()).hasSize(60);
        assertThat(org.vigie.core.geo.Cells.cell(last.location().lat(), last.location().lon(), resolution))
                .isNotEqualTo(firstCell);
        double drift = org.vigie.core.geo.GeoMath.distanceMeters(Fixtures.LAT, Fixtures.LON, last.location().lat(),
                last.location().lon());
        assertThat(drift).isGreaterThan(1000);
        Event there = Fixtures.event(EventType.SMOKE, T0.plusSeconds(90), last.location().lat(), last.location().lon());
        assertThat(engine.findCandidate(there)).contains(last);
        assertThat(engine.findCandidate(at(EventType.SMOKE, T0.plusSeconds(90), 0))).isEmpty();
    }

    @Test
    void oneBatchGivesOneChangePerIncidentInTheOrderFirstTouched() {
        Event a1 = at(EventType.GUNSHOT, T0, 0);
        Event b1 = at(EventType.FIRE, T0.plusSeconds(1), 2000);
        Event a2 = at(EventType.GUNSHOT, T0.plusSeconds(2), 10);
        Event b2 = at(EventType.SMOKE, T0.plusSeconds(3), 2010);
        List<IncidentChange> changes = engine.process(List.of(b2, a2, b1, a1));
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).incident().type()).isEqualTo(EventType.GUNSHOT);
        assertThat(changes.get(0).addedEvents()).containsExactly(a1.id(), a2.id());
        assertThat(changes.get(0).kind()).isEqualTo(IncidentChange.Kind.OPENED);
        assertThat(changes.get(1).addedEvents()).containsExactly(b1.id(), b2.id());
        assertThat(changes.get(1).incident().version()).isEqualTo(2);
    }

    /** The families alone: a camera's fire also concerns the fire-confirmed composite rule, which waits 1 h. */
    static CorrelationEngine familiesOnly() {
        return new CorrelationEngine(CorrelationRules.defaults().withComposites(List.of()), counter());
    }

    @Test
    void evictionWaitsForWindowPlusLateness() {
        // fire: 30 min window, then 5 min of allowed lateness.
        var engine = familiesOnly();
        Incident fire = engine.process(List.of(at(EventType.FIRE, T0, 0))).get(0).incident();
        Instant limit = T0.plus(Duration.ofMinutes(30)).plus(CorrelationEngine.ALLOWED_LATENESS);
        engine.process(List.of(at(EventType.NOISE, limit, 5000)));
        assertThat(engine.watermark()).isEqualTo(limit);
        assertThat(engine.evictExpired()).isZero();
        assertThat(engine.find(fire.id())).isPresent();
        engine.process(List.of(at(EventType.NOISE, limit.plusMillis(1), 5000)));
        assertThat(engine.evictExpired()).as("the batch itself evicted it").isZero();
        assertThat(engine.find(fire.id())).isEmpty();
        assertThat(engine.openIncidents()).extracting(Incident::type).containsOnly(EventType.NOISE);
        // Nothing indexes the evicted incident any more: a late fire report opens a new one.
        assertThat(engine.findCandidate(at(EventType.FIRE, T0, 0))).isEmpty();
    }

    @Test
    void anIncidentKeptAliveByNewEventsIsNotEvictedByItsOldExpiry() {
        // fire: 30 min window + 5 min lateness. Reports every 20 min keep it open for two hours.
        var engine = familiesOnly();
        Incident fire = engine.process(List.of(at(EventType.FIRE, T0, 0))).get(0).incident();
        for (int k = 1; k <= 6; k++) {
            engine.process(List.of(at(EventType.FIRE, T0.plus(Duration.ofMinutes(20L * k)), 10)));
            engine.process(List.of(at(EventType.NOISE, T0.plus(Duration.ofMinutes(20L * k + 1)), 5000 + k)));
            assertThat(engine.find(fire.id())).as("after %d reports", k).isPresent();
        }
        engine.process(List.of(at(EventType.NOISE, T0.plus(Duration.ofMinutes(120 + 36)), 9000)));
        assertThat(engine.find(fire.id())).isEmpty();
    }

    @Test
    void watermarkSweepKeepsTheWorkingSetBounded() {
        // One far-apart noise report every 10 s for 10 hours; each opens its own incident (250 m, 15 min).
        int max = 0;
        for (int k = 0; k < 3600; k++) {
            double[] p = Fixtures.offset(Fixtures.LAT, Fixtures.LON, 1000.0 * (k % 10 + 1), 36.0 * (k % 100 / 10));
            engine.process(List.of(Fixtures.event(EventType.NOISE, T0.plusSeconds(10L * k), p[0], p[1], "s" + k, 0.5)));
            max = Math.max(max, engine.openCount());
        }
        // Window 15 min + lateness 5 min + up to 1 min between sweeps, at 6 events a minute, plus one.
        assertThat(max).isLessThanOrEqualTo(21 * 6 + 1);
        assertThat(engine.openCount()).isLessThanOrEqualTo(21 * 6 + 1).isGreaterThanOrEqualTo(20 * 6);
    }

    @Test
    void ringCoversTheLargestRadius() {
        for (double r = 1; r <= CorrelationRule.MAX_RADIUS_METERS; r *= 1.5) {
            int res = CorrelationEngine.resolutionFor(r);
            assertThat(CorrelationEngine.ringFor(r, res)).as("ring for %.0f m", r).isBetween(1, 12);
            assertThat(CorrelationEngine.ringFor(Math.min(r * 1.5, 600), 9))
                    .isGreaterThanOrEqualTo(CorrelationEngine.ringFor(Math.min(r, 600), 9));
        }
    }

    @Test
    void rulesAssignEveryTypeToExactlyOneRule() {
        CorrelationRules rules = CorrelationRules.defaults();
        for (EventType t : EventType.values()) {
            assertThat(rules.ruleFor(t)).as(t.jsonName()).isNotNull();
            assertThat(rules.ruleFor(t).types()).contains(t);
            assertThat(rules.compatible(t, t)).isTrue();
        }
        assertThat(rules.compatible(EventType.GUNSHOT, EventType.EXPLOSION)).isTrue();
        assertThat(rules.compatible(EventType.GUNSHOT, EventType.FIRE)).isFalse();
        assertThat(rules.compatible(EventType.THEFT, EventType.BURGLARY)).isFalse();
        assertThat(rules.ruleFor(EventType.THEFT).radiusMeters()).isEqualTo(250);
        assertThat(rules.maxRadiusMeters()).isEqualTo(500);
        assertThat(rules.maxWindow()).isEqualTo(Duration.ofHours(2));
        long distinct = rules.rules().stream().flatMap(r -> r.types().stream()).count();
        assertThat(distinct).isEqualTo(EventType.values().length);
    }

    @Test
    void aTypeInTwoRulesIsRefused() {
        var a = new CorrelationRule("a", Set.of(EventType.FIRE, EventType.SMOKE), 100, Duration.ofMinutes(5));
        var b = new CorrelationRule("b", Set.of(EventType.SMOKE), 100, Duration.ofMinutes(5));
        assertThatIllegalArgumentException().isThrownBy(() -> new CorrelationRules(List.of(a, b), 100, Duration.ofMinutes(5)))
                .withMessageContaining("smoke");
    }

    @Test
    void ruleBoundsAreEnforced() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CorrelationRule("r", Set.of(), 100, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new CorrelationRule("r", Set.of(EventType.FIRE), 0, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new CorrelationRule("r", Set.of(EventType.FIRE), 5001, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new CorrelationRule("r", Set.of(EventType.FIRE), 100, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new CorrelationRule("r", Set.of(EventType.FIRE), 100, Duration.ofHours(25)));
    }
}
