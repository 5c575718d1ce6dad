package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigie.core.Fixtures;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Regrouping;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.StaleVersionException;
import org.vigie.core.model.Verdict;

/** Operators merge and split incidents through the correlator's queue, as they decide verdicts. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CorrelatorRegroupingTest {
    static final Instant T0 = Fixtures.T0;
    static final Instant NOW = T0.plusSeconds(3600);

    final Map<IncidentId, Incident> archive = new ConcurrentHashMap<>();
    final Map<EventId, Event> events = new ConcurrentHashMap<>();
    final List<IncidentChange> seen = Collections.synchronizedList(new ArrayList<>());
    final ChangeReplay store = new ChangeReplay();
    final AtomicBoolean storeDown = new AtomicBoolean();
    Correlator correlator;

    Correlator start() {
        correlator = new Correlator(new CorrelationEngine(CorrelationRules.defaults()),
                id -> Optional.ofNullable(archive.get(id)),
                ids -> ids.stream().map(events::get).filter(java.util.Objects::nonNull).toList(), 100);
        correlator.addListener(changes -> {
            if (storeDown.get()) {
                throw new IllegalStateException("store down");
            }
            synchronized (store) {
                store.apply(changes);
            }
            changes.forEach(c -> archive.put(c.incident().id(), c.incident()));
            seen.addAll(changes);
        });
        return correlator.start();
    }

    @AfterEach
    void stop() {
        if (correlator != null) {
            correlator.close();
        }
    }

    Event report(EventType type, int second, double metersEast, String source) {
        double[] p = Fixtures.offset(Fixtures.LAT, Fixtures.LON, metersEast, 90);
        Event e = Event.builder().type(type).occurredAt(T0.plusSeconds(second)).receivedAt(T0.plusSeconds(second))
                .source(SourceKind.POLICE, source).location(p[0], p[1], 10).confidence(0.8).build();
        events.put(e.id(), e);
        return e;
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static Throwable failureOf(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the future to fail");
    }

    Incident opened(Event... es) throws Exception {
        return await(correlator.submit(List.of(es))).getLast().incident();
    }

    @Test
    void anOperatorMergesIncidentsTheRulesKeptApart() throws Exception {
        start();
        Incident fight = opened(report(EventType.ASSAULT, 0, 0, "dispatch"));
        Incident theft = opened(report(EventType.THEFT, 5, 40, "dispatch"));
        Incident noise = opened(report(EventType.NOISE, 9, 60, "open311"));

        List<IncidentChange> changes = await(correlator.merge(new MergeOrder(fight.id(), fight.version(),
                List.of(theft.id(), noise.id()), Map.of(theft.id(), theft.version()), "op-4", NOW, "one brawl")));

        assertThat(changes).extracting(IncidentChange::kind).containsExactly(IncidentChange.Kind.ABSORBED,
                IncidentChange.Kind.ABSORBED, IncidentChange.Kind.MERGED);
        Incident survivor = changes.getLast().incident();
        assertThat(survivor.id()).isEqualTo(fight.id());
        assertThat(survivor.type()).isEqualTo(EventType.ASSAULT);
        assertThat(survivor.eventIds()).hasSize(3);
        assertThat(survivor.regroupings()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Regrouping.Kind.MERGED);
            assertThat(r.by()).isEqualTo("op-4");
            assertThat(r.at()).isEqualTo(NOW);
            assertThat(r.reason()).isEqualTo("one brawl");
            assertThat(r.incidents()).containsExactly(theft.id(), noise.id());
        });
        Incident absorbed = changes.getFirst().incident();
        assertThat(absorbed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(absorbed.mergedInto()).isEqualTo(fight.id());
        assertThat(absorbed.verdict().by()).isEqualTo("op-4");
        assertThat(absorbed.verdict().reason()).isEqualTo("merged into " + fight.id() + ": one brawl");
        // Memory follows the store: the absorbed incidents are gone, the survivor takes new events.
        List<Incident> open = await(correlator.snapshot());
        assertThat(open).extracting(Incident::id).containsExactly(fight.id());
        Incident grown = opened(report(EventType.ASSAULT, 30, 10, "dispatch"));
        assertThat(grown.id()).isEqualTo(fight.id());
        assertThat(grown.eventIds()).hasSize(4);
    }

    @Test
    void mergesAreRefusedOnStaleVersionsClosedIncidentsOrNonsense() throws Exception {
        start();
        Incident a = opened(report(EventType.ASSAULT, 0, 0, "dispatch"));
        Incident b = opened(report(EventType.THEFT, 5, 40, "dispatch"));
        assertThat(failureOf(correlator.merge(new MergeOrder(a.id(), a.version() + 1, List.of(b.id()), Map.of(), "op",
                NOW, "")))).isInstanceOf(StaleVersionException.class);
        assertThat(failureOf(correlator.merge(new MergeOrder(a.id(), a.version(), List.of(b.id()),
                Map.of(b.id(), 7L), "op", NOW, "")))).isInstanceOf(StaleVersionException.class);
        assertThat(failureOf(correlator.merge(new MergeOrder(a.id(), a.version(), List.of(a.id()), Map.of(), "op",
                NOW, "")))).isInstanceOf(RegroupingRefusedException.class).hasMessageContaining("itself");
        assertThat(failureOf(correlator.merge(new MergeOrder(a.id(), a.version(), List.of(IncidentId.newId()),
                Map.of(), "op", NOW, "")))).isInstanceOf(NoSuchElementException.class);
        Incident ack = await(correlator.decide(b.id(), b.version(), IncidentStatus.ACKNOWLEDGED, new Verdict("op", NOW, "")));
        Incident dismissed = await(correlator.decide(b.id(), ack.version(), IncidentStatus.DISMISSED,
                new Verdict("op", NOW, "nothing there")));
        assertThat(failureOf(correlator.merge(new MergeOrder(a.id(), a.version(), List.of(b.id()),
                Map.of(b.id(), dismissed.version()), "op", NOW, "")))).isInstanceOf(RegroupingRefusedException.class)
                .hasMessageContaining("dismissed");
        assertThat(await(correlator.snapshot())).extracting(Incident::id).containsExactly(a.id());
    }

    @Test
    void anOperatorSplitsEventsOffIntoANewAcknowledgedIncident() throws Exception {
        start();
        Event near = report(EventType.ASSAULT, 0, 0, "dispatch");
        Event near2 = report(EventType.ASSAULT, 10, 20, "unit-2");
        Event other = report(EventType.PUBLIC_DISORDER, 20, 150, "open311");
        Incident all = opened(near, near2, other);
        assertThat(all.eventIds()).hasSize(3);

        List<IncidentChange> changes = await(correlator.split(new SplitOrder(all.id(), all.version(),
                List.of(other.id()), null, "op-2", NOW, "a separate quarrel")));

        assertThat(changes).extracting(IncidentChange::kind).containsExactly(IncidentChange.Kind.SPLIT,
                IncidentChange.Kind.OPENED, IncidentChange.Kind.STATUS_CHANGED);
        Incident kept = changes.getFirst().incident();
        Incident created = changes.getLast().incident();
        assertThat(kept.eventIds()).containsExactly(near.id(), near2.id());
        assertThat(kept.version()).isEqualTo(all.version() + 1);
        assertThat(kept.lastSeen()).isEqualTo(near2.occurredAt());
        assertThat(kept.sourceConfidence()).containsOnlyKeys("police/dispatch", "police/unit-2");
        assertThat(kept.regroupings().getLast()).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Regrouping.Kind.SPLIT);
            assertThat(r.incidents()).containsExactly(created.id());
            assertThat(r.events()).containsExactly(other.id());
        });
        assertThat(created.type()).isEqualTo(EventType.PUBLIC_DISORDER);
        assertThat(created.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(created.eventIds()).containsExactly(other.id());
        assertThat(created.regroupings()).singleElement().extracting(Regrouping::kind).isEqualTo(Regrouping.Kind.SPLIT_OFF);
        assertThat(store.holder).containsEntry(other.id(), created.id()).containsEntry(near.id(), all.id());
    }

    @Test
    void splitsAreRefusedWhenNothingWouldBeLeftOrAnEventIsNotAMember() throws Exception {
        start();
        Event a = report(EventType.ASSAULT, 0, 0, "dispatch");
        Event b = report(EventType.ASSAULT, 1, 5, "dispatch");
        Incident i = opened(a, b);
        assertThat(failureOf(correlator.split(new SplitOrder(i.id(), i.version(), List.of(a.id(), b.id()), null, "op",
                NOW, "")))).isInstanceOf(RegroupingRefusedException.class).hasMessageContaining("empty");
        assertThat(failureOf(correlator.split(new SplitOrder(i.id(), i.version(), List.of(EventId.newId()), null,
                "op", NOW, "")))).isInstanceOf(RegroupingRefusedException.class).hasMessageContaining("not a member");
        assertThat(failureOf(correlator.split(new SplitOrder(i.id(), i.version() - 1, List.of(a.id()), null, "op",
                NOW, "")))).isInstanceOf(StaleVersionException.class);
    }

    @Test
    void aRegroupingTheStoreDidNotRecordChangesNothing() throws Exception {
        start();
        Incident a = opened(report(EventType.ASSAULT, 0, 0, "dispatch"));
        Incident b = opened(report(EventType.THEFT, 5, 40, "dispatch"));
        storeDown.set(true);
        assertThat(failureOf(correlator.merge(new MergeOrder(a.id(), a.version(), List.of(b.id()), Map.of(), "op",
                NOW, "")))).hasMessageContaining("store down");
        assertThat(await(correlator.snapshot())).containsExactlyInAnyOrder(a, b);
        assertThat(correlator.listenerFailures()).isEqualTo(1);
    }

    @Test
    void confirmingAndDismissingTeachTheReliabilities() throws Exception {
        start();
        double before = correlator.reliabilities().ofSource("police/dispatch");
        Incident a = opened(report(EventType.ASSAULT, 0, 0, "dispatch"));
        Incident ack = await(correlator.decide(a.id(), a.version(), IncidentStatus.ACKNOWLEDGED, new Verdict("op", NOW, "")));
        assertThat(correlator.reliabilities().ofSource("police/dispatch")).isEqualTo(before);
        await(correlator.decide(a.id(), ack.version(), IncidentStatus.DISMISSED, new Verdict("op", NOW, "prank")));
        double after = correlator.reliabilities().ofSource("police/dispatch");
        assertThat(after).isLessThan(before);
        // New incidents are assessed with the new estimate.
        Incident next = opened(report(EventType.ASSAULT, 4000, 3000, "dispatch"));
        assertThat(next.confidence()).isCloseTo(after * 0.8, org.assertj.core.api.Assertions.within(1e-12));
    }
}
