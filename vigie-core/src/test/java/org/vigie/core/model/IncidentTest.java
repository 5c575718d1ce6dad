package org.vigie.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.core.Fixtures;

class IncidentTest {
    static final Verdict BY = new Verdict("operator-7", Fixtures.T0, "seen on camera 142");
    static final Set<List<IncidentStatus>> LEGAL = Set.of(
            List.of(IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED),
            List.of(IncidentStatus.ACKNOWLEDGED, IncidentStatus.CONFIRMED),
            List.of(IncidentStatus.ACKNOWLEDGED, IncidentStatus.DISMISSED),
            List.of(IncidentStatus.CONFIRMED, IncidentStatus.CLOSED),
            List.of(IncidentStatus.DISMISSED, IncidentStatus.CLOSED));

    static Event event(String sourceId, double confidence) {
        return Fixtures.event(EventType.GUNSHOT, Fixtures.T0, Fixtures.LAT, Fixtures.LON, sourceId, confidence);
    }

    static Incident incidentIn(IncidentStatus status) {
        Incident i = Incident.open(IncidentId.newId(), event("mic-1", 0.9));
        return new Incident(i.id(), i.type(), status, i.priority(), i.severity(), i.confidence(), i.location(),
                i.firstSeen(), i.lastSeen(), i.eventIds(), i.sourceConfidence(), null, 7);
    }

    @Test
    void openTakesEverythingFromTheFirstEvent() {
        Event e = event("mic-1", 0.6);
        Incident i = Incident.open(IncidentId.newId(), e);
        assertThat(i.status()).isEqualTo(IncidentStatus.NEW);
        assertThat(i.type()).isEqualTo(EventType.GUNSHOT);
        assertThat(i.eventIds()).containsExactly(e.id());
        assertThat(i.confidence()).isEqualTo(0.6);
        assertThat(i.location()).isEqualTo(e.location());
        assertThat(i.firstSeen()).isEqualTo(e.occurredAt()).isEqualTo(i.lastSeen());
        assertThat(i.version()).isEqualTo(1);
        assertThat(i.verdict()).isNull();
        assertThat(i.sourceCount()).isEqualTo(1);
    }

    @Test
    void onlyTheLifeCycleMovesAreLegal() {
        int legal = 0;
        for (IncidentStatus from : IncidentStatus.values()) {
            for (IncidentStatus to : IncidentStatus.values()) {
                Incident i = incidentIn(from);
                if (LEGAL.contains(List.of(from, to))) {
                    legal++;
                    Incident next = i.transition(to, BY);
                    assertThat(next.status()).isEqualTo(to);
                    assertThat(next.verdict()).isEqualTo(BY);
                    assertThat(next.version()).isEqualTo(i.version() + 1);
                    assertThat(next.eventIds()).isEqualTo(i.eventIds());
                } else {
                    assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isFalse();
                    assertThatExceptionOfType(IllegalTransitionException.class)
                            .as("%s -> %s", from, to)
                            .isThrownBy(() -> i.transition(to, BY))
                            .satisfies(ex -> {
                                assertThat(ex.from()).isEqualTo(from);
                                assertThat(ex.to()).isEqualTo(to);
                            })
                            .withMessageContaining(from.jsonName()).withMessageContaining(to.jsonName());
                }
            }
        }
        assertThat(legal).isEqualTo(5);
    }

    @Test
    void closedIsFinal() {
        assertThat(IncidentStatus.CLOSED.next()).isEmpty();
        assertThat(EnumSet.allOf(IncidentStatus.class).stream().filter(s -> s.canMoveTo(IncidentStatus.NEW))).isEmpty();
    }

