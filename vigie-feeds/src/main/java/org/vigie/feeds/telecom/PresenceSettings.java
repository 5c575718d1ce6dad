package org.vigie.feeds.telecom;

import java.time.ZoneId;
import java.util.Objects;
import org.vigie.core.anomaly.AnomalySettings;

/**
 * How expected presence is estimated and when a departure from it is reported.
 *
 * @param baseline   the anomaly baselines' settings: trailing weeks, cold start ({@code minHistory}, per zone),
 *                   false alarms per day over all zones together, and the floor of an expected count
 * @param minDevices k: counts under it are suppressed on input ({@link PresenceCsv})
 * @param minRatio   a departure must also be at least this large as a ratio (presence ≥ ratio × expected, or ≤
 *                   expected / ratio), so that a statistically clear but small change in a busy zone is no event
 * @param timeZone   the city's: hours of the week are local
 */
public record PresenceSettings(AnomalySettings baseline, int minDevices, double minRatio, ZoneId timeZone) {
    public PresenceSettings {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(timeZone, "timeZone");
        if (minDevices < 2) {
            throw new IllegalArgumentException("k (min-devices) must be at least 2, got " + minDevices);
        }
        if (!(minRatio >= 1 && minRatio <= 100)) {
            throw new IllegalArgumentException("min-ratio must be in [1, 100], got " + minRatio);
        }
    }

    /** Eight weeks, two of warm-up, one false alarm a day, k = 5, departures of at least 30%. */
    public static PresenceSettings defaults() {
        return new PresenceSettings(AnomalySettings.defaults().withMinExpected(1), PresenceCsv.DEFAULT_MIN_DEVICES, 1.3,
                ZoneId.of("Europe/Paris"));
    }

    public PresenceSettings withMinDevices(int k) {
        return new PresenceSettings(baseline, k, minRatio, timeZone);
    }

    public PresenceSettings withBaseline(AnomalySettings b) {
        return new PresenceSettings(b, minDevices, minRatio, timeZone);
    }
}
