package org.vigie.core.anomaly;

import java.time.Duration;

/**
 * How anomaly baselines are built and tested; see {@link Baseline} for the estimate and {@link AnomalyDetector} for
 * the test.
 *
 * @param weeks             trailing weeks a baseline is estimated from (1..52)
 * @param minHistory        no alarm until this much history has been seen (cold start), at most {@code weeks}
 * @param falseAlarmsPerDay bound on the expected number of false alarms per day over all zones and types together,
 *                          when counts follow their baselines
 * @param minCount          fewest events in one hour that can be an anomaly; at least 2, so a single event never is
 * @param minExpected       floor of an expected hourly count, so that a zone and type never seen before does not
 *                          make two or three events astronomically unlikely
 */
public record AnomalySettings(int weeks, Duration minHistory, double falseAlarmsPerDay, int minCount,
                              double minExpected) {
    public AnomalySettings {
        if (weeks < 1 || weeks > 52) {
            throw new IllegalArgumentException("weeks must be 1..52, got " + weeks);
        }
        if (minHistory.isNegative() || minHistory.compareTo(Duration.ofDays(7L * weeks)) > 0) {
            throw new IllegalArgumentException("min-history must be between 0 and the " + weeks + " week(s) of the "
                    + "baseline, got " + (minHistory.toHours() % 24 == 0 ? minHistory.toDays() + "d" : minHistory));
        }
        if (!(falseAlarmsPerDay > 0 && falseAlarmsPerDay <= 24)) {
            throw new IllegalArgumentException("false-alarms-per-day must be in (0, 24], got " + falseAlarmsPerDay);
        }
        if (minCount < 2) {
            throw new IllegalArgumentException("min-count must be at least 2 (one event is never an anomaly), got "
                    + minCount);
        }
        if (!(minExpected > 0 && minExpected <= 10)) {
            throw new IllegalArgumentException("min-expected must be in (0, 10] events per hour, got " + minExpected);
        }
    }

    public static AnomalySettings defaults() {
        return new AnomalySettings(8, Duration.ofDays(14), 1.0, 3, 0.02);
    }

    public AnomalySettings withWeeks(int w) {
        return new AnomalySettings(w, minHistory.compareTo(Duration.ofDays(7L * w)) > 0 ? Duration.ofDays(7L * w)
                : minHistory, falseAlarmsPerDay, minCount, minExpected);
    }

    public AnomalySettings withMinHistory(Duration d) {
        return new AnomalySettings(weeks, d, falseAlarmsPerDay, minCount, minExpected);
    }

    public AnomalySettings withFalseAlarmsPerDay(double f) {
        return new AnomalySettings(weeks, minHistory, f, minCount, minExpected);
    }

    public AnomalySettings withMinCount(int c) {
        return new AnomalySettings(weeks, minHistory, falseAlarmsPerDay, c, minExpected);
    }

    public AnomalySettings withMinExpected(double m) {
        return new AnomalySettings(weeks, minHistory, falseAlarmsPerDay, minCount, m);
    }
}
