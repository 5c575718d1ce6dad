package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Regrouping;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;

/** The shipped composite rules: a shooting (sensor + citizens) and a confirmed fire (camera + fire brigade). */
class CompositeRuleTest {
    static final Instant T0 = Fixtures.T0;

    final CorrelationEngine engine = new CorrelationEngine(CorrelationRules.defaults(), CorrelationPropertyTest.counter());
    final ChangeReplay store = new ChangeReplay();

    static Event report(SourceKind kind, String sourceId, EventType type, Instant at, double metersEast, double conf) {
        double[] p = Fixtures.offset(Fixtures.LAT, Fixtures.LON, metersEast, 90);
        return Event.builder().type(type).occurredAt(at).receivedAt(at).source(kind, sourceId)
                .location(p[0], p[1], 20).confidence(conf).build();
    }

    static Event shot(int second, double metersEast) {
        return report(SourceKind.ACOUSTIC_SENSOR, "mic-" + second, EventType.GUNSHOT, T0.plusSeconds(second), metersEast, 0.7);
    }

    static Event citizen(EventType type, int second, double metersEast) {
        return report(SourceKind.CITIZEN, "open311", type, T0.plusSeconds(second), metersEast, 0.5);
    }

    List<IncidentChange> process(Event... events) {
        List<IncidentChange> changes = engine.process(List.of(events));
        store.apply(changes);
        return changes;
    }

    List<Incident> open() {
        return store.sorted().stream().filter(i -> i.status().acceptsEvents()).toList();
    }

