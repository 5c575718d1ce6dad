package org.vigie.app.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.City;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;

class SimulationRunnerTest {
    private static final City CITY = Marseille.approximateCity();
    private static final Instant NOW = Instant.parse("2025-06-14T18:00:00Z");

    /** A clock that only moves when the test says so. */
    private static final class FakeClock implements InstantSource {
        private volatile Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void replaysAtSpeedThenFollowsTheClockAndNeverRunsAhead() {
        var clock = new FakeClock(NOW);
        Instant simStart = NOW.minus(Duration.ofHours(1));
        var violations = new CopyOnWriteArrayList<Event>();
        var batches = new AtomicInteger();
        var runner = new SimulationRunner(new CitySimulator(CITY, 7, simStart), 60, clock, batch -> {
            batches.incrementAndGet();
            Instant now = clock.instant();
            batch.stream().filter(e -> e.occurredAt().isAfter(now)).forEach(violations::add);
        });
        try (runner) {
            runner.start();
            clock.advance(Duration.ofSeconds(10));
            await(() -> runner.simulatedNow().equals(simStart.plus(Duration.ofMinutes(10))));
            assertThat(runner.eventsEmitted()).as("the early gunshot cluster").isPositive();

            for (int i = 0; i < 100; i++) { // 100 × 30 s: the replay catches up with the clock after 61 s
                clock.advance(Duration.ofSeconds(30));
                assertThat(runner.simulatedNow()).isBeforeOrEqualTo(clock.instant());
                sleep(5);
            }
            await(() -> runner.simulatedNow().equals(clock.instant()));
        }
        int batchesAtClose = batches.get();
        long emittedAtClose = runner.eventsEmitted();
        sleep(3 * SimulationRunner.TICK.toMillis());
        clock.advance(Duration.ofHours(1));
        sleep(3 * SimulationRunner.TICK.toMillis());

        assertThat(violations).isEmpty();
        assertThat(emittedAtClose).isGreaterThan(50);
        assertThat(batches.get()).as("no batch after close").isEqualTo(batchesAtClose);
        assertThat(runner.eventsEmitted()).isEqualTo(emittedAtClose);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("vigie-simulator"));
    }

    @Test
    void aSimulationThatStartsLaterWaitsForTheClock() {
        var clock = new FakeClock(NOW);
        var sim = new CitySimulator(CITY, 7, NOW.plus(Duration.ofHours(1)));
        var emitted = new CopyOnWriteArrayList<List<Event>>();
        try (var runner = new SimulationRunner(sim, 1000, clock, emitted::add).start()) {
            sleep(3 * SimulationRunner.TICK.toMillis());
            assertThat(emitted).isEmpty();
            assertThat(runner.simulatedNow()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        }
    }

    @Test
    void aFailingSinkDoesNotStopTheSimulation() {
        var clock = new FakeClock(NOW);
        var calls = new AtomicInteger();
        var sim = new CitySimulator(CITY, 7, NOW.minus(Duration.ofHours(2)));
        try (var runner = new SimulationRunner(sim, 600, clock, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("store busy");
            }
        }).start()) {
            clock.advance(Duration.ofSeconds(5));
            await(() -> calls.get() == 1);
            long refused = runner.eventsEmitted();
            clock.advance(Duration.ofSeconds(5));
            await(() -> calls.get() >= 2 && runner.simulatedNow().equals(NOW.minus(Duration.ofMinutes(20))));
            assertThat(refused).as("refused events are not counted").isZero();
            assertThat(runner.eventsEmitted()).isPositive();
        }
    }

    @Test
    void startsOnceAndClosesEvenIfNeverStarted() {
        var sim = new CitySimulator(CITY, 7, NOW);
        new SimulationRunner(sim, 60, () -> NOW, batch -> { }).close();
        var runner = new SimulationRunner(sim, 60, () -> NOW, batch -> { }).start();
        assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class);
        runner.close();
        runner.close();
        assertThatThrownBy(() -> new SimulationRunner(sim, 0, () -> NOW, batch -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
