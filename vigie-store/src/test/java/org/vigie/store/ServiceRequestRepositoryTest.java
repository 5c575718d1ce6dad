package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.IncidentChange.Kind;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;

/** Citizen requests and the status they take from their incident, on both engines. */
class ServiceRequestRepositoryTest extends OnBothEngines {
    private static final Instant T0 = Instant.parse("2026-07-14T08:00:00Z");

    @Override
    Clock clock() {
        return Clock.fixed(T0, ZoneOffset.UTC);
    }

    private StoredServiceRequest request(String id, String code, int minutes) {
        Instant at = T0.plusSeconds(60L * minutes);
        Event e = Event.builder().occurredAt(at).receivedAt(at).source(SourceKind.CITIZEN, id)
                .type(EventType.GRAFFITI).location(43.2951, 5.3744, 50).confidence(0.6).build();
        store.ingest(List.of(e), List.of());
        var r = new StoredServiceRequest(id, "tok-" + id, code, "Graffiti", "Tag on « the » wall", 43.2951, 5.3744,
                "Quai du Port", null, null, at, at, e.id());
        store.serviceRequests().insert(r);
        return r;
    }

    @Test
    void aRequestIsReadBackWholeAndFoundByItsToken() {
        StoredServiceRequest r = request("R1", "graffiti", 0);
        TrackedServiceRequest t = store.serviceRequests().find("R1").orElseThrow();
        assertThat(t.request()).isEqualTo(r);
        assertThat(t.incidentStatus()).isNull();
        assertThat(t.closed()).isFalse();
        assertThat(store.serviceRequests().findIdByToken("tok-R1")).contains("R1");
        assertThat(store.serviceRequests().findIdByToken("tok-nope")).isEmpty();
        assertThat(store.serviceRequests().find("nope")).isEmpty();
        assertThatThrownBy(() -> store.serviceRequests().insert(r)).isInstanceOf(DataAccessException.class);
    }

    @Test
    void theStatusFollowsTheIncidentOfTheRequestsEvent() {
        StoredServiceRequest r = request("R1", "graffiti", 0);
        request("R2", "graffiti", 1);
        Event e = store.events().find(r.eventId()).orElseThrow();
        Incident opened = Incident.open(IncidentId.newId(), e);
        store.incidents().apply(List.of(new IncidentChange(Kind.OPENED, opened, opened.eventIds(), 0)));
        assertThat(store.serviceRequests().find("R1").orElseThrow().incidentStatus()).isEqualTo(IncidentStatus.NEW);

        Instant decided = T0.plusSeconds(3600);
        Incident ack = opened.transition(IncidentStatus.ACKNOWLEDGED, new Verdict("op", T0.plusSeconds(600), ""));
        Incident dismissed = ack.transition(IncidentStatus.DISMISSED, new Verdict("op", decided, "Already cleaned"));
        store.incidents().apply(List.of(new IncidentChange(Kind.STATUS_CHANGED, ack, List.of(), opened.version()),
                new IncidentChange(Kind.STATUS_CHANGED, dismissed, List.of(), ack.version())));

        TrackedServiceRequest t = store.serviceRequests().find("R1").orElseThrow();
        assertThat(t.closed()).isTrue();
        assertThat(t.verdictReason()).isEqualTo("Already cleaned");
        assertThat(t.updatedAt()).isEqualTo(decided);

        var window = new ServiceRequestQuery(List.of(), T0.minusSeconds(60), T0.plusSeconds(3600), null, 100);
        assertThat(store.serviceRequests().search(window)).extracting(x -> x.request().id()).containsExactly("R2", "R1");
        assertThat(store.serviceRequests().search(new ServiceRequestQuery(List.of(), window.from(), window.to(), true, 100)))
                .extracting(x -> x.request().id()).containsExactly("R1");
        assertThat(store.serviceRequests().search(new ServiceRequestQuery(List.of(), window.from(), window.to(), false, 100)))
                .extracting(x -> x.request().id()).containsExactly("R2");
    }

    @Test
    void searchesFilterByWindowCodeAndIds() {
        request("A", "graffiti", 0);
        request("B", "noise", 10);
        request("C", "graffiti", 20);
        var all = new ServiceRequestQuery(List.of(), T0, T0.plusSeconds(3600), null, 100);
        assertThat(store.serviceRequests().search(all)).extracting(x -> x.request().id()).containsExactly("C", "B", "A");
        assertThat(store.serviceRequests().search(new ServiceRequestQuery(List.of("noise"), all.from(), all.to(), null, 100)))
                .extracting(x -> x.request().id()).containsExactly("B");
        assertThat(store.serviceRequests().search(new ServiceRequestQuery(List.of(), T0.plusSeconds(300),
                T0.plusSeconds(900), null, 100))).extracting(x -> x.request().id()).containsExactly("B");
        assertThat(store.serviceRequests().search(new ServiceRequestQuery(List.of(), all.from(), all.to(), null, 2)))
                .hasSize(2);
        assertThat(store.serviceRequests().findAll(List.of("A", "C", "missing"))).extracting(x -> x.request().id())
                .containsExactly("C", "A");
        assertThat(store.serviceRequests().count()).isEqualTo(3);
    }
}