    @Test
    void aGunshotAndTwoCitizenReportsNearbyAreOneShootingOfPriorityOne() {
        Event shot = shot(0, 0);
        Event noise = citizen(EventType.NOISE, 90, 120);
        Event fight = citizen(EventType.PUBLIC_DISORDER, 200, 80);
        process(shot);
        process(noise);
        assertThat(open()).as("one citizen report is not enough").hasSize(2);
        assertThat(open()).allSatisfy(i -> assertThat(i.composite()).isNull());

        List<IncidentChange> changes = process(fight);

        assertThat(open()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo(EventType.GUNSHOT);
            assertThat(i.composite()).isEqualTo("shooting");
            assertThat(i.priority()).isEqualTo(1);
            assertThat(i.eventIds()).containsExactlyInAnyOrder(shot.id(), noise.id(), fight.id());
            assertThat(i.priorityExplanation()).startsWith("priority 1: shooting (gunshot, extreme), 2 sources")
                    .contains("citizen").contains("rule shooting sets priority 1");
            assertThat(i.regroupings()).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(Regrouping.Kind.MERGED);
                assertThat(r.by()).isEqualTo("rule:shooting");
                assertThat(r.byOperator()).isFalse();
                assertThat(r.events()).containsExactlyInAnyOrder(noise.id(), fight.id());
            });
        });
        assertThat(changes).extracting(IncidentChange::kind).containsExactly(IncidentChange.Kind.OPENED,
                IncidentChange.Kind.ABSORBED, IncidentChange.Kind.ABSORBED, IncidentChange.Kind.MERGED);
        List<Incident> absorbed = store.sorted().stream().filter(i -> i.mergedInto() != null).toList();
        assertThat(absorbed).hasSize(2).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(IncidentStatus.CLOSED);
            assertThat(i.eventIds()).isEmpty();
            assertThat(i.verdict()).as("a rule is not an operator").isNull();
            assertThat(i.mergedInto()).isEqualTo(open().getFirst().id());
        });
        assertThat(engine.openCount()).isEqualTo(1);
    }

    @Test
    void citizenReportsFirstThenTheSensorGiveTheSameShooting() {
        process(citizen(EventType.NOISE, 0, 100));
        process(citizen(EventType.GUNSHOT, 30, -100));
        process(shot(60, 0));
        assertThat(open()).singleElement().satisfies(i -> {
            assertThat(i.composite()).isEqualTo("shooting");
            assertThat(i.eventIds()).hasSize(3);
            assertThat(i.memberKinds()).hasSize(3);
        });
    }

    @Test
    void aShootingTakesInLaterReportsToo() {
        process(shot(0, 0), citizen(EventType.NOISE, 10, 50), citizen(EventType.NOISE, 20, 60));
        assertThat(open()).singleElement().extracting(Incident::composite).isEqualTo("shooting");
        process(citizen(EventType.ASSAULT, 300, 150));
        assertThat(open()).singleElement().satisfies(i -> {
            assertThat(i.eventIds()).hasSize(4);
            assertThat(i.regroupings()).hasSize(2);
        });
    }

    @Test
    void reportsTooFarOrTooLateOrOfOtherKindsDoNotCount() {
        // 300 m, 10 min; the time is compared with the spans of the incidents.
        process(shot(0, 0));
        process(citizen(EventType.NOISE, 60, 400)); // 400 m: too far
        process(citizen(EventType.NOISE, 11 * 60, 50)); // 11 min: too late
        process(report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, T0.plusSeconds(90), 20, 0.9)); // not a citizen
        process(citizen(EventType.GRAFFITI, 100, 10)); // not a part of the rule
        assertThat(open()).hasSize(5).allSatisfy(i -> assertThat(i.composite()).isNull());
    }

    @Test
    void anIncidentAnOperatorHasTakenUpIsNotAbsorbed() {
        process(shot(0, 0));
        Incident noise = process(citizen(EventType.NOISE, 30, 100)).getFirst().incident();
        Incident acknowledged = noise.transition(IncidentStatus.ACKNOWLEDGED, new Verdict("op-1", T0, ""));
        engine.put(acknowledged);
        store.incidents.put(acknowledged.id(), acknowledged);
        // Citizens report gunshots: they join the sensor's incident by the shots family, which then holds the rule.
        process(citizen(EventType.GUNSHOT, 60, 120));
        process(citizen(EventType.GUNSHOT, 90, -120));
        assertThat(engine.find(acknowledged.id())).contains(acknowledged);
        Incident shooting = open().stream().filter(i -> "shooting".equals(i.composite())).findFirst().orElseThrow();
        assertThat(shooting.eventIds()).hasSize(3);
    }

    @Test
    void aCameraFireAndAFireBrigadeAlertFarApartAreOneFire() {
        // 800 m apart and 40 min later: beyond the fire family's 400 m and 30 min, within the composite's 1 km, 1 h.
        Event camera = report(SourceKind.CAMERA, "cam-12", EventType.FIRE, T0, 0, 0.8);
        Event brigade = report(SourceKind.FIRE_BRIGADE, "bmpm", EventType.FIRE, T0.plus(Duration.ofMinutes(40)), 800, 1.0);
        process(camera);
        process(brigade);
        assertThat(open()).singleElement().satisfies(i -> {
            assertThat(i.composite()).isEqualTo("fire-confirmed");
            assertThat(i.type()).isEqualTo(EventType.FIRE);
            assertThat(i.eventIds()).containsExactly(camera.id(), brigade.id());
            assertThat(i.sourceCount()).isEqualTo(2);
        });
    }

    @Test
    void anIncidentThatHoldsTheRuleAloneIsMarkedWithinItsStep() {
        // A CAP alert typed smoke joins the camera's fire by the fire family: nothing to absorb, one change.
        process(report(SourceKind.CAMERA, "cam-3", EventType.FIRE, T0, 0, 0.8));
        List<IncidentChange> changes = process(report(SourceKind.CAP_FEED, "prefecture", EventType.SMOKE,
                T0.plusSeconds(600), 100, 0.9));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
            assertThat(c.incident().composite()).isEqualTo("fire-confirmed");
            assertThat(c.incident().version()).isEqualTo(2);
        });
    }

    @Test
    void aCompositeKeepsItsIncidentInReachForItsOwnWindow() {
        // The fire family forgets an incident 35 min after its last event; the composite rule needs it for 1 h.
        process(report(SourceKind.CAMERA, "cam-3", EventType.FIRE, T0, 0, 0.8));
        process(report(SourceKind.CITIZEN, "x", EventType.WASTE, T0.plus(Duration.ofMinutes(50)), 5000, 0.5));
        process(report(SourceKind.FIRE_BRIGADE, "bmpm", EventType.FIRE, T0.plus(Duration.ofMinutes(55)), 600, 1));
        assertThat(open().stream().filter(i -> i.type() == EventType.FIRE)).singleElement()
                .extracting(Incident::composite).isEqualTo("fire-confirmed");
    }

    @Test
    void partsMustNotOverlapAndNamesMustBeUnique() {
        var anchor = new CompositeRule.Part(Set.of(EventType.GUNSHOT), Set.of(), 1);
        var citizens = new CompositeRule.Part(Set.of(EventType.GUNSHOT, EventType.NOISE), Set.of(SourceKind.CITIZEN), 2);
        assertThatIllegalArgumentException().isThrownBy(() -> new CompositeRule("x", anchor, List.of(citizens), 300,
                Duration.ofMinutes(10), EventType.GUNSHOT, 1)).withMessageContaining("same report");
        var sensors = new CompositeRule.Part(Set.of(EventType.GUNSHOT), Set.of(SourceKind.ACOUSTIC_SENSOR), 1);
        var ok = new CompositeRule("x", sensors, List.of(citizens), 300, Duration.ofMinutes(10), EventType.GUNSHOT, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> new CorrelationRules(List.of(), List.of(ok, ok), 250,
                Duration.ofMinutes(15))).withMessageContaining("'x'");
        assertThatIllegalArgumentException().isThrownBy(() -> new CompositeRule("x", sensors, List.of(citizens), 0,
                Duration.ofMinutes(10), EventType.GUNSHOT, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new CompositeRule("x", sensors, List.of(), 100,
                Duration.ofMinutes(10), EventType.GUNSHOT, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new CompositeRule("X Y", sensors, List.of(citizens), 100,
                Duration.ofMinutes(10), EventType.GUNSHOT, 1));
    }

    @Test
    void aBurstOfReportsInOneBatchIsStorable() {
        var burst = new ArrayList<Event>();
        for (int k = 0; k < 30; k++) {
            burst.add(k % 5 == 0 ? shot(k, k * 3) : citizen(k % 2 == 0 ? EventType.NOISE : EventType.GUNSHOT, k, -k * 4));
        }
        process(burst.toArray(Event[]::new));
        assertThat(open()).singleElement().satisfies(i -> assertThat(i.eventIds()).hasSize(30));
        assertThat(store.holder).hasSize(30);
    }
}
