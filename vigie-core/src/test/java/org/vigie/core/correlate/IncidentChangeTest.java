package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigie.core.Fixtures.LAT;
import static org.vigie.core.Fixtures.LON;
import static org.vigie.core.Fixtures.T0;
import static org.vigie.core.Fixtures.event;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;

/** A change says which version it was computed from, so a store can refuse it when it holds another. */
class IncidentChangeTest {
    @Test
    void changesFromOneBatchCarryTheVersionTheyStartedFrom() {
        var engine = new CorrelationEngine(CorrelationRules.defaults());
        IncidentChange opened = engine.process(List.of(event(EventType.GUNSHOT, T0, LAT, LON),
                event(EventType.GUNSHOT, T0.plusSeconds(5), LAT, LON))).get(0);
        assertThat(opened.kind()).isEqualTo(IncidentChange.Kind.OPENED);
        assertThat(opened.baseVersion()).isZero();
        assertThat(opened.incident().version()).isEqualTo(2);

        IncidentChange added = engine.process(List.of(event(EventType.EXPLOSION, T0.plusSeconds(60), LAT, LON),
                event(EventType.GUNSHOT, T0.plusSeconds(61), LAT, LON))).get(0);
        assertThat(added.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
        assertThat(added.baseVersion()).isEqualTo(2);
        assertThat(added.incident().version()).isEqualTo(4);
    }

    @Test
    void aChangeCannotBeBasedOnItsOwnVersionOrLater() {
        Incident incident = Incident.open(IncidentId.newId(), event(EventType.FIRE, T0, LAT, LON));
        assertThatThrownBy(() -> new IncidentChange(IncidentChange.Kind.EVENTS_ADDED, incident, incident.eventIds(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IncidentChange(IncidentChange.Kind.OPENED, incident, incident.eventIds(), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
