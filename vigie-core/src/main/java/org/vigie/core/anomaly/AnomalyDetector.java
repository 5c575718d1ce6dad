package org.vigie.core.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * Finds hours in which a zone saw far more events of one type than usual. Feed it events (or hourly counts) and
 * advance its watermark; each local hour that the watermark has passed is closed, tested, then added to the
 * history its baselines are estimated from ({@link Baseline}: the trailing {@code weeks}, by zone, type and hour of
 * the week in the city's time zone).
 *
 * <h2>Test</h2>
 * In a closed hour, each zone × type series with k ≥ {@code minCount} events is tested against its baseline λ
 * with the Poisson upper tail p = P(X ≥ k | λ) ({@link PoissonTail}), averaged over the uncertainty left in λ by
 * the weeks it was estimated from ({@link Baseline#logPValue}; with a well-known λ this is the plain Poisson tail,
 * and it is never smaller for the counts that matter). With F = {@code falseAlarmsPerDay} and
 * N = the number of series known in that hour (those with an event in the window, or in the hour; series that
 * fell out of the window are forgotten once a day, which only makes N a little larger), the hour is an anomaly when
 * <pre>  p ≤ α = F / (24 · N)</pre>
 * Bonferroni: summed over the N tests of an hour the expected number of false alarms is at most N·α = F/24, so
 * at most F per day, however many zones and types there are. The bound holds exactly when counts are Poisson at
 * their baselines (discrete p-values only make it more conservative); the error in an estimated λ is what the
 * averaging over its uncertainty is for. On seeded streams with weekly rhythms (AnomalyDetectorTest), sparse to
 * busy, false alarms stayed between a tenth and three quarters of F per day. No hour is tested before {@code minHistory} of history has been
 * closed (cold start), and a single event is never an anomaly.
 *
 * <h2>Time</h2>
 * History starts at the first hour observed (or {@link #startAt}); every hour from there on counts, with zero for
 * the series that had no event. An event for an hour already closed is late: it joins the history but its hour
 * is not tested again. Results do not depend on wall-clock time, only on the input, so a file gives the same
 * anomalies (and ids) on every run.
 *
 * <p>Not thread-safe: one owner feeds it (the live monitor serialises calls).
 */
public final class AnomalyDetector {
    /** What became of one observed event. */
    public enum Outcome {
        /** Counted in an hour not yet closed. */
        COUNTED,
        /** Its hour was already closed: it joins the baseline history but is not tested. */
        LATE,
        /** Before the first hour of history: not used. */
        BEFORE_HISTORY,
        /** Its position is in no zone (outside the city's districts). */
        OUTSIDE_ZONES,
        /** An anomaly or another fused signal, which must not feed the baselines it was derived from. */
        DERIVED
    }

    /** Counters since the detector was made. */
    public record Stats(long counted, long late, long beforeHistory, long outsideZones, long derived, long hoursClosed,
                        long hoursTested, long tests, long anomalies, int series) {
    }

    private record SeriesKey(String zone, EventType type) {
    }

    private static final Comparator<SeriesKey> KEY_ORDER = Comparator.comparing(SeriesKey::zone)
            .thenComparing(k -> k.type().jsonName());
    private static final Duration BASELINE_REFRESH = Duration.ofHours(24);

    private static final class Series {
        final Zone zone;
        /** Closed hours with at least one event: hour start → {count, hour of week}. */
        final TreeMap<Instant, int[]> history = new TreeMap<>();
        int pending;
        Baseline baseline;
        Instant baselineAt;

        Series(Zone zone) {
            this.zone = zone;
        }
    }

    private record ClosedHour(Instant start, int hourOfWeek) {
    }

    private final AnomalySettings settings;
    private final ZoneScheme zones;
    private final LocalHours hours;
    private final Duration window;
    private final long minHistoryHours;
    private final Map<SeriesKey, Series> series = new HashMap<>();
    private final TreeMap<Instant, Map<SeriesKey, Integer>> open = new TreeMap<>();
    private final ArrayDeque<ClosedHour> windowHours = new ArrayDeque<>();
    private final int[] hoursPerHow = new int[LocalHours.HOURS_PER_WEEK];
    private Instant first;
    private Instant cursor;
    private long counted;
    private long late;
    private long beforeHistory;
    private long outsideZones;
    private long derived;
    private long hoursClosed;
    private long hoursTested;
    private long tests;
    private long anomalies;
    /** The last hour an observation fell in: events come mostly in order, and a time-zone lookup costs. */
    private Instant seenStart = Instant.MAX;
    private Instant seenEnd = Instant.MIN;
    private int[] scratchCounts = new int[64];
    private int[] scratchHours = new int[64];

    public AnomalyDetector(AnomalySettings settings, ZoneScheme zones, LocalHours hours) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.zones = Objects.requireNonNull(zones, "zones");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.window = Duration.ofDays(7L * settings.weeks());
        this.minHistoryHours = settings.minHistory().toHours();
    }

    public AnomalySettings settings() {
        return settings;
    }

    public ZoneScheme zones() {
        return zones;
    }

    public LocalHours hours() {
        return hours;
    }

    /**
     * Makes the hour containing {@code t} the first of the history, unless history has already started. Without
     * it, the first observation starts it.
     */
    public void startAt(Instant t) {
        if (cursor == null) {
            first = hours.start(t);
            cursor = first;
        }
    }

    /** Where history started, or null before any observation. */
    public Instant historyStart() {
        return first;
    }

    /** The start of the next hour to close, or null before any observation. */
    public Instant nextHourToClose() {
        return cursor;
    }

    /** Anomalies and other fused signals, which must not feed the baselines they were derived from. */
    public static boolean isDerived(Event e) {
        return e.type() == EventType.ANOMALY || e.source().kind() == SourceKind.FUSION;
    }

    /** Counts one event, in its zone, its type and the local hour it occurred in. */
    public Outcome observe(Event e) {
        if (isDerived(e)) {
            derived++;
            return Outcome.DERIVED;
        }
        var zone = zones.zoneOf(e.location().lat(), e.location().lon());
        if (zone.isEmpty()) {
            outsideZones++;
            return Outcome.OUTSIDE_ZONES;
        }
        return observe(zone.get(), e.type(), e.occurredAt(), 1);
    }

    /** Counts {@code count} events of one type in one zone in the local hour containing {@code at}. */
    public Outcome observe(Zone zone, EventType type, Instant at, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (at.isBefore(seenStart) || !at.isBefore(seenEnd)) {
            seenStart = hours.start(at);
            seenEnd = hours.next(seenStart);
        }
        Instant hour = seenStart;
        startAt(hour);
        if (hour.isBefore(first)) {
            beforeHistory += count;
            return Outcome.BEFORE_HISTORY;
        }
        var key = new SeriesKey(zone.id(), type);
        Series s = series.computeIfAbsent(key, k -> new Series(zone));
        if (hour.isBefore(cursor)) {
            int[] slot = s.history.computeIfAbsent(hour, h -> new int[] {0, hours.hourOfWeek(h)});
            slot[0] += count;
            late += count;
            return Outcome.LATE;
        }
        open.computeIfAbsent(hour, h -> new HashMap<>()).merge(key, count, Integer::sum);
        s.pending += count;
        counted += count;
        return Outcome.COUNTED;
    }

    /**
     * Closes and tests every hour that ends at or before {@code watermark}.
     *
     * @return the anomalies found, hour by hour, and within an hour by zone then type
     */
    public List<Anomaly> advanceTo(Instant watermark) {
        return advance(watermark, true);
    }

    /** Closes hours into the history without testing them (rebuilding baselines after a restart). */
    public void advanceQuietlyTo(Instant watermark) {
        advance(watermark, false);
    }

    private List<Anomaly> advance(Instant watermark, boolean test) {
        var found = new ArrayList<Anomaly>();
        if (cursor == null) {
            return found;
        }
        Instant end = hours.next(cursor);
        while (!end.isAfter(watermark)) {
            close(cursor, end, test, found);
            cursor = end;
            end = hours.next(cursor);
        }
        return found;
    }

    private void close(Instant hour, Instant end, boolean test, List<Anomaly> found) {
        int how = hours.hourOfWeek(hour);
        Instant windowStart = hour.minus(window);
        while (!windowHours.isEmpty() && windowHours.peekFirst().start().isBefore(windowStart)) {
            hoursPerHow[windowHours.pollFirst().hourOfWeek()]--;
        }
        Map<SeriesKey, Integer> counts = open.remove(hour);
        if (test && hoursClosed >= minHistoryHours) {
            hoursTested++;
            if (counts != null) {
                testHour(hour, end, how, windowStart, counts, found);
            }
        }
        if (counts != null) {
            counts.forEach((key, c) -> {
                Series s = series.get(key);
                s.history.put(hour, new int[] {c, how});
                s.pending -= c;
            });
        }
        windowHours.addLast(new ClosedHour(hour, how));
        hoursPerHow[how]++;
        hoursClosed++;
        if (hoursClosed % 24 == 0) {
            forget(windowStart);
        }
    }

    private void testHour(Instant hour, Instant end, int how, Instant windowStart, Map<SeriesKey, Integer> counts,
                          List<Anomaly> found) {
        int n = series.size();
        double alpha = settings.falseAlarmsPerDay() / (24.0 * n);
        double logAlpha = Math.log(alpha);
        tests += n;
        var keys = new ArrayList<>(counts.keySet());
        keys.sort(KEY_ORDER);
        String when = null;
        for (SeriesKey key : keys) {
            int k = counts.get(key);
            if (k < settings.minCount()) {
                continue;
            }
            Series s = series.get(key);
            Baseline b = baseline(s, hour, windowStart);
            double lambda = b.expected(how);
            double logP = b.logPValue(k, how);
            if (logP <= logAlpha) {
                when = when == null ? hours.describe(hour) : when;
                double log10P = logP / Math.log(10);
                found.add(new Anomaly(s.zone, zones.name(), key.type(), hour, end, how, k, lambda, log10P, n, alpha,
                        Anomaly.explain(k, key.type(), s.zone, when, lambda, log10P)));
                anomalies++;
            }
        }
    }

    /** Recomputed at most once a day per series: baselines move slowly and this keeps a long file cheap. */
    private Baseline baseline(Series s, Instant hour, Instant windowStart) {
        if (s.baseline == null || Duration.between(s.baselineAt, hour).compareTo(BASELINE_REFRESH) >= 0) {
            s.baseline = estimate(s, windowStart);
            s.baselineAt = hour;
        }
        return s.baseline;
    }

    private Baseline estimate(Series s, Instant windowStart) {
        s.history.headMap(windowStart).clear();
        int size = s.history.size();
        if (scratchCounts.length < size) {
            scratchCounts = new int[Math.max(size, scratchCounts.length * 2)];
            scratchHours = new int[scratchCounts.length];
        }
        int i = 0;
        for (int[] slot : s.history.values()) {
            scratchCounts[i] = slot[0];
            scratchHours[i] = slot[1];
            i++;
        }
        return Baseline.estimate(scratchCounts, scratchHours, size, hoursPerHow, settings.minExpected());
    }

    /** Drops history older than the window, and series left with nothing, so N counts only live series. */
    private void forget(Instant windowStart) {
        for (Iterator<Series> it = series.values().iterator(); it.hasNext(); ) {
            Series s = it.next();
            s.history.headMap(windowStart).clear();
            if (s.history.isEmpty() && s.pending == 0) {
                it.remove();
            }
        }
    }

    /**
     * The baseline λ of this zone, type and hour of the week estimated from the history as it is now (tests may
     * use a baseline up to a day older). The window is the one of the next hour to close, whose hour-of-week counts
     * already include the closed hours of the last week.
     */
    public double expected(String zoneId, EventType type, int hourOfWeek) {
        Series s = series.get(new SeriesKey(zoneId, type));
        if (s == null || cursor == null) {
            return settings.minExpected();
        }
        return estimate(s, cursor.minus(window)).expected(hourOfWeek);
    }

    public Stats stats() {
        return new Stats(counted, late, beforeHistory, outsideZones, derived, hoursClosed, hoursTested, tests,
                anomalies, series.size());
    }
}
