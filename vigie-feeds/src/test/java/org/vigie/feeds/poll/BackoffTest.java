package org.vigie.feeds.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysGrowWithEachFailureStayWithinTheCapAndComeBackToTheInterval() {
        var random = new Random(7);
        for (int trial = 0; trial < 10_000; trial++) {
            Duration interval = Duration.ofMillis(1 + random.nextInt(120_000));
            Duration max = Duration.ofMillis(1 + random.nextInt(3_600_000));
            var backoff = new Backoff(interval, max, new Random(random.nextLong()));
            Duration cap = max.compareTo(interval) < 0 ? interval : max;
            assertThat(backoff.delay(0)).isEqualTo(interval);
            Duration previous = Duration.ZERO;
            for (int failures = 1; failures <= 70; failures++) {
                Duration d = backoff.delay(failures);
                BigInteger doubled = BigInteger.valueOf(interval.toNanos()).shiftLeft(failures);
                long step = doubled.min(BigInteger.valueOf(cap.toNanos())).longValueExact();
                assertThat(d.toNanos()).as("trial %d, %d failures", trial, failures).isBetween(step / 2, step);
                if (doubled.compareTo(BigInteger.valueOf(cap.toNanos())) <= 0) {
                    // Below the cap the lower half of each step is cut, so every failure waits longer than the last.
                    assertThat(d).isGreaterThan(previous);
                }
                previous = d;
            }
            assertThat(backoff.delay(0)).isEqualTo(interval);
        }
    }

    @Test
    void jitterSpreadsRetries() {
        var backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), new Random(1));
        var seen = new java.util.HashSet<Duration>();
        for (int i = 0; i < 100; i++) {
            seen.add(backoff.delay(3));
        }
        assertThat(seen).hasSizeGreaterThan(90);
        assertThat(seen).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(80)));
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), new Random()))
                .hasMessageContaining("interval must be positive");
    }
}
