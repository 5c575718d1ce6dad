package org.vigie.app.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.Correlator;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.SourceKind;

/** What a load run counts, against targets made to lose or forget events. */
class CitySimRunTest {
    private static final Instant NOW = Instant.parse("2025-06-14T18:00:00Z");
    private static final Duration SHORT_DRAIN = Duration.ofMillis(300);

    /**
     * A correlator in memory; a set of ids stands for the store. {@code dropped} events are acknowledged and then
     * neither stored nor correlated (lost); {@code forgotten} ones are stored but never correlated.
     */
    private static class MemoryTarget implements LoadTarget {
        final Correlator correlator = new Correlator(new CorrelationEngine(CorrelationRules.defaults()),
                id -> Optional.empty(), 1_000);
        final Set<EventId> stored = ConcurrentHashMap.newKeySet();
        final Predicate<Event> dropped;
        final Predicate<Event> forgotten;
        final List<List<Event>> batches = new ArrayList<>();
        volatile Consumer<IncidentChange> listener;

        MemoryTarget(Predicate<Event> dropped, Predicate<Event> forgotten) {
            this.dropped = dropped;
            this.forgotten = forgotten;
            correlator.addListener(changes -> changes.forEach(listener));
            correlator.start();
        }

        @Override
        public void send(List<Event> batch) {
            batches.add(batch);
            var kept = batch.stream().filter(dropped.negate()).toList();
            kept.forEach(e -> stored.add(e.id()));
            correlator.submit(kept.stream().filter(forgotten.negate()).toList());
        }

        @Override
        public void onIncidentChange(Consumer<IncidentChange> listener) {
            this.listener = listener;
        }

        @Override
        public long lag() {
            return correlator.queueDepth();
        }

        @Override
        public Set<EventId> storedAmong(Collection<EventId> ids) {
            var found = new HashSet<>(ids);
            found.retainAll(stored);
            return found;
        }

        @Override
        public void close() {
            correlator.close();
        }
    }

    private static CityLoad threeHours() {
        return CityLoad.endingBefore(Marseille.approximateCity(), 7, CityScale.city(300, 20, 1), NOW,
                Duration.ofHours(3));
    }

    private static LoadSummary run(MemoryTarget target, List<LoadRun.Progress> progress) {
        try (target) {
            return new LoadRun(threeHours(), target, 40, SHORT_DRAIN, () -> NOW, progress::add).run();
        }
    }

    @Test
    void everyEventReachesAnIncidentAndNothingIsLost() {
        var target = new MemoryTarget(e -> false, e -> false);
        var progress = new ArrayList<LoadRun.Progress>();
        LoadSummary summary = run(target, progress);

        assertThat(summary.events()).isPositive().isEqualTo(target.batches.stream().mapToLong(List::size).sum());
        assertThat(target.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(40));
        assertThat(summary.eventsBySource().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(summary.events());
        assertThat(summary.loss()).isZero();
        assertThat(summary.storedWithoutIncident()).isZero();
        assertThat(summary.drained()).isTrue();
        assertThat(summary.lag()).isZero();
        assertThat(summary.latency().count()).isEqualTo(summary.events());
        assertThat(summary.latency().p50Millis()).isNotNegative().isLessThanOrEqualTo(summary.latency().p99Millis());
        assertThat(summary.latency().p99Millis()).isLessThanOrEqualTo(summary.latency().maxMillis());
        assertThat(summary.incidentsOpened()).isPositive().isLessThanOrEqualTo(summary.events());
        assertThat(summary.situations()).isPositive();

        assertThat(progress).extracting(p -> p.simulated().toHours()).containsExactly(1L, 2L, 3L);
        assertThat(progress).extracting(LoadRun.Progress::events).isSorted();
        assertThat(progress.getLast().events()).isEqualTo(summary.events());
        assertThat(progress.getLast().simulatedTime()).isEqualTo(Instant.parse("2025-06-13T22:00:00Z"));
    }

    @Test
    void acknowledgedEventsThatAreNowhereAreCountedAsLost() {
        Predicate<Event> camera = e -> e.source().kind() == SourceKind.CAMERA;
        var target = new MemoryTarget(camera, e -> false);
        LoadSummary summary = run(target, new ArrayList<>());

        long cameraEvents = target.batches.stream().flatMap(List::stream).filter(camera).count();
        assertThat(cameraEvents).isPositive();
        assertThat(summary.loss()).isEqualTo(cameraEvents);
        assertThat(summary.drained()).isFalse();
        assertThat(summary.latency().count()).isEqualTo(summary.events() - cameraEvents);
        assertThat(summary.toJson().get("loss").asLong()).isEqualTo(cameraEvents);
    }

    @Test
    void storedEventsThatNeverReachAnIncidentAreNotLostButShown() {
        Predicate<Event> citizen = e -> e.source().kind() == SourceKind.CITIZEN;
        var target = new MemoryTarget(e -> false, citizen);
        LoadSummary summary = run(target, new ArrayList<>());

        long citizenEvents = target.batches.stream().flatMap(List::stream).filter(citizen).count();
        assertThat(summary.loss()).isZero();
        assertThat(summary.storedWithoutIncident()).isEqualTo(citizenEvents).isPositive();
        assertThat(summary.lines()).anySatisfy(l -> assertThat(l).startsWith("loss").contains("never seen in an incident"));
    }

    @Test
    void aRefusedBatchStopsTheRun() {
        var target = new MemoryTarget(e -> false, e -> false) {
            @Override
            public void send(List<Event> batch) {
                throw new IllegalStateException("store full");
            }
        };
        try (target) {
            var run = new LoadRun(threeHours(), target, 40, SHORT_DRAIN, () -> NOW, p -> { });
            assertThatThrownBy(run::run).hasMessage("store full");
        }
    }
}
