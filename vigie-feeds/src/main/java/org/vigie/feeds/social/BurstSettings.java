package org.vigie.feeds.social;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How bursts of posts are found; see {@link BurstDetector} for the test.
 *
 * @param window            posts are counted per cell × topic in windows of this length (5 min .. 6 h)
 * @param minAuthors        k: a cell × topic with fewer distinct authors in a window is never reported, whatever its
 *                          count (privacy floor, and one account cannot make a burst); at least 2
 * @param falseAlarmsPerDay bound on the expected number of false bursts per day over all cells and topics, when
 *                          counts follow their baselines
 * @param halfLife          how fast the trailing baseline forgets: a count this old weighs half
 * @param minExpected       the rate of a topic never seen in a cell, per window: the prior of every baseline
 * @param priorWindows      how many windows of evidence that prior is worth
 * @param minHistory        no burst until this much time has been observed (cold start)
 * @param idleAfter         a cell × topic without a post for this long is forgotten (bounds memory)
 * @param maxSeries         hard bound on the cell × topic states held; the longest idle go first
 * @param topTerms          terms named in a gathering-risk event
 * @param zone              the city's time zone, for the hour-of-day rhythm of posting
 */
public record BurstSettings(Duration window, int minAuthors, double falseAlarmsPerDay, Duration halfLife,
                            double minExpected, double priorWindows, Duration minHistory, Duration idleAfter,
                            int maxSeries, int topTerms, ZoneId zone) {
    public BurstSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(halfLife, "halfLife");
        Objects.requireNonNull(minHistory, "minHistory");
        Objects.requireNonNull(idleAfter, "idleAfter");
        Objects.requireNonNull(zone, "zone");
        if (window.compareTo(Duration.ofMinutes(5)) < 0 || window.compareTo(Duration.ofHours(6)) > 0) {
            throw new IllegalArgumentException("window must be 5 min .. 6 h, got " + window);
        }
        if (Duration.ofDays(1).toSeconds() % window.toSeconds() != 0) {
            throw new IllegalArgumentException("window must divide a day evenly, got " + window);
        }
        if (minAuthors < 2) {
            throw new IllegalArgumentException("min-authors (k) must be at least 2, got " + minAuthors);
        }
        if (!(falseAlarmsPerDay > 0 && falseAlarmsPerDay <= 100)) {
            throw new IllegalArgumentException("false-alarms-per-day must be in (0, 100], got " + falseAlarmsPerDay);
        }
        if (halfLife.compareTo(window) < 0) {
            throw new IllegalArgumentException("half-life must be at least one window, got " + halfLife);
        }
        if (!(minExpected > 0 && minExpected <= 10)) {
            throw new IllegalArgumentException("min-expected must be in (0, 10] posts per window, got " + minExpected);
        }
        if (!(priorWindows >= 1 && priorWindows <= 10_000)) {
            throw new IllegalArgumentException("prior-windows must be in [1, 10000], got " + priorWindows);
        }
        if (minHistory.isNegative()) {
            throw new IllegalArgumentException("min-history must not be negative, got " + minHistory);
        }
        if (idleAfter.compareTo(window) < 0) {
            throw new IllegalArgumentException("idle-after must be at least one window, got " + idleAfter);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("max-series must be at least 1, got " + maxSeries);
        }
        if (topTerms < 1 || topTerms > 20) {
            throw new IllegalArgumentException("top-terms must be 1..20, got " + topTerms);
        }
    }

    /** 15-minute windows, k = 5, one false alarm a day, a three-day half-life, a day of warm-up. */
    public static BurstSettings defaults() {
        return new BurstSettings(Duration.ofMinutes(15), 5, 1.0, Duration.ofDays(3), 0.02, 96, Duration.ofDays(1),
                Duration.ofDays(7), 500_000, 5, ZoneId.of("Europe/Paris"));
    }

    public BurstSettings withMinAuthors(int k) {
        return new BurstSettings(window, k, falseAlarmsPerDay, halfLife, minExpected, priorWindows, minHistory,
                idleAfter, maxSeries, topTerms, zone);
    }

    public BurstSettings withFalseAlarmsPerDay(double f) {
        return new BurstSettings(window, minAuthors, f, halfLife, minExpected, priorWindows, minHistory, idleAfter,
                maxSeries, topTerms, zone);
    }

    public BurstSettings withMinHistory(Duration d) {
        return new BurstSettings(window, minAuthors, falseAlarmsPerDay, halfLife, minExpected, priorWindows, d,
                idleAfter, maxSeries, topTerms, zone);
    }

    public BurstSettings withMaxSeries(int n) {
        return new BurstSettings(window, minAuthors, falseAlarmsPerDay, halfLife, minExpected, priorWindows, minHistory,
                idleAfter, n, topTerms, zone);
    }

    public BurstSettings withIdleAfter(Duration d) {
        return new BurstSettings(window, minAuthors, falseAlarmsPerDay, halfLife, minExpected, priorWindows, minHistory,
                d, maxSeries, topTerms, zone);
    }

    public long windowsPerDay() {
        return Duration.ofDays(1).toSeconds() / window.toSeconds();
    }
}
