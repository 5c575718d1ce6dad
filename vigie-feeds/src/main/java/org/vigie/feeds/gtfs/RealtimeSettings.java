package org.vigie.feeds.gtfs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How readily GTFS-Realtime documents become events. The defaults are conservative: a normal feed gives alerts
 * that are active and almost nothing else.
 *
 * @param stoppedFactor        a vehicle standing still between two stops is reported once it has stood this many
 *                             times the usual run time of that stretch…
 * @param stoppedMinimum       …and at least this long (a red light, a crossing train or a short hold is not news)
 * @param stillRadiusMeters    moves within this radius are GPS noise, not movement
 * @param atStopRadiusMeters   a vehicle this close to a stop is dwelling at it (and at a terminus, laying over)
 * @param offRouteMeters       a vehicle farther than this from its route's line between stops (a depot, a detour)
 *                             is not judged
 * @param maxObservationGap    two positions further apart in time say nothing about what happened in between
 * @param delayThreshold       a trip at least this late gives an event; zero turns delay events off
 * @param maxStationsPerAlert  an alert on more stations than this gives one event over the whole area instead of
 *                             one per station
 * @param languages            preferred languages of alert texts, best first
 */
public record RealtimeSettings(double stoppedFactor, Duration stoppedMinimum, double stillRadiusMeters,
                               double atStopRadiusMeters, double offRouteMeters, Duration maxObservationGap,
                               Duration delayThreshold, int maxStationsPerAlert, List<String> languages) {
    public RealtimeSettings {
        Objects.requireNonNull(stoppedMinimum, "stoppedMinimum");
        Objects.requireNonNull(maxObservationGap, "maxObservationGap");
        Objects.requireNonNull(delayThreshold, "delayThreshold");
        languages = List.copyOf(languages);
        if (!(stoppedFactor >= 1 && stoppedFactor <= 100)) {
            throw new IllegalArgumentException("stoppedFactor must be between 1 and 100, got " + stoppedFactor);
        }
        if (stoppedMinimum.compareTo(Duration.ofMinutes(1)) < 0 || stoppedMinimum.compareTo(Duration.ofHours(6)) > 0) {
            throw new IllegalArgumentException("stoppedMinimum must be between 1 min and 6 h, got " + stoppedMinimum);
        }
        if (!(stillRadiusMeters > 0 && stillRadiusMeters <= 500 && atStopRadiusMeters >= 0 && atStopRadiusMeters <= 1000
                && offRouteMeters > 0 && offRouteMeters <= 5000)) {
            throw new IllegalArgumentException("radii must be positive and at most 500 m (still), 1000 m (at stop),"
                    + " 5000 m (off route)");
        }
        if (maxObservationGap.isNegative() || maxObservationGap.isZero()) {
            throw new IllegalArgumentException("maxObservationGap must be positive");
        }
        if (delayThreshold.isNegative() || (!delayThreshold.isZero() && delayThreshold.compareTo(Duration.ofMinutes(1)) < 0)) {
            throw new IllegalArgumentException("delayThreshold must be zero (off) or at least 1 min, got " + delayThreshold);
        }
        if (maxStationsPerAlert < 1 || maxStationsPerAlert > 1000) {
            throw new IllegalArgumentException("maxStationsPerAlert must be between 1 and 1000, got " + maxStationsPerAlert);
        }
    }

    public static RealtimeSettings defaults() {
        return new RealtimeSettings(5, Duration.ofMinutes(10), 30, 50, 150, Duration.ofMinutes(5),
                Duration.ofMinutes(30), 40, List.of("fr", "en"));
    }

    public RealtimeSettings withStopped(double factor, Duration minimum) {
        return new RealtimeSettings(factor, minimum, stillRadiusMeters, atStopRadiusMeters, offRouteMeters,
                maxObservationGap, delayThreshold, maxStationsPerAlert, languages);
    }

    public RealtimeSettings withDelayThreshold(Duration threshold) {
        return new RealtimeSettings(stoppedFactor, stoppedMinimum, stillRadiusMeters, atStopRadiusMeters, offRouteMeters,
                maxObservationGap, threshold, maxStationsPerAlert, languages);
    }

    public RealtimeSettings withMaxStationsPerAlert(int max) {
        return new RealtimeSettings(stoppedFactor, stoppedMinimum, stillRadiusMeters, atStopRadiusMeters, offRouteMeters,
                maxObservationGap, delayThreshold, max, languages);
    }

    public RealtimeSettings withLanguages(List<String> preferred) {
        return new RealtimeSettings(stoppedFactor, stoppedMinimum, stillRadiusMeters, atStopRadiusMeters, offRouteMeters,
                maxObservationGap, delayThreshold, maxStationsPerAlert, preferred);
    }
}
