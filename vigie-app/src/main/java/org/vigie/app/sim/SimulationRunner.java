package org.vigie.app.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.model.Event;

/**
 * Drives a {@link CitySimulator} against the clock on its own thread: simulated time is the simulator's start
 * plus {@code speed} times the elapsed time, but never beyond the clock's now, so a replay that catches up
 * with the present goes on at speed 1 and no event is ever dated in the future. Every tick hands the new
 * events, if any, to the sink on the runner's thread.
 */
public final class SimulationRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulationRunner.class);
    static final Duration TICK = Duration.ofMillis(250);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final CitySimulator sim;
    private final double speed;
    private final InstantSource clock;
    private final Consumer<List<Event>> sink;
    // A latch rather than an interrupt: interrupting a sink that writes to a database or a file channel
    // could close the channel under it.
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong emitted = new AtomicLong();
    private volatile Instant simulatedNow;
    private Thread thread;

    public SimulationRunner(CitySimulator sim, double speed, InstantSource clock, Consumer<List<Event>> sink) {
        if (!(speed > 0 && Double.isFinite(speed))) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        this.sim = Objects.requireNonNull(sim, "sim");
        this.speed = speed;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.simulatedNow = sim.horizon();
    }

    public synchronized SimulationRunner start() {
        if (thread != null || stop.getCount() == 0) {
            throw new IllegalStateException("a simulation runner starts once");
        }
        Instant realStart = clock.instant();
        Instant simStart = sim.horizon();
        thread = Thread.ofPlatform().name("vigie-simulator").daemon(true).start(() -> run(realStart, simStart));
        return this;
    }

    /** The simulated clock: every event before it has been handed to the sink. */
    public Instant simulatedNow() {
        return simulatedNow;
    }

    public long eventsEmitted() {
        return emitted.get();
    }

    /** Stops the runner and returns once its last batch has been handed over. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stop.countDown();
            running = thread;
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (running.isAlive()) {
            try {
                running.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Instant realStart, Instant simStart) {
        log.info("simulating from {} at {}x", simStart, speed);
        long lastProgress = System.nanoTime();
        do {
            Instant now = clock.instant();
            double elapsedSeconds = Duration.between(realStart, now).toNanos() / 1e9;
            Instant target = simStart.plusNanos((long) Math.min(elapsedSeconds * speed * 1e9, Long.MAX_VALUE));
            if (target.isAfter(now)) {
                target = now;
            }
            List<Event> batch;
            try {
                batch = sim.advanceTo(target, now);
            } catch (RuntimeException e) {
                log.error("the simulator failed at {}; no more simulated events", simulatedNow, e);
                return;
            }
            if (!batch.isEmpty()) {
                try {
                    sink.accept(batch);
                    emitted.addAndGet(batch.size());
                } catch (RuntimeException e) {
                    // A demo should survive a sink that refuses one batch; the events are lost, not retried.
                    log.warn("{} simulated events were refused", batch.size(), e);
                }
            }
            // Published only once the batch is handed over, so a reader never sees a clock ahead of its events.
            simulatedNow = sim.horizon();
            if (System.nanoTime() - lastProgress >= PROGRESS_EVERY_NANOS) {
                lastProgress = System.nanoTime();
                log.info("simulated clock {}: {} situations, {} events", simulatedNow, sim.situationsGenerated(),
                        emitted.get());
            }
        } while (!stopRequested());
        log.info("simulator stopped at {} after {} events", simulatedNow, emitted.get());
    }

    private boolean stopRequested() {
        try {
            return stop.await(TICK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
