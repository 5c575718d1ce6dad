package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.store.Fixtures.at;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.geo.Cells;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.SourceKind;

/** Accounts, the audit chain and the reduction of old events, on both engines. */
class GovernanceStoreTest extends OnBothEngines {
    @Test
    void accountsAreCreatedOnceUpdatedAndDeleted() {
        var a = new Account("marie", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "operator", at(0), false);
        assertThat(store.accounts().create(a)).isTrue();
        assertThat(store.accounts().create(new Account("marie", "x", "admin", at(1), false))).isFalse();
        assertThat(store.accounts().find("marie")).contains(a);
        var changed = new Account("marie", "other", "supervisor", a.createdAt(), true);
        assertThat(store.accounts().update(changed)).isTrue();
        assertThat(store.accounts().find("marie")).contains(changed);
        assertThat(store.accounts().update(new Account("nobody", "h", "admin", at(0), false))).isFalse();
        assertThat(store.accounts().list()).extracting(Account::name).containsExactly("marie");
        assertThat(a.toString()).doesNotContain("argon2id");
        assertThat(store.accounts().delete("marie")).isTrue();
        assertThat(store.accounts().count()).isZero();
    }

    @Test
    void theChainHoldsAndAnEditedRowIsNamed() {
        for (int i = 0; i < 5; i++) {
            store.audit().append(at(i), "op-" + i, "operator", "search", "incidents", "type=fire; «ünïcode»");
        }
        AuditCheck ok = store.audit().verify();
        assertThat(ok.intact()).isTrue();
        assertThat(ok.checked()).isEqualTo(5);

        store.dsl().execute("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3");
        AuditCheck broken = store.audit().verify();
        assertThat(broken.brokenSeq()).contains(3L);
        assertThat(broken.problem()).contains("edited");
    }

    @Test
    void aDeletedRowAndARehashedRowAreFound() {
        for (int i = 0; i < 4; i++) {
            store.audit().append(at(i), "op", "operator", "verdict", "incident-" + i, "");
        }
        // Someone who recomputes the hash of the row they edit still breaks the link from the next row.
        AuditRecord two = store.audit().search(new AuditQuery(null, null, null, null, 10)).get(2);
        assertThat(two.seq()).isEqualTo(2);
        String forged = AuditRepository.hash(2, Tables.microsOf(two.at()), "someone-else", two.role(), two.action(),
                two.target(), two.detail(), two.prevHash());
        store.dsl().execute("UPDATE audit_log SET actor = 'someone-else', hash = ? WHERE seq = 2", forged);
        assertThat(store.audit().verify().brokenSeq()).contains(3L);

        store.dsl().execute("UPDATE audit_log SET actor = 'op', hash = ? WHERE seq = 2", two.hash());
        assertThat(store.audit().verify().intact()).isTrue();
        store.dsl().execute("DELETE FROM audit_log WHERE seq = 2");
        AuditCheck gap = store.audit().verify();
        assertThat(gap.brokenSeq()).contains(3L);
        assertThat(gap.problem()).contains("row 2 is missing");
    }

    @Test
    void concurrentAppendsKeepOneChain() throws Exception {
        try (var pool = Executors.newFixedThreadPool(4)) {
            var tasks = new ArrayList<Callable<AuditRecord>>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                tasks.add(() -> store.audit().append(at(n), "op-" + n, "operator", "search", "", ""));
            }
            for (var f : pool.invokeAll(tasks)) {
                f.get();
            }
        }
        assertThat(store.audit().count()).isEqualTo(40);
        assertThat(store.audit().verify().intact()).isTrue();
    }

    @Test
    void searchFiltersByActorActionAndTime() {
        store.audit().append(at(0), "ana", "operator", "login", "", "");
        store.audit().append(at(10), "ana", "operator", "search", "incidents", "status=new");
        store.audit().append(at(20), "bob", "auditor", "search", "audit", "");
        assertThat(store.audit().search(new AuditQuery("ana", null, null, null, 10))).extracting(AuditRecord::seq)
                .containsExactly(2L, 1L);
        assertThat(store.audit().search(new AuditQuery(null, "search", at(5), at(20), 10))).extracting(AuditRecord::seq)
                .containsExactly(2L);
        assertThat(store.audit().search(new AuditQuery(null, null, null, null, 1))).hasSize(1);
    }

    @Test
    void oldEventsBecomeCountsAndIncidentsKeepTheirSummary() {
        Instant old = Instant.parse("2026-03-01T10:00:00Z");
        var events = new ArrayList<Event>();
        for (int i = 0; i < 5; i++) {
            events.add(Event.builder().occurredAt(old.plusSeconds(i * 60)).receivedAt(old.plusSeconds(i * 60 + 1))
                    .source(i < 3 ? SourceKind.CITIZEN : SourceKind.CAMERA, "src-" + i).type(EventType.NOISE)
                    .location(Fixtures.PORT_LAT, Fixtures.PORT_LON + i * 1e-4, 20).confidence(0.6).build());
        }
        Event recent = Fixtures.event(EventType.FIRE, 0, "sensor-9");
        var all = new ArrayList<>(events);
        all.add(recent);
        store.ingest(all, List.of());
        var engine = new CorrelationEngine(CorrelationRules.defaults());
        var changes = engine.process(events);
        store.incidents().apply(changes);
        Incident incident = changes.getLast().incident();

        long reduced = store.retention().reduceEventsBefore(Instant.parse("2026-04-01T00:00:00Z"));

        assertThat(reduced).isEqualTo(5);
        assertThat(store.events().findAll(events.stream().map(Event::id).toList())).isEmpty();
        assertThat(store.events().find(recent.id())).isPresent();
        Incident kept = store.incidents().find(incident.id()).orElseThrow();
        assertThat(kept.type()).isEqualTo(EventType.NOISE);
        assertThat(kept.firstSeen()).isEqualTo(incident.firstSeen());
        assertThat(kept.eventIds()).as("the summary still counts its members").isEqualTo(incident.eventIds());
        List<EventAggregate> counts = store.retention().aggregates(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"));
        long cell = Cells.parent(Cells.cell(events.getFirst().location().lat(), events.getFirst().location().lon(),
                Cells.EVENT_RESOLUTION), RetentionRepository.AGGREGATE_RESOLUTION);
        assertThat(counts).containsExactlyInAnyOrder(
                new EventAggregate(LocalDate.parse("2026-03-01"), cell, EventType.NOISE, SourceKind.CITIZEN, 3),
                new EventAggregate(LocalDate.parse("2026-03-01"), cell, EventType.NOISE, SourceKind.CAMERA, 2));
        // Running again finds nothing more and counts nothing twice.
        assertThat(store.retention().reduceEventsBefore(Instant.parse("2026-04-01T00:00:00Z"))).isZero();
        assertThat(store.retention().aggregates(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01")))
                .extracting(EventAggregate::events).containsExactlyInAnyOrder(3L, 2L);
        assertThat(store.dsl().fetchCount(DSL.table("incident_events"))).isEqualTo(5);
    }
}
