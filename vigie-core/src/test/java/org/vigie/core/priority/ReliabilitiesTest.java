package org.vigie.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;

class ReliabilitiesTest {
    static final Verdict BY = new Verdict("op-1", Fixtures.T0, "");

    static Event from(SourceKind kind, String id) {
        return Event.builder().type(EventType.FIRE).occurredAt(Fixtures.T0).receivedAt(Fixtures.T0).source(kind, id)
                .location(Fixtures.LAT, Fixtures.LON, 10).confidence(0.9).build();
    }

    static Incident decided(IncidentStatus verdict, Event first, Event... more) {
        Incident i = Incident.open(IncidentId.newId(), first);
        for (Event e : more) {
            i = i.withEvent(e);
        }
        return i.transition(IncidentStatus.ACKNOWLEDGED, BY).transition(verdict, BY);
    }

    @Test
    void beforeAnyVerdictTheConfiguredDefaultApplies() {
        var r = new Reliabilities(Map.of(SourceKind.CAMERA, 0.8), 4);
        assertThat(r.ofKind(SourceKind.CAMERA)).isEqualTo(0.8);
        assertThat(r.ofSource("camera/cam-1")).isEqualTo(0.8);
        assertThat(r.ofKind(SourceKind.FIRE_BRIGADE)).isEqualTo(Reliabilities.standardPriors().get(SourceKind.FIRE_BRIGADE));
    }

    @Test
    void verdictsMoveTheEstimateAsABetaPosteriorWorthFourVerdicts() {
        var r = new Reliabilities(Map.of(SourceKind.CAMERA, 0.8), 4);
        // Six dismissals of incidents seen by cam-1 only: (4·0.8 + 0) / (4 + 6) = 0.32 for the kind.
        for (int k = 0; k < 6; k++) {
            r.record(decided(IncidentStatus.DISMISSED, from(SourceKind.CAMERA, "cam-1")));
        }
        assertThat(r.ofKind(SourceKind.CAMERA)).isCloseTo(0.32, within(1e-12));
        // The source's prior is its kind's estimate: (4·0.32 + 0) / (4 + 6).
        assertThat(r.ofSource("camera/cam-1")).isCloseTo(4 * 0.32 / 10, within(1e-12));
        // A camera without verdicts of its own inherits the kind's estimate.
        assertThat(r.ofSource("camera/cam-2")).isCloseTo(0.32, within(1e-12));
        // Confirmations bring it back up.
        for (int k = 0; k < 100; k++) {
            r.record(decided(IncidentStatus.CONFIRMED, from(SourceKind.CAMERA, "cam-2")));
        }
        assertThat(r.ofKind(SourceKind.CAMERA)).isCloseTo((3.2 + 100) / 110, within(1e-12));
        assertThat(r.ofSource("camera/cam-2")).isGreaterThan(0.95);
    }

    @Test
    void aVerdictCountsOncePerSourceAndOncePerKind() {
        Incident i = decided(IncidentStatus.CONFIRMED, from(SourceKind.CITIZEN, "open311"), from(SourceKind.CITIZEN, "open311"),
                from(SourceKind.CITIZEN, "app"), from(SourceKind.CAMERA, "cam-9"));
        assertThat(Reliabilities.countsOf(i)).containsOnlyKeys("citizen", "citizen/open311", "citizen/app", "camera",
                "camera/cam-9").allSatisfy((k, c) -> assertThat(c).isEqualTo(new Reliabilities.Counts(1, 0)));
        Incident acknowledged = Incident.open(IncidentId.newId(), from(SourceKind.CAMERA, "cam-9"))
                .transition(IncidentStatus.ACKNOWLEDGED, BY);
        assertThat(Reliabilities.countsOf(acknowledged)).isEmpty();
    }

    @Test
    void storedCountsAreRestored() {
        var r = Reliabilities.standard();
        r.restore(Map.of("acoustic_sensor", new Reliabilities.Counts(2, 8), "acoustic_sensor/mic-3",
                new Reliabilities.Counts(0, 5), "nonsense", new Reliabilities.Counts(1, 1)));
        double kind = (4 * 0.6 + 2) / 14;
        assertThat(r.ofKind(SourceKind.ACOUSTIC_SENSOR)).isCloseTo(kind, within(1e-12));
        assertThat(r.ofSource("acoustic_sensor/mic-3")).isCloseTo(4 * kind / 9, within(1e-12));
        assertThat(r.estimates()).anySatisfy(e -> {
            assertThat(e.key()).isEqualTo("acoustic_sensor/mic-3");
            assertThat(e.counts().dismissed()).isEqualTo(5);
        });
    }

    @Test
    void priorsAndStrengthAreBounded() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Reliabilities(Map.of(SourceKind.CAMERA, 1.0), 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reliabilities(Map.of(SourceKind.CAMERA, 0.0), 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reliabilities(Map.of(), 0));
    }
}
