package org.vigie.feeds.telecom;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.vigie.core.anomaly.Baseline;
import org.vigie.core.anomaly.LocalHours;
import org.vigie.core.anomaly.Zone;

/**
 * Expected presence per zone × local hour of the week, and the hours that depart from it.
 *
 * <h2>Hours</h2>
 * Slots (at most an hour) are folded into local hours: an hour's presence is the time-weighted mean of its slots'
 * counts (presence is a stock, so a 15-minute feed is averaged, not summed). An hour whose slots were all suppressed
 * or missing is unknown, not zero: it joins neither the history nor the tests.
 *
 * <h2>Expected presence</h2>
 * The trailing {@code weeks} of a zone's hours go through the anomaly baselines' estimator ({@link Baseline}:
 * hour-of-week means shrunk toward the hour of the day and the zone's mean, past bursts clipped). That estimator
 * reasons in Poisson counts, while device counts vary far more than Poisson from week to week; so each zone's
 * counts are first expressed in units of s = max(1, mean / 100) devices, which makes its typical hour about a hundred
 * units and the clipping catch only real outliers, and λ is scaled back by s.
 *
 * <h2>Departure</h2>
 * The zone's over-dispersion φ = mean over its history of (c − λ)²/λ (at least 1) gives
 * <pre>  z = (x − λ) / √(φ·λ)</pre>
 * With F = {@code falseAlarmsPerDay} and N zones observed in the hour, the hour departs when
 * |z| ≥ z_α, P(|Z| ≥ z_α) = F / (24·N) (Bonferroni, two-sided: at most F false departures a day when presence
 * follows its baseline with that dispersion), and also x/λ ≥ {@code minRatio} or ≤ 1/{@code minRatio}. A zone is
 * tested once it has {@code minHistory} of history.
 *
 * <p>Time comes from the data and {@link #advanceTo} only. Not thread-safe: one owner feeds it.
 */
public final class PresenceDetector {
    /** Counters since the detector was made. */
    public record Stats(long slots, long late, long hoursClosed, long tests, long departures, int zones) {
    }

    private static final Duration BASELINE_REFRESH = Duration.ofHours(24);
    /** The typical hourly count, in units of s devices, that the Poisson estimator sees. */
    private static final double UNIT_TARGET = 100;

    private static final class ZoneSeries {
        final Zone zone;
        /** Closed hours: start → {presence in devices (rounded), hour of week}. */
        final TreeMap<Instant, int[]> history = new TreeMap<>();
        /** Open hours: start → {device-seconds, seconds}. */
        final TreeMap<Instant, double[]> open = new TreeMap<>();
        Instant firstHour;
        Baseline baseline;
        double scale;
        double dispersion;
        Instant baselineAt;

        ZoneSeries(Zone zone) {
            this.zone = zone;
        }
    }

    private final PresenceSettings settings;
    private final LocalHours hours;
    private final Duration window;
    private final Map<String, ZoneSeries> zones = new HashMap<>();
    private final TreeMap<Instant, List<ZoneSeries>> openHours = new TreeMap<>();
    private Instant cursor;
    private long slots;
    private long late;
    private long hoursClosed;
    private long tests;
    private long departures;

    public PresenceDetector(PresenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hours = new LocalHours(settings.timeZone());
        this.window = Duration.ofDays(7L * settings.baseline().weeks());
    }

    public PresenceSettings settings() {
        return settings;
    }

    /** Adds one slot's count to the local hour it falls in. */
    public void observe(PresenceCount c) {
        if (c.devices() < settings.minDevices()) {
            throw new IllegalArgumentException("counts under k never reach the detector");
        }
        Instant hour = hours.start(c.slotStart());
        if (cursor != null && hour.isBefore(cursor)) {
            late++;
            return;
        }
        slots++;
        ZoneSeries z = zones.computeIfAbsent(c.zone().id(), id -> new ZoneSeries(c.zone()));
        if (z.firstHour == null || hour.isBefore(z.firstHour)) {
            z.firstHour = hour;
        }
        double[] acc = z.open.get(hour);
        if (acc == null) {
            acc = new double[2];
            z.open.put(hour, acc);
            openHours.computeIfAbsent(hour, h -> new ArrayList<>()).add(z);
        }
        double seconds = c.slot().toSeconds();
        acc[0] += c.devices() * seconds;
        acc[1] += seconds;
    }

