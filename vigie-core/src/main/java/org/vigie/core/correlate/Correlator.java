package org.vigie.core.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.StaleVersionException;
import org.vigie.core.model.Verdict;
import org.vigie.core.priority.Reliabilities;

/**
 * The single writer of incident state. Ingest threads and operators send it commands through a bounded
 * queue (senders block when it is full, which is the back-pressure); one thread applies them to a
 * {@link CorrelationEngine} and tells the listeners, in order. Nothing else mutates incidents.
 *
 * <p>Consecutive event batches waiting in the queue are merged before they are applied, so a burst is
 * correlated in one canonical order and listeners (the store) write it in one transaction.
 *
 * <p>Operators' verdicts, merges and splits go through the same queue: the change is computed on the writer
 * thread, told to the listeners (the store first), and only then applied to memory, so a change the store
 * refused is never shown as made. A verdict that confirms or dismisses also updates the source reliabilities.
 */
public final class Correlator implements Correlation, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Correlator.class);
    private static final int MAX_MERGED_EVENTS = 20_000;

    private final CorrelationEngine engine;
    private final Function<IncidentId, Optional<Incident>> archive;
    private final Function<List<EventId>, List<Event>> events;
    private final BlockingQueue<Command> queue;
    private final List<IncidentListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private final AtomicLong eventsProcessed = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    // Senders hold the read lock from the closing check to the end of queue.put, close() the write lock, so
    // no command can be queued behind the Stop marker, where it would never run and its future never complete.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile int openCount;
    private volatile boolean closing;

    /**
     * @param archive finds incidents that are no longer in the engine's working set (for late verdicts)
     */
    public Correlator(CorrelationEngine engine, Function<IncidentId, Optional<Incident>> archive, int queueCapacity) {
        this(engine, archive, ids -> {
            throw new UnsupportedOperationException("this correlator was built without access to stored events");
        }, queueCapacity);
    }

    /**
     * @param archive finds incidents that are no longer in the engine's working set (for late verdicts)
     * @param events  finds stored events by id (a split computes what each side keeps from them)
     */
    public Correlator(CorrelationEngine engine, Function<IncidentId, Optional<Incident>> archive,
                      Function<List<EventId>, List<Event>> events, int queueCapacity) {
        this.engine = engine;
        this.archive = archive;
        this.events = events;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.writer = Thread.ofPlatform().name("correlator").daemon(false).unstarted(this::run);
    }

    public void addListener(IncidentListener listener) {
        listeners.add(listener);
    }

    /** Loads open incidents (after a restart) before any event is processed. Call before {@link #start()}. */
    public void restore(Collection<Incident> incidents) {
        if (writer.isAlive()) {
            throw new IllegalStateException("restore before start");
        }
        incidents.forEach(engine::put);
        openCount = engine.openCount();
    }

    public Correlator start() {
        writer.start();
        return this;
    }

    public CompletableFuture<List<IncidentChange>> submit(List<Event> events) {
        var cmd = new Batch(List.copyOf(events), new CompletableFuture<>());
        enqueue(cmd);
        return cmd.done;
    }

    /**
     * Moves an incident to {@code target}. Refused with {@link StaleVersionException} when {@code expectedVersion}
     * is not the current version, with {@link org.vigie.core.model.IllegalTransitionException} when the life
     * cycle forbids the move, and with {@link java.util.NoSuchElementException} when there is no such incident.
     * Listeners run before the change is committed: if one fails (the store is down), nothing changes.
     */
    @Override
    public CompletableFuture<Incident> decide(IncidentId id, long expectedVersion, IncidentStatus target, Verdict verdict) {
        var cmd = new Decide(id, expectedVersion, target, verdict, new CompletableFuture<>());
        enqueue(cmd);
        return cmd.done;
    }

    /**
     * Merges incidents as an operator ordered. Completes with the changes made: one {@code ABSORBED} per other
     * incident, then the survivor's {@code MERGED}. Refused like {@link #decide} (stale version, no such
     * incident, a listener failing), and with {@link RegroupingRefusedException} when the incidents do not allow
     * it.
     */
    @Override
    public CompletableFuture<List<IncidentChange>> merge(MergeOrder order) {
        var cmd = new Merge(order, new CompletableFuture<>());
        enqueue(cmd);
        return cmd.done;
    }

    /**
     * Splits an incident as an operator ordered. Completes with the changes made: the source's {@code SPLIT},
     * the new incident's {@code OPENED} and its {@code STATUS_CHANGED} to acknowledged. Refused like
     * {@link #merge}.
     */
    @Override
    public CompletableFuture<List<IncidentChange>> split(SplitOrder order) {
        var cmd = new Split(order, new CompletableFuture<>());
        enqueue(cmd);
        return cmd.done;
    }

    /** Estimates of source reliability, as the correlator uses them now. */
    @Override
    public Reliabilities reliabilities() {
        return engine.triage().reliabilities();
    }

    /** A consistent copy of the working set, taken on the writer thread. */
    public CompletableFuture<List<Incident>> snapshot() {
        var cmd = new Snapshot(new CompletableFuture<>());
        enqueue(cmd);
        return cmd.done;
    }

    @Override
    public int queueDepth() {
        return queue.size();
    }

    @Override
    public long eventsProcessed() {
        return eventsProcessed.get();
    }

    @Override
    public long listenerFailures() {
        return listenerFailures.get();
    }

    @Override
    public int openIncidentCount() {
        return openCount;
    }

    @Override
    public boolean isRunning() {
        return writer.isAlive() && !closing;
    }

    private void enqueue(Command cmd) {
        lifecycle.readLock().lock();
        try {
            if (closing) {
                throw new IllegalStateException("correlator is shut down");
            }
            queue.put(cmd);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing for the correlator", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private sealed interface Command permits Batch, Decide, Merge, Split, Snapshot, Stop {
    }

    private record Merge(MergeOrder order, CompletableFuture<List<IncidentChange>> done) implements Command {
    }

    private record Split(SplitOrder order, CompletableFuture<List<IncidentChange>> done) implements Command {
    }

    private record Batch(List<Event> events, CompletableFuture<List<IncidentChange>> done) implements Command {
    }

    private record Decide(IncidentId id, long expectedVersion, IncidentStatus target, Verdict verdict,
                          CompletableFuture<Incident> done) implements Command {
    }

    private record Snapshot(CompletableFuture<List<Incident>> done) implements Command {
    }

    private record Stop() implements Command {
    }

    private void run() {
        while (true) {
            Command cmd;
            try {
                cmd = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                switch (cmd) {
                    case Batch b -> runBatches(b);
                    case Decide d -> runDecide(d);
                    case Merge m -> runRegrouping(m.done, () -> mergeChanges(m.order));
                    case Split s -> runRegrouping(s.done, () -> splitChanges(s.order));
                    case Snapshot s -> s.done.complete(engine.openIncidents());
                    case Stop s -> {
                        return;
                    }
                }
            } catch (RuntimeException | Error e) {
                LOG.error("correlator command failed", e);
            }
            openCount = engine.openCount();
        }
    }

    private void runBatches(Batch first) {
        var batches = new ArrayList<Batch>();
        batches.add(first);
        int total = first.events.size();
        while (total < MAX_MERGED_EVENTS && queue.peek() instanceof Batch next) {
            queue.poll();
            batches.add(next);
            total += next.events.size();
        }
        var events = new ArrayList<Event>(total);
        batches.forEach(b -> events.addAll(b.events));
        List<IncidentChange> changes;
        try {
            changes = engine.process(events);
        } catch (RuntimeException e) {
            batches.forEach(b -> b.done.completeExceptionally(e));
            throw e;
        }
        eventsProcessed.addAndGet(total);
        // Before the futures complete, so a sender that waited on one reads a count that includes its batch.
        openCount = engine.openCount();
        RuntimeException failure = notifyListeners(changes);
        if (failure != null) {
            // A listener (the store) did not record these changes. Go back to what the store holds, so memory
            // and store agree again; the events stay stored without an incident, and recovery at the next
            // start correlates them.
            for (IncidentChange c : changes) {
                IncidentId id = c.incident().id();
                archive.apply(id).ifPresentOrElse(engine::put, () -> engine.forget(id));
            }
            openCount = engine.openCount();
            batches.forEach(b -> b.done.completeExceptionally(failure));
            return;
        }
        batches.forEach(b -> b.done.complete(changes));
    }

    private void runDecide(Decide d) {
        try {
            Incident current = current(d.id, d.expectedVersion);
            Incident next = current.transition(d.target, d.verdict);
            tellOrFail(List.of(new IncidentChange(IncidentChange.Kind.STATUS_CHANGED, next, List.of(), current.version())));
            if (engine.find(d.id).isPresent()) {
                engine.put(next); // an incident evicted from the working set stays out: no event can join it
            }
            if (Reliabilities.counts(next.status())) {
                engine.triage().reliabilities().record(next);
            }
            openCount = engine.openCount();
            d.done.complete(next);
        } catch (RuntimeException | Error e) {
            // An Error from a listener must reach the caller too, or it would wait on the future forever.
            d.done.completeExceptionally(e);
        }
    }

    /** The incident as it is now, if the operator saw this version of it. */
    private Incident current(IncidentId id, long expectedVersion) {
        Incident current = engine.find(id).or(() -> archive.apply(id))
                .orElseThrow(() -> new java.util.NoSuchElementException("no incident " + id));
        if (current.version() != expectedVersion) {
            throw new StaleVersionException(id, expectedVersion, current.version());
        }
        return current;
    }

    /**
     * Listeners in order, stopping at the first failure: the store comes first, and a change it did not record
     * must not be shown to anyone as made.
     */
    private void tellOrFail(List<IncidentChange> changes) {
        for (IncidentListener l : listeners) {
            try {
                l.onChanges(changes);
            } catch (RuntimeException | Error e) {
                listenerFailures.incrementAndGet();
                throw e;
            }
        }
    }

    private List<IncidentChange> mergeChanges(MergeOrder order) {
        Incident into = current(order.into(), order.expectedVersion());
        var others = new ArrayList<Incident>(order.others().size());
        for (IncidentId id : order.others()) {
            Long seen = order.otherVersions().get(id);
            others.add(seen == null ? engine.find(id).or(() -> archive.apply(id))
                    .orElseThrow(() -> new java.util.NoSuchElementException("no incident " + id)) : current(id, seen));
        }
        return engine.mergeByOperator(into, others, order.by(), order.at(), order.reason());
    }

    private List<IncidentChange> splitChanges(SplitOrder order) {
        Incident from = current(order.from(), order.expectedVersion());
        return engine.splitByOperator(from, events.apply(from.eventIds()), order.events(), order.type(), order.by(),
                order.at(), order.reason());
    }

    /** Computes an operator's regrouping, has the listeners record it, then applies it to memory. */
    private void runRegrouping(CompletableFuture<List<IncidentChange>> done,
                               java.util.function.Supplier<List<IncidentChange>> compute) {
        try {
            List<IncidentChange> changes = compute.get();
            tellOrFail(changes);
            changes.forEach(c -> engine.adopt(c.incident()));
            openCount = engine.openCount();
            done.complete(changes);
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
        }
    }

    /** Tells every listener; returns the first failure (after telling the others), or null. */
    private RuntimeException notifyListeners(List<IncidentChange> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        RuntimeException first = null;
        for (IncidentListener l : listeners) {
            try {
                l.onChanges(changes);
            } catch (RuntimeException | Error e) {
                listenerFailures.incrementAndGet();
                LOG.error("incident listener {} failed on {} changes", l, changes.size(), e);
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                }
            }
        }
        return first;
    }

    /** Applies everything already queued, then stops the writer thread. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closing) {
                return;
            }
            queue.put(new Stop());
            closing = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            lifecycle.writeLock().unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
