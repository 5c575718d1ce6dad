package org.vigie.app.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.SourceKind;

/**
 * Sends a {@link CityLoad} to a {@link LoadTarget} batch after batch, each as soon as the previous one was
 * acknowledged, and measures what the target made of it:
 * <ul>
 * <li>end-to-end latency of each event: wall time from the moment its batch was handed to the target to the
 * moment a visible incident change showed it as a member. In a simulation the event "occurs" when it is sent:
 * its simulated time is hours earlier, since the day is replayed faster than it passed;
 * <li>loss: events the target acknowledged that are neither in a visible incident nor in its store once it has
 * drained (processed everything, or the drain timeout passed). It must be 0.
 * </ul>
 * Latencies are kept for every event (eight bytes each), so that the percentiles are exact.
 */
public final class LoadRun {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Where the run stands, told on the sending thread each time a simulated hour is complete, and at the end. */
    public record Progress(Duration simulated, Duration period, Instant simulatedTime, long events,
                           double eventsPerSecond, long lag) {
    }

    private final CityLoad load;
    private final LoadTarget target;
    private final int batchSize;
    private final Duration drainTimeout;
    private final InstantSource clock;
    private final Consumer<Progress> progress;
    /** When each event still unseen in an incident was handed to the target (System.nanoTime). */
    private final Map<EventId, Long> unseen = new ConcurrentHashMap<>();
    private final Latencies latencies = new Latencies();
    private final AtomicLong opened = new AtomicLong();
    private boolean ran;

    /**
     * @param batchSize    events per batch
     * @param drainTimeout how long to wait, once everything was sent, for the target to process it
     * @param clock        stamps the events as received
     */
    public LoadRun(CityLoad load, LoadTarget target, int batchSize, Duration drainTimeout, InstantSource clock,
                   Consumer<Progress> progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one event, not " + batchSize);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("the drain timeout cannot be negative, got " + drainTimeout);
        }
        this.load = Objects.requireNonNull(load, "load");
        this.target = Objects.requireNonNull(target, "target");
        this.batchSize = batchSize;
        this.drainTimeout = drainTimeout;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Sends the whole period, waits for the target to drain, and counts. Runs once.
     *
     * @throws RuntimeException what the target threw when it refused a batch: the run stops there
     */
    public LoadSummary run() {
        if (ran) {
            throw new IllegalStateException("a load run runs once");
        }
        ran = true;
        target.onIncidentChange(this::seen);
        Duration period = Duration.between(load.start(), load.end());
        var bySource = new EnumMap<SourceKind, Long>(SourceKind.class);
        long events = 0;
        long hoursDone = 0;
        long started = System.nanoTime();
        for (List<Event> batch = load.next(batchSize, clock.instant()); !batch.isEmpty();
             batch = load.next(batchSize, clock.instant())) {
            long handedOver = System.nanoTime();
            for (Event e : batch) {
                unseen.put(e.id(), handedOver);
            }
            try {
                target.send(batch);
            } catch (RuntimeException e) {
                batch.forEach(ev -> unseen.remove(ev.id()));
                throw e;
            }
            events += batch.size();
            batch.forEach(e -> bySource.merge(e.source().kind(), 1L, Long::sum));
            Instant reached = batch.getLast().occurredAt();
            long hours = Duration.between(load.start(), reached).dividedBy(HOUR);
            if (hours > hoursDone) {
                hoursDone = hours;
                Duration simulated = HOUR.multipliedBy(hours);
                progress.accept(new Progress(simulated, period, load.start().plus(simulated), events,
                        events / seconds(started), target.lag()));
            }
        }
        long sent = System.nanoTime();
        progress.accept(new Progress(period, period, load.end(), events, events / seconds(started), target.lag()));
        long deadline = sent + drainTimeout.toNanos();
        boolean drained = drained();
        while (!drained && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
            drained = drained();
        }
        long finished = System.nanoTime();
        long lag = target.lag();
        Set<EventId> missing = Set.copyOf(unseen.keySet());
        int stored = target.storedAmong(missing).size();
        return new LoadSummary(events, load.situations(), bySource, latencies.summary(), opened.get(), lag,
                missing.size() - stored, stored, drained, (sent - started) / 1e9, (finished - started) / 1e9);
    }

    /** Every event sent is in an incident, and the target has nothing left to do. */
    private boolean drained() {
        return unseen.isEmpty() && target.lag() == 0;
    }

    private void seen(IncidentChange change) {
        long now = System.nanoTime();
        boolean ours = false;
        for (EventId id : change.addedEvents()) {
            Long handedOver = unseen.remove(id);
            if (handedOver != null) {
                latencies.add(now - handedOver);
                ours = true;
            }
        }
        if (ours && change.kind() == IncidentChange.Kind.OPENED) {
            opened.incrementAndGet();
        }
    }

    private static double seconds(long sinceNanos) {
        return Math.max(1e-9, (System.nanoTime() - sinceNanos) / 1e9);
    }

    /** Every latency, in nanoseconds; added to from the target's thread, read once at the end. */
    private static final class Latencies {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized LoadSummary.Latency summary() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return LoadSummary.Latency.of(sorted);
        }
    }
}
