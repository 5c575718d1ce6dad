package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigie.store.Fixtures.PORT_LAT;
import static org.vigie.store.Fixtures.PORT_LON;
import static org.vigie.store.Fixtures.at;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
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
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Regrouping;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;
import org.vigie.core.priority.Reliabilities.Counts;
import org.vigie.core.sop.StepDone;

/** Fusion in the store: merges, splits, verdict counts, procedures and events around a place, on both engines. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"sqlite", "postgresql"})
class FusionStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-14T23:00:00Z"), ZoneOffset.UTC);
    private static final Verdict BY = new Verdict("op-7", at(600), "");

    @Parameter
    String engine;

    @TempDir
    Path dir;

    StoreConfig config;
    Store store;

    @BeforeEach
    void open() {
        config = config();
        store = Store.open(config, CLOCK);
    }

    private StoreConfig config() {
        return EmbeddedPostgresServer.storeConfig(engine, dir, 4);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Event report(SourceKind kind, String source, EventType type, int seconds, double metersNorth) {
        double[] p = GeoMath.offset(PORT_LAT, PORT_LON, metersNorth, 0);
        return Event.builder().occurredAt(at(seconds)).receivedAt(at(seconds)).source(kind, source).type(type)
                .location(p[0], p[1], 20).confidence(0.7).build();
    }

    /** Runs events through a correlator, storing events and changes; returns the changes. */
    private List<IncidentChange> correlate(CorrelationEngine engine, Event... events) {
        store.ingest(List.of(events), List.of());
        List<IncidentChange> changes = engine.process(List.of(events));
        store.incidents().apply(changes);
        return changes;
    }

    /** The latest state of every incident the changes touched. */
    private static Map<IncidentId, Incident> latest(List<IncidentChange> changes) {
        var out = new HashMap<IncidentId, Incident>();
        changes.forEach(c -> out.put(c.incident().id(), c.incident()));
        return out;
    }

    @Nested
    class Regroupings {
        @Test
        void aCompositeMergeIsStoredAsTheCorrelatorMadeIt() {
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            Event shot = report(SourceKind.ACOUSTIC_SENSOR, "mic-1", EventType.GUNSHOT, 0, 0);
            Event noise = report(SourceKind.CITIZEN, "open311", EventType.NOISE, 60, 100);
            Event fight = report(SourceKind.CITIZEN, "open311", EventType.PUBLIC_DISORDER, 90, -80);
            var all = new ArrayList<IncidentChange>();
            all.addAll(correlate(engine, shot));
            all.addAll(correlate(engine, noise));
            all.addAll(correlate(engine, fight)); // OPENED, ABSORBED ×2, MERGED in one transaction

            Map<IncidentId, Incident> made = latest(all);
            assertThat(made).hasSize(3);
            for (Incident i : made.values()) {
                assertThat(store.incidents().find(i.id())).contains(i);
            }
            Incident shooting = made.values().stream().filter(i -> i.mergedInto() == null).findFirst().orElseThrow();
            assertThat(shooting.composite()).isEqualTo("shooting");
            assertThat(shooting.priorityExplanation()).startsWith("priority 1: shooting");
            assertThat(store.incidents().find(shooting.id()).orElseThrow().eventIds())
                    .containsExactly(shot.id(), noise.id(), fight.id());
            assertThat(store.events().findUnassigned(at(0), 10)).isEmpty();
            // The queue still lists the absorbed incidents, closed and empty.
            assertThat(store.incidents().search(IncidentQuery.all(10).withStatuses(java.util.Set.of(IncidentStatus.CLOSED)))
                    .items()).hasSize(2).allSatisfy(i -> assertThat(i.mergedInto()).isEqualTo(shooting.id()));
        }

        @Test
        void aSplitMovesEventsAndLaterMembersKeepTheirOrder() {
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            Event a = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 0, 0);
            Event b = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 10, 20);
            Event c = report(SourceKind.CITIZEN, "open311", EventType.ASSAULT, 20, 40);
            Incident source = correlate(engine, a, b, c).getLast().incident();

            List<IncidentChange> split = engine.splitByOperator(source, List.of(a, b, c), List.of(b.id()), null, "op-2",
                    at(300), "another fight");
            store.incidents().apply(split);
            split.forEach(ch -> engine.adopt(ch.incident()));
            Incident kept = split.getFirst().incident();
            Incident created = split.getLast().incident();
            assertThat(store.incidents().find(kept.id())).contains(kept);
            assertThat(store.incidents().find(created.id())).contains(created);
            assertThat(created.regroupings()).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(Regrouping.Kind.SPLIT_OFF);
                assertThat(r.by()).isEqualTo("op-2");
                assertThat(r.reason()).isEqualTo("another fight");
            });

            // A later member is numbered after the ones kept, so the stored order is the incident's order.
            Event d = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 30, 10);
            Incident grown = correlate(engine, d).getLast().incident();
            assertThat(grown.id()).isIn(kept.id(), created.id());
            assertThat(store.incidents().find(grown.id())).contains(grown);
        }

        @Test
        void removingEventsThatAreNotMembersIsRefusedBeforeAnyWrite() {
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            Event a = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 0, 0);
            Event b = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 10, 20);
            Event other = report(SourceKind.POLICE, "dispatch", EventType.FIRE, 10, 20);
            Incident source = correlate(engine, a, b).getLast().incident();
            correlate(engine, other);
            Incident kept = source.keeping(List.of(a), new Regrouping(Regrouping.Kind.SPLIT, "op", at(60), "",
                    List.of(), List.of(other.id())));
            assertThatThrownBy(() -> store.incidents().apply(List.of(new IncidentChange(Kind.SPLIT, kept, List.of(),
                    List.of(other.id()), source.version())))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not its members");
            assertThat(store.incidents().find(source.id())).contains(source);
            assertThatThrownBy(() -> store.incidents().apply(List.of(new IncidentChange(Kind.SPLIT, kept, List.of(),
                    List.of(), source.version())))).hasMessageContaining("removes no event");
        }
    }

    @Nested
    class Verdicts {
        @Test
        void confirmingAndDismissingCountPerSourceAndKindInTheSameTransaction() {
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            Incident a = correlate(engine, report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0, 0),
                    report(SourceKind.CAMERA, "cam-2", EventType.FIRE, 5, 0)).getLast().incident();
            Incident b = correlate(engine, report(SourceKind.CAMERA, "cam-1", EventType.ASSAULT, 0, 5000)).getLast().incident();

            Incident ackA = a.transition(IncidentStatus.ACKNOWLEDGED, BY);
            store.incidents().apply(List.of(new IncidentChange(Kind.STATUS_CHANGED, ackA, List.of(), a.version())));
            assertThat(store.reliability().counts()).isEmpty();
            Incident confirmed = ackA.transition(IncidentStatus.CONFIRMED, BY);
            Incident ackB = b.transition(IncidentStatus.ACKNOWLEDGED, BY);
            Incident dismissed = ackB.transition(IncidentStatus.DISMISSED, BY);
            store.incidents().apply(List.of(
                    new IncidentChange(Kind.STATUS_CHANGED, confirmed, List.of(), ackA.version()),
                    new IncidentChange(Kind.STATUS_CHANGED, ackB, List.of(), b.version()),
                    new IncidentChange(Kind.STATUS_CHANGED, dismissed, List.of(), ackB.version())));

            assertThat(store.reliability().counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "camera", new Counts(1, 1), "camera/cam-1", new Counts(1, 1), "camera/cam-2", new Counts(1, 0)));
        }
    }

    @Nested
    class ConsoleHistory {
        @Test
        void everyStatusChangeIsKeptWithWhoWhenAndTheDismissalReason() {
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            Incident a = correlate(engine, report(SourceKind.CAMERA, "cam-1", EventType.ABANDONED_OBJECT, 0, 0))
                    .getLast().incident();
            Incident ack = a.transition(IncidentStatus.ACKNOWLEDGED, new Verdict("op-1", at(60), ""));
            Incident dismissed = ack.transition(IncidentStatus.DISMISSED,
                    new Verdict("op-2", at(120), "shop window", org.vigie.core.model.DismissalReason.REFLECTION));
            store.incidents().apply(List.of(new IncidentChange(Kind.STATUS_CHANGED, ack, List.of(), a.version()),
                    new IncidentChange(Kind.STATUS_CHANGED, dismissed, List.of(), ack.version())));

            assertThat(store.incidents().find(a.id()).orElseThrow().verdict()).isEqualTo(dismissed.verdict());
            assertThat(store.incidents().history(a.id())).containsExactly(
                    new IncidentRepository.StatusChange(ack.version(), IncidentStatus.ACKNOWLEDGED, ack.verdict()),
                    new IncidentRepository.StatusChange(dismissed.version(), IncidentStatus.DISMISSED, dismissed.verdict()));
        }

        @Test
        void activityPerSourceCountsEventsAndTheGapBetweenNewestOccurrenceAndArrival() {
            Event early = report(SourceKind.CAMERA, "cam-1", EventType.GRAFFITI, 0, 0);
            Event late = Event.builder().occurredAt(at(100)).receivedAt(at(130)).source(SourceKind.CAMERA, "cam-1")
                    .type(EventType.GRAFFITI).location(PORT_LAT, PORT_LON, 20).confidence(0.7).build();
            Event other = report(SourceKind.ACOUSTIC_SENSOR, "ac-1", EventType.GUNSHOT, 50, 0);
            Event old = report(SourceKind.CITIZEN, "app", EventType.NOISE, -7200, 0);
            store.ingest(List.of(early, late, other, old), List.of());

            assertThat(store.events().activitySince(at(-3600))).containsExactly(
                    new SourceActivity(SourceKind.ACOUSTIC_SENSOR, "ac-1", 1, at(50), at(50)),
                    new SourceActivity(SourceKind.CAMERA, "cam-1", 2, at(100), at(130)));
            assertThat(new SourceActivity(SourceKind.CAMERA, "cam-1", 2, at(100), at(130)).lag()).hasSeconds(30);
        }
    }

    @Nested
    class Procedures {
        @Test
        void aStepIsDoneOnceWithWhoAndWhen() {
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            Incident fire = correlate(engine, report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0, 0)).getLast().incident();
            var first = new StepDone("alert-fire-brigade", "op-3", at(120));
            assertThat(store.procedures().complete(fire.id(), first)).isEmpty();
            assertThat(store.procedures().complete(fire.id(), new StepDone("alert-fire-brigade", "op-9", at(180))))
                    .contains(first);
            store.procedures().complete(fire.id(), new StepDone("locate", "op-3", at(60)));
            assertThat(store.procedures().done(fire.id())).containsExactly(new StepDone("locate", "op-3", at(60)), first);
            assertThat(store.procedures().done(IncidentId.newId())).isEmpty();
            assertThatThrownBy(() -> store.procedures().complete(IncidentId.newId(), first))
                    .isInstanceOf(DataAccessException.class);
        }
    }

    @Nested
    class Around {
        @Test
        void everySourceWithinTheRadiusAndTimeInTimeOrder() {
            var events = new ArrayList<Event>();
            events.add(report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0, 0));
            events.add(report(SourceKind.CITIZEN, "open311", EventType.SMOKE, 30, 199));
            events.add(report(SourceKind.FIRE_BRIGADE, "bmpm", EventType.FIRE, -30, -150));
            events.add(report(SourceKind.TRANSIT, "rtm", EventType.TRANSIT_DISRUPTION, 600, 100));
            Event tooFar = report(SourceKind.CAMERA, "cam-2", EventType.FIRE, 0, 201);
            Event tooEarly = report(SourceKind.CAMERA, "cam-1", EventType.FIRE, -601, 0);
            Event tooLate = report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 601, 0);
            var stored = new ArrayList<>(events);
            stored.addAll(List.of(tooFar, tooEarly, tooLate));
            store.ingest(stored, List.of());

            EventRepository.Around around = store.events().findAround(PORT_LAT, PORT_LON, 200, at(-600), at(600), 100);

            assertThat(around.truncated()).isFalse();
            assertThat(around.events()).containsExactly(events.get(2), events.get(0), events.get(1), events.get(3));
            EventRepository.Around two = store.events().findAround(PORT_LAT, PORT_LON, 200, at(-600), at(600), 2);
            assertThat(two.truncated()).isTrue();
            assertThat(two.events()).containsExactly(events.get(2), events.get(0));
        }

        @Test
        void pagesOfCandidatesAreWalkedInOrder() {
            // Candidates in pages of 7, most of them outside the radius: the walk must not stop at a short page
            // of matches, nor skip events that share a timestamp across a page boundary.
            var events = new ArrayList<Event>();
            for (int k = 0; k < 60; k++) {
                events.add(report(SourceKind.CAMERA, "cam-" + k, EventType.CROWD_DENSITY, k / 3, k % 4 == 0 ? 10 : 260));
            }
            store.ingest(events, List.of());
            var expected = events.stream().filter(e -> GeoMath.distanceMeters(PORT_LAT, PORT_LON, e.location().lat(),
                    e.location().lon()) <= 100).sorted(java.util.Comparator.comparing(Event::occurredAt)
                    .thenComparing(Event::id)).toList();
            EventRepository.Around around = store.events().findAround(PORT_LAT, PORT_LON, 100, at(0), at(100), 1000, 7);
            assertThat(around.events()).isEqualTo(expected).hasSize(15);
        }

        @Test
        void largeRadiiUseCoarseCellsAndStillCheckTheExactDistance() {
            Event inside = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 0, 4900);
            Event outside = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 0, 5100);
            store.ingest(List.of(inside, outside), List.of());
            assertThat(store.events().findAround(PORT_LAT, PORT_LON, 5000, at(-1), at(1), 10).events())
                    .containsExactly(inside);
        }
    }

    @Test
    void incidentsStoredBeforeFusionReadWithNeutralValues() throws java.sql.SQLException {
        StoreConfig old = engine.equals("sqlite") ? StoreConfig.sqlite(dir.resolve("before-fusion.db")) : config();
        Flyway.configure().dataSource(old.jdbcUrl(), old.user(), old.password()).locations("classpath:db/migration")
                .target("1").load().migrate();
        Event e = report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0, 0);
        try (var c = java.sql.DriverManager.getConnection(old.jdbcUrl(), old.user(), old.password())) {
            var db = DSL.using(c);
            db.execute("INSERT INTO events VALUES ('" + e.id() + "', 0, 0, 'camera', 'cam-1', 'fire', 43.3, 5.37, 20, "
                    + e.location().cell() + ", 0.7, 'severe', '{}', '[]')");
            db.execute("INSERT INTO incidents VALUES ('" + IncidentId.newId() + "', 'fire', 'new', 3, 'severe', 0.7, "
                    + "43.3, 5.37, 20, " + e.location().cell() + ", 0, 0, 1, '{\"camera/cam-1\":0.7}', NULL, NULL, NULL, 1, 0)");
        }
        store.close();
        store = Store.open(old, CLOCK);
        Incident read = store.incidents().search(IncidentQuery.all(5)).items().getFirst();
        assertThat(read.composite()).isNull();
        assertThat(read.memberKinds()).isEmpty();
        assertThat(read.priorityExplanation()).isEmpty();
        assertThat(read.mergedInto()).isNull();
        assertThat(read.regroupings()).isEmpty();
        assertThat(Optional.of(read.type())).contains(EventType.FIRE);
    }
}
