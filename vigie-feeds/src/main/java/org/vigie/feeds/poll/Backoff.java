package org.vigie.feeds.poll;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try again: the configured interval while the source answers; after {@code n} failures in a row a
 * random delay in {@code [d/2, d)} with {@code d = min(max, interval × 2^n)}. The jitter keeps many Vigie
 * processes (or connectors) from retrying a recovering server in step; the lower half is cut so the delay
 * still grows with every failure.
 */
public final class Backoff {
    private final Duration interval;
    private final Duration max;
    private final RandomGenerator random;

    /** @param max the longest pause after failures; raised to {@code interval} if smaller */
    public Backoff(Duration interval, Duration max, RandomGenerator random) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(max, "max");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.interval = interval;
        this.max = max.compareTo(interval) < 0 ? interval : max;
        this.random = Objects.requireNonNull(random, "random");
    }

    public Duration interval() {
        return interval;
    }

    public Duration max() {
        return max;
    }

    /** The pause before the next poll, given how many polls in a row have failed (0 after a success). */
    public Duration delay(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return interval;
        }
        long cap = max.toNanos();
        long d = interval.toNanos();
        for (int i = 0; i < consecutiveFailures && d < cap; i++) {
            d = d > cap / 2 ? cap : d * 2;
        }
        d = Math.min(d, cap);
        long half = d / 2;
        return Duration.ofNanos(half + (long) (random.nextDouble() * (d - half)));
    }
}