    /** Closes and tests every hour that ends at or before {@code watermark}; departures by hour, then zone id. */
    public List<PresenceDeparture> advanceTo(Instant watermark) {
        var found = new ArrayList<PresenceDeparture>();
        while (!openHours.isEmpty()) {
            Instant hour = openHours.firstKey();
            Instant end = hours.next(hour);
            if (end.isAfter(watermark)) {
                break;
            }
            close(hour, end, openHours.remove(hour), found);
            cursor = end;
        }
        if (cursor == null || watermark.isAfter(cursor)) {
            Instant w = hours.start(watermark);
            cursor = cursor == null || w.isAfter(cursor) ? w : cursor;
        }
        return found;
    }

    private void close(Instant hour, Instant end, List<ZoneSeries> series, List<PresenceDeparture> found) {
        hoursClosed++;
        int how = hours.hourOfWeek(hour);
        int n = series.size();
        double alpha = settings.baseline().falseAlarmsPerDay() / (24.0 * n);
        double zAlpha = Normal.quantileAbove(alpha / 2);
        series.sort(Comparator.comparing(s -> s.zone.id()));
        for (ZoneSeries z : series) {
            double[] acc = z.open.remove(hour);
            double presence = acc[0] / acc[1];
            boolean warm = Duration.between(z.firstHour, hour).compareTo(settings.baseline().minHistory()) >= 0;
            if (warm && !z.history.isEmpty()) {
                tests++;
                refresh(z, hour);
                double lambda = z.baseline.expected(how) * z.scale;
                double zScore = (presence - lambda) / Math.sqrt(z.dispersion * lambda);
                double ratio = presence / lambda;
                if (Math.abs(zScore) >= zAlpha && (ratio >= settings.minRatio() || ratio <= 1 / settings.minRatio())) {
                    found.add(new PresenceDeparture(z.zone, hour, end, how, presence, lambda, zScore, zAlpha, n));
                    departures++;
                }
            }
            z.history.put(hour, new int[] {(int) Math.min(Integer.MAX_VALUE, Math.round(presence)), how});
            z.history.headMap(hour.minus(window)).clear();
        }
    }

    /** Re-estimated at most once a day: baselines move slowly. */
    private void refresh(ZoneSeries z, Instant hour) {
        if (z.baseline != null && Duration.between(z.baselineAt, hour).compareTo(BASELINE_REFRESH) < 0) {
            return;
        }
        int size = z.history.size();
        double mean = 0;
        for (int[] h : z.history.values()) {
            mean += h[0];
        }
        mean /= size;
        double scale = Math.max(1, mean / UNIT_TARGET);
        int[] counts = new int[size];
        int[] hows = new int[size];
        int[] hoursPerHow = new int[LocalHours.HOURS_PER_WEEK];
        int i = 0;
        for (int[] h : z.history.values()) {
            counts[i] = (int) Math.round(h[0] / scale);
            hows[i] = h[1];
            hoursPerHow[h[1]]++; // only the hours observed: a missing hour is unknown, not empty
            i++;
        }
        Baseline b = Baseline.estimate(counts, hows, size, hoursPerHow, settings.baseline().minExpected());
        double sum = 0;
        for (int[] h : z.history.values()) {
            double lambda = b.expected(h[1]) * scale;
            sum += (h[0] - lambda) * (h[0] - lambda) / lambda;
        }
        z.baseline = b;
        z.scale = scale;
        z.dispersion = Math.max(1, sum / size);
        z.baselineAt = hour;
    }

    public Stats stats() {
        return new Stats(slots, late, hoursClosed, tests, departures, zones.size());
    }
}