    @Test
    void fullLifeCycleIncrementsTheVersionAtEveryStep() {
        Incident i = Incident.open(IncidentId.newId(), event("mic-1", 0.9));
        Incident a = i.withEvent(event("cam-2", 0.5));
        Incident b = a.transition(IncidentStatus.ACKNOWLEDGED, BY);
        Incident c = b.withEvent(event("cam-3", 0.5));
        Incident d = c.transition(IncidentStatus.DISMISSED, BY);
        Incident e = d.transition(IncidentStatus.CLOSED, BY);
        assertThat(List.of(i, a, b, c, d, e)).extracting(Incident::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(e.eventIds()).hasSize(3);
    }

    @Test
    void onlyOpenStatusesAcceptEvents() {
        assertThat(EnumSet.allOf(IncidentStatus.class).stream().filter(IncidentStatus::acceptsEvents))
                .containsExactlyInAnyOrder(IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED, IncidentStatus.CONFIRMED);
    }

    @Test
    void statusNamesRoundTrip() {
        for (IncidentStatus s : IncidentStatus.values()) {
            assertThat(IncidentStatus.fromJson(s.jsonName())).contains(s);
        }
        assertThat(IncidentStatus.fromJson("reopened")).isEmpty();
    }

    @Test
    void confidenceIsNoisyOrOverDistinctSources() {
        Incident i = Incident.open(IncidentId.newId(), event("mic-1", 0.5));
        i = i.withEvent(event("cam-2", 0.5));
        assertThat(i.confidence()).isCloseTo(0.75, within(1e-12));
        i = i.withEvent(event("cam-3", 0.2));
        assertThat(i.confidence()).isCloseTo(1 - 0.5 * 0.5 * 0.8, within(1e-12));
        assertThat(i.sourceCount()).isEqualTo(3);
    }

    @Test
    void aRepeatingSourceDoesNotRaiseConfidence() {
        Incident i = Incident.open(IncidentId.newId(), event("mic-1", 0.5));
        for (int k = 0; k < 20; k++) {
            i = i.withEvent(event("mic-1", 0.5));
            assertThat(i.confidence()).isEqualTo(0.5);
        }
        assertThat(i.sourceCount()).isEqualTo(1);
        assertThat(i.eventIds()).hasSize(21);
        assertThat(i.version()).isEqualTo(21);
    }

    @Test
    void aRepeatingSourceCountsWithItsBestConfidence() {
        Incident i = Incident.open(IncidentId.newId(), event("mic-1", 0.4));
        i = i.withEvent(event("mic-1", 0.9)).withEvent(event("mic-1", 0.1));
        assertThat(i.confidence()).isEqualTo(0.9);
        assertThat(i.sourceConfidence()).isEqualTo(Map.of("camera/mic-1", 0.9));
    }

    @Test
    void sameIdFromDifferentKindsAreDifferentSources() {
        Event camera = event("unit-1", 0.5);
        Event police = Event.builder().type(EventType.GUNSHOT).occurredAt(Fixtures.T0).receivedAt(Fixtures.T0)
                .source(SourceKind.POLICE, "unit-1").location(Fixtures.LAT, Fixtures.LON, 10).confidence(0.5).build();
        Incident i = Incident.open(IncidentId.newId(), camera).withEvent(police);
        assertThat(i.sourceCount()).isEqualTo(2);
        assertThat(i.confidence()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void withEventMovesToTheMeanAndWidensTheTimeSpan() {
        Event first = Fixtures.event(EventType.FIRE, Fixtures.T0, 43.30, 5.37);
        Event second = Fixtures.event(EventType.SMOKE, Fixtures.T0.minusSeconds(60), 43.31, 5.38);
        Event third = Fixtures.event(EventType.FIRE, Fixtures.T0.plusSeconds(120), 43.32, 5.39);
        Incident i = Incident.open(IncidentId.newId(), first).withEvent(second).withEvent(third);
        assertThat(i.location().lat()).isCloseTo(43.31, within(1e-9));
        assertThat(i.location().lon()).isCloseTo(5.38, within(1e-9));
        assertThat(i.firstSeen()).isEqualTo(Fixtures.T0.minusSeconds(60));
        assertThat(i.lastSeen()).isEqualTo(Fixtures.T0.plusSeconds(120));
        assertThat(i.type()).isEqualTo(EventType.FIRE);
        assertThat(i.eventIds()).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void severityIsTheWorstOfTheMembers() {
        Event moderate = Event.builder().type(EventType.GUNSHOT).severity(Severity.MODERATE).occurredAt(Fixtures.T0)
                .receivedAt(Fixtures.T0).source(SourceKind.CAMERA, "a").location(Fixtures.LAT, Fixtures.LON, 1)
                .confidence(1).build();
        Incident i = Incident.open(IncidentId.newId(), moderate);
        assertThat(i.severity()).isEqualTo(Severity.MODERATE);
        assertThat(i.withEvent(event("b", 0.1)).severity()).isEqualTo(Severity.EXTREME);
    }

    @ParameterizedTest
    @CsvSource({
        "EXTREME, 1.0, 1", "EXTREME, 0.7, 1", "EXTREME, 0.69, 2", "EXTREME, 0.5, 2", "EXTREME, 0.49, 3",
        "EXTREME, 0.3, 3", "EXTREME, 0.29, 4", "EXTREME, 0.15, 4", "EXTREME, 0.14, 5", "EXTREME, 0.0, 5",
        "SEVERE, 1.0, 1", "SEVERE, 0.9, 2", "MODERATE, 1.0, 2", "MODERATE, 0.9, 3", "MODERATE, 0.5, 4",
        "MINOR, 1.0, 4", "MINOR, 0.5, 5", "UNKNOWN, 1.0, 3", "UNKNOWN, 0.5, 4"})
    void priorityBands(Severity severity, double confidence, int priority) {
        assertThat(Incident.priorityOf(severity, confidence)).isEqualTo(priority);
    }

    @Test
    void priorityFollowsConfidenceAsSourcesAgree() {
        Incident i = Incident.open(IncidentId.newId(), event("mic-1", 0.4));
        assertThat(i.priority()).isEqualTo(3);
        i = i.withEvent(event("mic-2", 0.4));
        assertThat(i.confidence()).isCloseTo(0.64, within(1e-12));
        assertThat(i.priority()).isEqualTo(2);
        i = i.withEvent(event("mic-3", 0.4));
        assertThat(i.priority()).isEqualTo(1);
    }

    @Test
    void priorityOutsideOneToFiveIsRefused() {
        Incident i = incidentIn(IncidentStatus.NEW);
        assertThatIllegalArgumentException().isThrownBy(() -> new Incident(i.id(), i.type(), i.status(), 0,
                i.severity(), i.confidence(), i.location(), i.firstSeen(), i.lastSeen(), i.eventIds(),
                i.sourceConfidence(), null, 1));
    }

    @Test
    void verdictNeedsAnOperatorAndAShortReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Verdict(" ", Instant.EPOCH, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Verdict("op", Instant.EPOCH, "x".repeat(2001)));
        assertThat(new Verdict("op", Instant.EPOCH, null).reason()).isEmpty();
    }
}
