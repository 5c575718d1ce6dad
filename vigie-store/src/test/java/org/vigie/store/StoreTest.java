package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigie.store.Fixtures.PORT_LAT;
import static org.vigie.store.Fixtures.PORT_LON;
import static org.vigie.store.Fixtures.at;
import static org.vigie.store.Fixtures.event;
import static org.vigie.store.Fixtures.eventAt;
import static org.vigie.store.Fixtures.uuid;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.IncidentChange.Kind;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.StaleVersionException;
import org.vigie.core.model.Verdict;

/** The same behaviour, checked against both engines. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"sqlite", "postgresql"})
class StoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-14T22:00:00Z"), ZoneOffset.UTC);

    @Parameter
    String engine;

    @TempDir
    Path dir;

    StoreConfig config;
    Store store;

    @BeforeEach
    void open() {
        config = EmbeddedPostgresServer.storeConfig(engine, dir, 4);
        store = Store.open(config, CLOCK);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private IngestReceipt ingest(Event... events) {
        return store.ingest(List.of(events), List.of());
    }

    /** Opens an incident from these events the way the correlator does: one change, version = members. */
    private Incident open(Event first, Event... more) {
        Incident incident = Incident.open(IncidentId.newId(), first);
        for (Event e : more) {
            incident = incident.withEvent(e);
        }
        store.incidents().apply(List.of(new IncidentChange(Kind.OPENED, incident, incident.eventIds(), 0)));
        return incident;
    }

    private void apply(Kind kind, Incident incident, Event... added) {
        long base = incident.version() - (kind == Kind.STATUS_CHANGED ? 1 : added.length);
        store.incidents().apply(List.of(new IncidentChange(kind, incident,
                Arrays.stream(added).map(Event::id).toList(), base)));
    }

    @Test
    void namesItsEngineAndIsHealthyUntilClosed() {
        assertThat(store.engine()).isEqualTo(engine);
        assertThat(store.isHealthy()).isTrue();
        store.close();
        assertThat(store.isHealthy()).isFalse();
    }

    @Nested
    class Events {
        @Test
        void keepEveryField() {
            Event rich = Fixtures.richEvent();

            IngestReceipt receipt = ingest(rich);

            assertThat(receipt.stored()).containsExactly(rich.id());
            Event back = store.events().find(rich.id()).orElseThrow();
            assertThat(back).isEqualTo(rich);
            assertThat(back.confidence()).isEqualTo(0.1 + 0.2);
            assertThat(back.location().cell()).isEqualTo(rich.location().cell());
            assertThat(back.attributes().asMap()).containsExactlyEntriesOf(rich.attributes().asMap());
            assertThat(back.attributes().asMap().get("count")).isInstanceOf(Long.class);
            assertThat(back.attributes().asMap().get("ratio")).isInstanceOf(Double.class);
            assertThat(store.events().count()).isEqualTo(1);
        }

        @Test
        void keepMicrosecondsAndDropFinerDigits() {
            Event precise = Event.builder().occurredAt(Instant.parse("2026-07-14T21:30:00.123456789Z"))
                    .receivedAt(Instant.parse("2026-07-14T21:30:01.000000999Z"))
                    .source(org.vigie.core.model.SourceKind.CAMERA, "cam-1").type(EventType.FIRE)
                    .location(PORT_LAT, PORT_LON, 10).build();

            ingest(precise);

            Event back = store.events().find(precise.id()).orElseThrow();
            assertThat(back.occurredAt()).isEqualTo("2026-07-14T21:30:00.123456Z");
            assertThat(back.receivedAt()).isEqualTo("2026-07-14T21:30:01Z");
        }

        @Test
        void anInstantBeyondTheStoredRangeFailsTheBatchNamingIt() {
            // The core refuses events before 1970 and after their receipt, but a receiving clock can still be absurd.
            Instant ancient = Instant.parse("+300000-01-01T00:00:00Z");
            Event absurd = Event.builder().occurredAt(ancient).receivedAt(ancient)
                    .source(org.vigie.core.model.SourceKind.CITIZEN, "open311").type(EventType.WASTE)
                    .location(PORT_LAT, PORT_LON, 10).build();
            Event fine = event(0);

            assertThatThrownBy(() -> ingest(fine, absurd))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("event " + absurd.id())
                    .hasMessageContaining("occurredAt instant " + ancient + " is outside the range the store keeps");
            assertThat(store.events().count()).isZero();
        }

        @Test
        void unknownIdIsEmpty() {
            assertThat(store.events().find(EventId.newId())).isEmpty();
        }

        @Test
        void duplicatesAreReportedAndTheFirstCopyIsKept() {
            Event first = event(0);
            ingest(first);
            Event sameId = new Event(first.id(), first.occurredAt(), first.receivedAt(), first.source(),
                    EventType.FIRE, first.location(), 0.2, first.severity(), first.attributes(), first.evidence());
            Event fresh = event(5);
            Event later = event(6); // a greater id, listed first: the receipt follows the batch, not the id order

            IngestReceipt receipt = ingest(sameId, later, fresh, fresh);

            assertThat(receipt.stored()).containsExactly(later.id(), fresh.id());
            assertThat(receipt.duplicates()).containsExactly(first.id(), fresh.id());
            assertThat(store.events().find(first.id())).contains(first);
            assertThat(store.events().count()).isEqualTo(3);
        }

        @Test
        void findAllFollowsTheOrderAskedAndSkipsUnknownIds() {
            var events = new ArrayList<Event>();
            for (int i = 0; i < 620; i++) { // more than one IN-list chunk
                events.add(event(i));
            }
            store.ingest(events, List.of());
            var ids = new ArrayList<>(events.stream().map(Event::id).toList());
            Collections.shuffle(ids, new java.util.Random(7));
            var asked = new ArrayList<>(ids);
            asked.add(300, EventId.newId());

            List<Event> found = store.events().findAll(asked);

            assertThat(found).extracting(Event::id).containsExactlyElementsOf(ids);
            assertThat(found.get(0)).isEqualTo(events.stream().filter(e -> e.id().equals(ids.get(0))).findFirst().orElseThrow());
        }

        @Test
        void unassignedAreThoseInNoIncidentOldestFirst() {
            Event e0 = event(0);
            Event e1 = event(10);
            Event e2 = event(20);
            Event e3 = event(30);
            Event e4 = event(40);
            ingest(e4, e2, e0, e3, e1);
            open(e1, e3);

            assertThat(store.events().findUnassigned(at(0), 10)).containsExactly(e0, e2, e4);
            assertThat(store.events().findUnassigned(at(20), 10)).containsExactly(e2, e4);
            assertThat(store.events().findUnassigned(at(0), 1)).containsExactly(e0);
            assertThat(store.events().findUnassigned(at(41), 10)).isEmpty();
        }
    }

    @Nested
    class Ingest {
        @Test
        void quarantineKeepsRawAndReasonNewestFirst() {
            var older = new QuarantinedRecord(uuid(), at(0), "api", "type: unknown event type 'gunfire'",
                    "{\"type\":\"gunfire\",\n \"note\":\"ligne 2 — é\"}");
            var newest = new QuarantinedRecord(uuid(), at(10), "file:events.jsonl", "malformed JSON at line 1", "{oops");
            var middle = new QuarantinedRecord(uuid(), at(5), "simulator", "empty", "");

            IngestReceipt receipt = store.ingest(List.of(event(0)), List.of(older, newest, middle));

            assertThat(receipt.quarantined()).isEqualTo(3);
            assertThat(receipt.stored()).hasSize(1);
            assertThat(store.quarantine().count()).isEqualTo(3);
            assertThat(store.quarantine().list(10, 0)).containsExactly(newest, middle, older);
            assertThat(store.quarantine().list(1, 1)).containsExactly(middle);
            assertThat(store.quarantine().list(10, 3)).isEmpty();
        }

        @Test
        void isAllOrNothing() {
            Event e = event(0);
            var reject = new QuarantinedRecord(uuid(), at(0), "api", "bad", "x");
            // A time no column can hold fails the second write, after the event and the first record went in.
            var unstorable = new QuarantinedRecord(uuid(), Instant.MAX, "api", "bad again", "y");

            assertThatThrownBy(() -> store.ingest(List.of(e), List.of(reject, unstorable)))
                    .isInstanceOf(RuntimeException.class);

            assertThat(store.events().find(e.id())).isEmpty();
            assertThat(store.quarantine().count()).isZero();
        }

        @Test
        void concurrentBatchesLoseNothingAndStoreSharedEventsOnceInAnyOrder() throws Exception {
            int threads = 4;
            int batches = 20;
            int perBatch = 8;
            List<Event> shared = List.of(event(-3), event(-2), event(-1));
            var pool = Executors.newFixedThreadPool(threads);
            try {
                var jobs = new ArrayList<Callable<List<IngestReceipt>>>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    jobs.add(() -> {
                        var receipts = new ArrayList<IngestReceipt>();
                        for (int b = 0; b < batches; b++) {
                            var batch = new ArrayList<Event>();
                            batch.addAll(thread % 2 == 0 ? shared : shared.reversed());
                            for (int i = 0; i < perBatch; i++) {
                                batch.add(event(EventType.NOISE, thread * 1000 + b * 10 + i, "mic-" + thread));
                            }
                            var reject = new QuarantinedRecord(uuid(), at(b), "api", "thread " + thread, "raw");
                            receipts.add(store.ingest(batch, List.of(reject)));
                        }
                        return receipts;
                    });
                }
                var all = new ArrayList<IngestReceipt>();
                for (Future<List<IngestReceipt>> f : pool.invokeAll(jobs)) {
                    all.addAll(f.get());
                }

                long stored = all.stream().mapToLong(r -> r.stored().size()).sum();
                for (Event e : shared) {
                    assertThat(all.stream().filter(r -> r.stored().contains(e.id())).count()).isEqualTo(1);
                }
                assertThat(stored).isEqualTo((long) threads * batches * perBatch + shared.size());
                assertThat(store.events().count()).isEqualTo(stored);
                assertThat(store.quarantine().count()).isEqualTo((long) threads * batches);
                var ids = all.stream().flatMap(r -> r.stored().stream()).toList();
                assertThat(store.events().findAll(ids)).hasSize(ids.size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Incidents {
        private final Verdict verdict = new Verdict("op-7", at(60), "on our way");

        @Test
        void roundTripThroughItsLife() {
            Event e1 = event(EventType.GUNSHOT, 0, "mic-1");
            Event e2 = event(EventType.GUNSHOT, 1, "mic-2");
            Event e3 = event(EventType.GUNSHOT, 20, "mic-1");
            ingest(e1, e2, e3);

            Incident opened = open(e1, e2);
            assertThat(opened.version()).isEqualTo(2);
            assertThat(store.incidents().find(opened.id())).contains(opened);

            Incident grown = opened.withEvent(e3);
            apply(Kind.EVENTS_ADDED, grown, e3);
            Incident stored = store.incidents().find(opened.id()).orElseThrow();
            assertThat(stored).isEqualTo(grown);
            assertThat(stored.eventIds()).containsExactly(e1.id(), e2.id(), e3.id());
            assertThat(stored.sourceConfidence()).containsOnlyKeys("acoustic_sensor/mic-1", "acoustic_sensor/mic-2");

            Incident acknowledged = grown.transition(IncidentStatus.ACKNOWLEDGED, verdict);
            apply(Kind.STATUS_CHANGED, acknowledged);
            assertThat(store.incidents().find(opened.id())).contains(acknowledged);
            assertThat(store.incidents().count()).isEqualTo(1);
            assertThat(store.incidents().find(IncidentId.newId())).isEmpty();
        }

        @Test
        void changesAsTheCorrelatorEmitsThemApply() {
            // One change per incident per batch: several events, so the version moves by more than one.
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            List<Event> first = List.of(event(EventType.GUNSHOT, 0, "mic-1"), event(EventType.GUNSHOT, 1, "mic-2"),
                    event(EventType.GUNSHOT, 2, "mic-3"));
            List<Event> second = List.of(event(EventType.GUNSHOT, 30, "mic-1"), event(EventType.GUNSHOT, 31, "mic-4"));
            store.ingest(first, List.of());
            store.ingest(second, List.of());

            List<IncidentChange> opened = engine.process(first);
            store.incidents().apply(opened);
            List<IncidentChange> grown = engine.process(second);
            store.incidents().apply(grown);

            assertThat(opened).extracting(IncidentChange::kind).containsExactly(Kind.OPENED);
            assertThat(grown).extracting(IncidentChange::kind).containsExactly(Kind.EVENTS_ADDED);
            Incident expected = engine.openIncidents().getFirst();
            assertThat(expected.version()).isEqualTo(5);
            assertThat(store.incidents().find(expected.id())).contains(expected);
            assertThat(store.events().findUnassigned(at(0), 10)).isEmpty();
        }

        @Test
        void staleUpdateIsRefusedAndTheRowIsUnchanged() {
            Event e1 = event(0);
            Event e2 = event(10);
            ingest(e1, e2);
            Incident opened = open(e1);
            Incident byCorrelator = opened.withEvent(e2);
            Incident byOperator = opened.transition(IncidentStatus.ACKNOWLEDGED, verdict);
            apply(Kind.EVENTS_ADDED, byCorrelator, e2);

            assertThatThrownBy(() -> apply(Kind.STATUS_CHANGED, byOperator))
                    .isInstanceOfSatisfying(StaleVersionException.class, e -> {
                        assertThat(e.expected()).isEqualTo(1);
                        assertThat(e.actual()).isEqualTo(2);
                        assertThat(e).hasMessageContaining(opened.id().toString());
                    });
            assertThat(store.incidents().find(opened.id())).contains(byCorrelator);
        }

        @Test
        void aRefusedChangeUndoesTheWholeList() {
            Event e1 = event(0);
            Event e2 = event(10);
            Event e3 = event(20);
            ingest(e1, e2, e3);
            Incident current = open(e1);
            Incident other = Incident.open(IncidentId.newId(), e3);
            Incident stale = current.transition(IncidentStatus.ACKNOWLEDGED, verdict).withEvent(e2);

            assertThatThrownBy(() -> store.incidents().apply(List.of(
                    new IncidentChange(Kind.OPENED, other, other.eventIds(), 0),
                    new IncidentChange(Kind.EVENTS_ADDED, stale, List.of(e2.id()), stale.version() - 1))))
                    .isInstanceOf(StaleVersionException.class);

            assertThat(store.incidents().find(other.id())).isEmpty();
            assertThat(store.incidents().find(current.id())).contains(current);
            assertThat(store.events().findUnassigned(at(0), 10)).containsExactly(e2, e3);
        }

        @Test
        void openingTwiceIsStale() {
            Event e1 = event(0);
            ingest(e1);
            Incident opened = open(e1);

            assertThatThrownBy(() -> apply(Kind.OPENED, opened, e1))
                    .isInstanceOfSatisfying(StaleVersionException.class, e -> {
                        assertThat(e.expected()).isZero();
                        assertThat(e.actual()).isEqualTo(1);
                    });
        }

        @Test
        void updatingAnIncidentTheStoreNeverSawNamesIt() {
            Event e1 = event(0);
            Event e2 = event(5);
            ingest(e1, e2);
            Incident unknown = Incident.open(IncidentId.newId(), e1).withEvent(e2);

            assertThatThrownBy(() -> apply(Kind.EVENTS_ADDED, unknown, e2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(unknown.id().toString())
                    .hasMessageContaining("not in the store");
        }

        @Test
        void inconsistentChangesAreRefusedBeforeAnyWrite() {
            Event e1 = event(0);
            Event e2 = event(5);
            ingest(e1, e2);
            Incident twoEvents = Incident.open(IncidentId.newId(), e1).withEvent(e2);

            assertThatThrownBy(() -> store.incidents().apply(List.of(
                    new IncidentChange(Kind.OPENED, twoEvents, List.of(e2.id()), 0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be at version 1, got 2");
            assertThatThrownBy(() -> store.incidents().apply(List.of(
                    new IncidentChange(Kind.EVENTS_ADDED, twoEvents, List.of(), 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("adds no event");
            assertThat(store.incidents().count()).isZero();
        }

        @Test
        void membersMustBeStoredEventsFirst() {
            Event notStored = event(0);
            Incident incident = Incident.open(IncidentId.newId(), notStored);

            assertThatThrownBy(() -> apply(Kind.OPENED, incident, notStored)).isInstanceOf(DataAccessException.class);
            assertThat(store.incidents().find(incident.id())).isEmpty();
        }

        @Test
        void concurrentVerdictsOnOneVersionLetExactlyOneThrough() throws Exception {
            Event e1 = event(0);
            ingest(e1);
            Incident opened = open(e1);
            int operators = 4;
            var pool = Executors.newFixedThreadPool(operators);
            try {
                var futures = new ArrayList<Future<Incident>>();
                for (int i = 0; i < operators; i++) {
                    Incident decided = opened.transition(IncidentStatus.ACKNOWLEDGED, new Verdict("op-" + i, at(60), ""));
                    futures.add(pool.submit(() -> {
                        apply(Kind.STATUS_CHANGED, decided);
                        return decided;
                    }));
                }
                var winners = new ArrayList<Incident>();
                int stale = 0;
                for (Future<Incident> f : futures) {
                    try {
                        winners.add(f.get());
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(StaleVersionException.class);
                        stale++;
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(stale).isEqualTo(operators - 1);
                assertThat(store.incidents().find(opened.id())).contains(winners.get(0));
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void surviveClosingAndReopening() {
            Event e1 = event(0);
            ingest(e1);
            Incident opened = open(e1);
            store.close();

            store = Store.open(config, CLOCK);

            assertThat(store.events().find(e1.id())).contains(e1);
            assertThat(store.incidents().find(opened.id())).contains(opened);
        }
    }

    /** Six incidents whose order in the queue is D, A, F, B, E, C. */
    @Nested
    class Search {
        private static final double NORTH_LAT = 43.35;
        private static final double NORTH_LON = 5.40;
        private final BoundingBox port = new BoundingBox(5.36, 43.29, 5.38, 43.30);
        private Incident a;
        private Incident b;
        private Incident c;
        private Incident d;
        private Incident e;
        private Incident f;

        @BeforeEach
        void queue() {
            a = incident(EventType.GUNSHOT, IncidentStatus.NEW, 1, PORT_LAT, PORT_LON, 100);
            b = incident(EventType.FIRE, IncidentStatus.ACKNOWLEDGED, 2, PORT_LAT, PORT_LON, 200);
            c = incident(EventType.GRAFFITI, IncidentStatus.DISMISSED, 5, NORTH_LAT, NORTH_LON, 50);
            d = incident(EventType.GUNSHOT, IncidentStatus.CONFIRMED, 1, PORT_LAT, PORT_LON, 300);
            e = incident(EventType.THEFT, IncidentStatus.CLOSED, 4, NORTH_LAT, NORTH_LON, 10);
            f = incident(EventType.GUNSHOT, IncidentStatus.NEW, 1, PORT_LAT + 0.001, PORT_LON, 100);
        }

        /** Stored as given: the store does not judge priorities or life cycles, it keeps them. */
        private Incident incident(EventType type, IncidentStatus status, int priority, double lat, double lon,
                                  int lastSeen) {
            Event member = eventAt(type, lastSeen, lat, lon);
            ingest(member);
            Verdict v = status == IncidentStatus.NEW ? null : new Verdict("op-1", at(lastSeen + 5), status.jsonName());
            var incident = new Incident(IncidentId.newId(), type, status, priority, type.defaultSeverity(), 0.9,
                    member.location(), member.occurredAt(), member.occurredAt(), List.of(member.id()),
                    Map.of(member.source().toString(), 0.9), v, 1);
            apply(Kind.OPENED, incident, member);
            return incident;
        }

        private IncidentPage search(IncidentQuery q) {
            return store.incidents().search(q);
        }

        @Test
        void sortsByPriorityThenMostRecentThenIdWithCompleteIncidents() {
            IncidentPage page = search(IncidentQuery.all(50));

            assertThat(page.items()).containsExactly(d, a, f, b, e, c);
            assertThat(page.total()).isEqualTo(6);
        }

        @Test
        void filtersByStatus() {
            assertThat(search(IncidentQuery.all(50).withStatuses(Set.of(IncidentStatus.NEW))).items())
                    .containsExactly(a, f);
            IncidentPage page = search(IncidentQuery.all(50)
                    .withStatuses(Set.of(IncidentStatus.NEW, IncidentStatus.CONFIRMED)));
            assertThat(page.items()).containsExactly(d, a, f);
            assertThat(page.total()).isEqualTo(3);
        }

        @Test
        void filtersByType() {
            assertThat(search(IncidentQuery.all(50).withTypes(Set.of(EventType.FIRE, EventType.GRAFFITI))).items())
                    .containsExactly(b, c);
        }

        @Test
        void filtersByLastSeenSinceInclusive() {
            assertThat(search(IncidentQuery.all(50).withSince(at(100))).items()).containsExactly(d, a, f, b);
            assertThat(search(IncidentQuery.all(50).withSince(at(100).plusNanos(1000))).items()).containsExactly(d, b);
        }

        @Test
        void filtersByBoundingBox() {
            assertThat(search(IncidentQuery.all(50).withBbox(port)).items()).containsExactly(d, a, f, b);
            var north = new BoundingBox(NORTH_LON, NORTH_LAT, NORTH_LON, NORTH_LAT); // edges count as inside
            assertThat(search(IncidentQuery.all(50).withBbox(north)).items()).containsExactly(e, c);
        }

        @Test
        void combinesFilters() {
            IncidentPage page = search(IncidentQuery.all(50).withBbox(port).withTypes(Set.of(EventType.GUNSHOT))
                    .withStatuses(Set.of(IncidentStatus.NEW)).withSince(at(50)));
            assertThat(page.items()).containsExactly(a, f);
            assertThat(page.total()).isEqualTo(2);
        }

        @Test
        void pagesCarryTheTotalOfAllPages() {
            assertThat(search(IncidentQuery.all(2))).isEqualTo(new IncidentPage(List.of(d, a), 6));
            assertThat(search(IncidentQuery.all(2).withPage(2, 2))).isEqualTo(new IncidentPage(List.of(f, b), 6));
            assertThat(search(IncidentQuery.all(2).withPage(2, 4))).isEqualTo(new IncidentPage(List.of(e, c), 6));
            assertThat(search(IncidentQuery.all(2).withPage(2, 5))).isEqualTo(new IncidentPage(List.of(c), 6));
            assertThat(search(IncidentQuery.all(2).withPage(2, 9))).isEqualTo(new IncidentPage(List.of(), 6));
        }

        @Test
        void acceptingEventsAreTheOpenOnesRecentlySeenOldestFirst() {
            assertThat(store.incidents().findAcceptingEvents(at(100))).containsExactly(a, f, b, d);
            assertThat(store.incidents().findAcceptingEvents(at(150))).containsExactly(b, d);
            assertThat(store.incidents().findAcceptingEvents(at(301))).isEmpty();
        }

        @Test
        void countsPerStatus() {
            assertThat(store.incidents().count()).isEqualTo(6);
            assertThat(store.incidents().countByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    IncidentStatus.NEW, 2L, IncidentStatus.ACKNOWLEDGED, 1L, IncidentStatus.CONFIRMED, 1L,
                    IncidentStatus.DISMISSED, 1L, IncidentStatus.CLOSED, 1L));
        }
    }
}
