package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
import org.vigie.core.model.IllegalTransitionException;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.StaleVersionException;
import org.vigie.core.model.Verdict;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CorrelatorTest {
    static final Instant T0 = Fixtures.T0;
    static final Verdict BY = new Verdict("operator-3", T0, "checked on camera");

    final Map<IncidentId, Incident> archive = new ConcurrentHashMap<>();
    final List<IncidentChange> seen = Collections.synchronizedList(new ArrayList<>());
    Correlator correlator;

    Correlator start(int capacity) {
        correlator = new Correlator(new CorrelationEngine(CorrelationRules.defaults()),
                id -> Optional.ofNullable(archive.get(id)), capacity);
        correlator.addListener(seen::addAll);
        return correlator.start();
    }

    @AfterEach
    void stop() {
        if (correlator != null) {
            correlator.close();
        }
    }

    static Event shot(int second, double metersEast) {
        double[] p = Fixtures.offset(Fixtures.LAT, Fixtures.LON, metersEast, 90);
        return Fixtures.event(EventType.GUNSHOT, T0.plusSeconds(second), p[0], p[1], "mic-" + second, 0.3);
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

    Incident current(IncidentId id) throws Exception {
        return await(correlator.snapshot()).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void listenersReceiveEveryChangeInOrder() throws Exception {
        start(1000);
        var events = new ArrayList<Event>();
        var futures = new ArrayList<CompletableFuture<List<IncidentChange>>>();
        for (int k = 0; k < 200; k++) {
            Event e = shot(k, 0);
            events.add(e);
            futures.add(correlator.submit(List.of(e)));
        }
        for (var f : futures) {
            await(f);
        }
        assertThat(correlator.eventsProcessed()).isEqualTo(200);
        // Batches waiting together may be merged, so count versions rather than calls.
        List<Long> versions = seen.stream().map(c -> c.incident().version()).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates();
        assertThat(versions.get(versions.size() - 1)).isEqualTo(200);
        assertThat(seen.get(0).kind()).isEqualTo(IncidentChange.Kind.OPENED);
        assertThat(seen.stream().flatMap(c -> c.addedEvents().stream()).toList())
                .isEqualTo(events.stream().map(Event::id).toList());
        assertThat(seen).extracting(c -> c.incident().id()).containsOnly(seen.get(0).incident().id());
        assertThat(correlator.openIncidentCount()).isEqualTo(1);
    }

    @Test
    void aSubmitterSeesItsBatchApplied() throws Exception {
        start(10);
        List<IncidentChange> changes = await(correlator.submit(List.of(shot(0, 0), shot(1, 5000))));
        assertThat(changes).hasSize(2).allSatisfy(c -> assertThat(c.kind()).isEqualTo(IncidentChange.Kind.OPENED));
        assertThat(correlator.openIncidentCount()).isEqualTo(2);
        assertThat(await(correlator.snapshot())).hasSize(2);
    }

    @Test
    void decideMovesTheIncidentAndTellsTheListeners() throws Exception {
        start(10);
        Incident opened = await(correlator.submit(List.of(shot(0, 0)))).get(0).incident();
        Incident ack = await(correlator.decide(opened.id(), opened.version(), IncidentStatus.ACKNOWLEDGED, BY));
        assertThat(ack.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(ack.version()).isEqualTo(opened.version() + 1);
        assertThat(ack.verdict()).isEqualTo(BY);
        assertThat(current(opened.id())).isEqualTo(ack);
        assertThat(seen.get(seen.size() - 1).kind()).isEqualTo(IncidentChange.Kind.STATUS_CHANGED);
        assertThat(seen.get(seen.size() - 1).incident()).isEqualTo(ack);
        // An acknowledged incident still takes events.
        IncidentChange more = await(correlator.submit(List.of(shot(30, 10)))).get(0);
        assertThat(more.incident().id()).isEqualTo(opened.id());
        assertThat(more.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        // Dismissed leaves the working set.
        Incident dismissed = await(correlator.decide(opened.id(), more.incident().version(), IncidentStatus.DISMISSED, BY));
        assertThat(dismissed.status()).isEqualTo(IncidentStatus.DISMISSED);
        assertThat(await(correlator.snapshot())).isEmpty();
        assertThat(correlator.openIncidentCount()).isZero();
        assertThat(await(correlator.submit(List.of(shot(40, 10)))).get(0).kind()).isEqualTo(IncidentChange.Kind.OPENED);
    }

    @Test
    void staleVersionIsRefusedAndChangesNothing() throws Exception {
        start(10);
        Incident opened = await(correlator.submit(List.of(shot(0, 0)))).get(0).incident();
        Incident joined = await(correlator.submit(List.of(shot(1, 10)))).get(0).incident();
        assertThat(joined.version()).isEqualTo(2);
        int before = seen.size();
        Throwable t = failureOf(correlator.decide(opened.id(), opened.version(), IncidentStatus.ACKNOWLEDGED, BY));
        assertThat(t).isInstanceOf(StaleVersionException.class);
        assertThat(((StaleVersionException) t).expected()).isEqualTo(1);
        assertThat(((StaleVersionException) t).actual()).isEqualTo(2);
        assertThat(current(opened.id())).isEqualTo(joined);
        assertThat(seen).hasSize(before);
    }

    @Test
    void illegalMoveIsRefusedAndChangesNothing() throws Exception {
        start(10);
        Incident opened = await(correlator.submit(List.of(shot(0, 0)))).get(0).incident();
        int before = seen.size();
        Throwable t = failureOf(correlator.decide(opened.id(), opened.version(), IncidentStatus.CLOSED, BY));
        assertThat(t).isInstanceOf(IllegalTransitionException.class);
        assertThat(((IllegalTransitionException) t).from()).isEqualTo(IncidentStatus.NEW);
        assertThat(failureOf(correlator.decide(opened.id(), opened.version(), IncidentStatus.CONFIRMED, BY)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(current(opened.id())).isEqualTo(opened);
        assertThat(seen).hasSize(before);
    }

    @Test
    void unknownIncidentIsRefused() {
        start(10);
        assertThat(failureOf(correlator.decide(IncidentId.newId(), 1, IncidentStatus.ACKNOWLEDGED, BY)))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void failingListenerOnDecideLeavesTheIncidentUnchanged() throws Exception {
        start(10);
        var storeDown = new AtomicBoolean(true);
        correlator.addListener(changes -> {
            if (storeDown.get() && changes.get(0).kind() == IncidentChange.Kind.STATUS_CHANGED) {
                throw new IllegalStateException("store is down");
            }
        });
        Incident opened = await(correlator.submit(List.of(shot(0, 0)))).get(0).incident();
        Throwable t = failureOf(correlator.decide(opened.id(), opened.version(), IncidentStatus.ACKNOWLEDGED, BY));
        assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("store is down");
        assertThat(current(opened.id())).isEqualTo(opened);
        assertThat(correlator.listenerFailures()).isEqualTo(1);
        storeDown.set(false);
        Incident ack = await(correlator.decide(opened.id(), opened.version(), IncidentStatus.ACKNOWLEDGED, BY));
        assertThat(ack.version()).isEqualTo(opened.version() + 1);
        assertThat(current(opened.id())).isEqualTo(ack);
    }

    @Test
    void listenerThrowingAnErrorOnDecideFailsTheCallerInsteadOfHangingIt() throws Exception {
        start(10);
        correlator.addListener(changes -> {
            if (changes.get(0).kind() == IncidentChange.Kind.STATUS_CHANGED) {
                throw new AssertionError("listener bug");
            }
        });
        Incident opened = await(correlator.submit(List.of(shot(0, 0)))).get(0).incident();
        assertThat(failureOf(correlator.decide(opened.id(), opened.version(), IncidentStatus.ACKNOWLEDGED, BY)))
                .isInstanceOf(AssertionError.class);
        assertThat(current(opened.id())).isEqualTo(opened);
    }

    @Test
    void aBatchTheStoreCouldNotRecordFailsAndMemoryFallsBackToTheStore() throws Exception {
        start(10);
        Incident stored = await(correlator.submit(List.of(shot(0, 0)))).get(0).incident();
        archive.put(stored.id(), stored);
        var storeDown = new java.util.concurrent.atomic.AtomicBoolean(true);
        correlator.addListener(changes -> {
            if (storeDown.get()) {
                throw new IllegalStateException("store is down");
            }
        });
        // One event joins the stored incident, another opens a new one; neither change is recorded.
        var failed = correlator.submit(List.of(shot(10, 20), shot(20, 4000)));
        assertThatThrownBy(() -> await(failed)).hasRootCauseMessage("store is down");
        assertThat(correlator.listenerFailures()).isEqualTo(1);
        assertThat(seen).as("the other listeners were still told").hasSize(3);
        // Memory holds what the store holds: the stored incident at its stored version, not the unrecorded one.
        assertThat(await(correlator.snapshot())).containsExactly(stored);
        storeDown.set(false);
        List<IncidentChange> retried = await(correlator.submit(List.of(shot(10, 20))));
        assertThat(retried.get(0).incident().version()).isEqualTo(stored.version() + 1);
    }

    @Test
    void decideReachesIncidentsOnlyTheArchiveStillHolds() throws Exception {
        start(10);
        Incident opened = await(correlator.submit(List.of(shot(0, 0)))).get(0).incident();
        // Far in the future, elsewhere: the first incident's window has closed and it is evicted.
        await(correlator.submit(List.of(shot(3600, 5000))));
        assertThat(await(correlator.snapshot())).extracting(Incident::id).doesNotContain(opened.id());
        archive.put(opened.id(), opened);
        Incident ack = await(correlator.decide(opened.id(), opened.version(), IncidentStatus.ACKNOWLEDGED, BY));
        assertThat(ack.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    void evictionKeepsTheWorkingSetBounded() throws Exception {
        start(100);
        for (int k = 0; k < 5; k++) {
            await(correlator.submit(List.of(shot(k, 1000.0 * k))));
        }
        assertThat(correlator.openIncidentCount()).isEqualTo(5);
        // shots: 10 min window, then 5 min allowed lateness. At exactly that, nothing goes.
        Duration keep = Duration.ofMinutes(10).plus(CorrelationEngine.ALLOWED_LATENESS);
        await(correlator.submit(List.of(shot((int) keep.toSeconds(), 9000))));
        assertThat(correlator.openIncidentCount()).isEqualTo(6);
        // Once the watermark has passed the last of them by more than that (and a sweep is due), they go.
        await(correlator.submit(List.of(shot((int) keep.toSeconds() + 5 + 60, 9000))));
        assertThat(correlator.openIncidentCount()).isEqualTo(1);
        assertThat(await(correlator.snapshot())).singleElement()
                .satisfies(i -> assertThat(i.eventIds()).hasSize(2));
    }

    @Test
    void restoreLoadsOpenIncidentsBeforeStart() throws Exception {
        Incident old = Incident.open(IncidentId.newId(), shot(0, 0));
        correlator = new Correlator(new CorrelationEngine(CorrelationRules.defaults()), id -> Optional.empty(), 10);
        correlator.restore(List.of(old));
        assertThat(correlator.openIncidentCount()).isEqualTo(1);
        correlator.start();
        assertThatIllegalStateException().isThrownBy(() -> correlator.restore(List.of()));
        IncidentChange c = await(correlator.submit(List.of(shot(5, 20)))).get(0);
        assertThat(c.incident().id()).isEqualTo(old.id());
        assertThat(c.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
    }

    @Test
    void closeDrainsTheQueue() throws Exception {
        start(10_000);
        // Hold the writer so that the queue really fills up before close() is called.
        var gate = new CountDownLatch(1);
        correlator.addListener(changes -> {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var futures = new ArrayList<CompletableFuture<List<IncidentChange>>>();
        var ids = new ArrayList<EventId>();
        for (int k = 0; k < 500; k++) {
            Event e = shot(k, 300.0 * (k % 7));
            ids.add(e.id());
            futures.add(correlator.submit(List.of(e)));
        }
        CompletableFuture<List<Incident>> snapshot = correlator.snapshot();
        assertThat(correlator.queueDepth()).isPositive();
        var closer = Thread.ofPlatform().start(correlator::close);
        Thread.sleep(50);
        gate.countDown();
        closer.join(15_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(snapshot).isCompleted();
        assertThat(correlator.eventsProcessed()).isEqualTo(500);
        assertThat(correlator.queueDepth()).isZero();
        assertThat(correlator.isRunning()).isFalse();
        assertThat(seen.stream().flatMap(c -> c.addedEvents().stream()).toList()).containsExactlyInAnyOrderElementsOf(ids);
        assertThatThrownBy(() -> correlator.submit(List.of(shot(1000, 0)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> correlator.decide(IncidentId.newId(), 1, IncidentStatus.ACKNOWLEDGED, BY))
                .isInstanceOf(IllegalStateException.class);
        correlator.close(); // twice is harmless
    }

    @Test
    void concurrentSendersAndCloseNeverLeaveAFutureHanging() throws Exception {
        start(16);
        var futures = new ConcurrentHashMap<Integer, CompletableFuture<List<IncidentChange>>>();
        var senders = new ArrayList<Thread>();
        for (int s = 0; s < 4; s++) {
            int base = s * 1000;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int k = 0; k < 1000; k++) {
                    try {
                        futures.put(base + k, correlator.submit(List.of(shot(k, 100.0 * (base / 1000)))));
                    } catch (IllegalStateException closed) {
                        return;
                    }
                }
            }));
        }
        Thread.sleep(5);
        correlator.close();
        for (Thread t : senders) {
            t.join(10_000);
        }
        // Every command that was accepted has run.
        assertThat(futures.values()).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(correlator.eventsProcessed()).isEqualTo(futures.size());
    }
}
