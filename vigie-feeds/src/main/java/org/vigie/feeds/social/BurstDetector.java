package org.vigie.feeds.social;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.vigie.core.anomaly.PoissonTail;

/**
 * Finds cells where a topic suddenly draws many posts from many people: the "giant apéro" called for tonight at
 * the Vieux-Port, a street market that overflows.
 *
 * <h2>Counting</h2>
 * Posts are counted per cell × topic word in fixed windows ({@link BurstSettings#window}). For each series the
 * detector also keeps, for the open window only, up to k of its authors' {@link AuthorToken}s: enough to know
 * whether k distinct people posted, never more; they are dropped when the window closes.
 *
 * <h2>Trailing baseline</h2>
 * Each series has an exponentially decayed sum of its past window counts S and of its windows of exposure E (half
 * life {@link BurstSettings#halfLife}), plus a prior worth b₀ = {@code priorWindows} windows at the rate m =
 * {@code minExpected}. Its rate is uncertain like {@link org.vigie.core.anomaly.Baseline}'s: Gamma with shape
 * a = m·b₀ + S and rate b = b₀ + E. Posting follows the day, so the rate is scaled by the city's hour-of-day factor
 * f_h (the decayed city-wide posts of that local hour against all hours, clamped to [1/4, 4]), giving Gamma(a, b/f_h).
 * A past burst is clipped to the (1 − 10⁻³) Poisson quantile of its rate before it joins S, as the anomaly baselines
 * do, so a burst last night does not hide tonight's.
 *
 * <h2>Test</h2>
 * When a window closes, each series with at least k distinct authors and c posts in it is tested with the Poisson
 * tail averaged over that Gamma ({@link PoissonTail#logUpperTail(long, double, double)}, the negative binomial
 * tail). With F = {@code falseAlarmsPerDay}, W windows per day and N series held, a series bursts when
 * <pre>  p ≤ α = F / (W · N)</pre>
 * (Bonferroni: at most F false bursts a day when counts follow their baselines, however many cells and words).
 * The bursting topics of one cell in one window make one {@link Burst}. No window is tested before
 * {@code minHistory} has been observed.
 *
 * <h2>Memory</h2>
 * A series that has had no post for {@code idleAfter} is forgotten (its decayed history is then small anyway), and
 * no more than {@code maxSeries} are held: past that the longest idle go first. Open windows hold counts only for
 * series that had posts in them.
 *
 * <p>Time comes only from the posts and from {@link #advanceTo}: a file gives the same bursts on every run. Not
 * thread-safe: one owner feeds it.
 */
public final class BurstDetector {
    /** Counters since the detector was made. */
    public record Stats(long observed, long late, long windowsClosed, long tests, long belowAuthorFloor, long bursts,
                        int series, long evicted) {
    }

    private record Key(long cell, String term) {
    }

    /** The trailing baseline of one cell × topic. */
    private static final class Series {
        double sum;
        double exposure;
        /** The first window not yet folded into sum and exposure. */
        long next;
        /** The last window that had a post. */
        long lastActive;
    }

    /** Counts of one cell × topic in one open window. */
    private static final class WindowCount {
        int posts;
        final long[] authors;
        int distinct;

        WindowCount(int k) {
            authors = new long[k];
        }

        void add(AuthorToken author) {
            posts++;
            if (distinct == authors.length) {
                return;
            }
            long v = author.value();
            for (int i = 0; i < distinct; i++) {
                if (authors[i] == v) {
                    return;
                }
            }
            authors[distinct++] = v;
        }
    }

    private static final double CLIP_TAIL = 1e-3;
    private static final double MAX_FACTOR = 4;

    private final BurstSettings settings;
    private final long windowSeconds;
    private final double decay;
    private final long idleWindows;
    private final long minHistoryWindows;
    private final Map<Key, Series> series = new HashMap<>();
    private final TreeMap<Long, Map<Key, WindowCount>> open = new TreeMap<>();
    /** City-wide decayed posts and windows per local hour of the day, and over all hours. */
    private final double[] hourSum = new double[24];
    private final double[] hourExposure = new double[24];
    private double allSum;
    private double allExposure;
    private Long first;
    private Long cursor;
    private long observed;
    private long late;
    private long windowsClosed;
    private long tests;
    private long belowFloor;
    private long bursts;
    private long evicted;

    public BurstDetector(BurstSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.windowSeconds = settings.window().toSeconds();
        double halfLifeWindows = (double) settings.halfLife().toSeconds() / windowSeconds;
        this.decay = Math.pow(0.5, 1 / halfLifeWindows);
        this.idleWindows = Math.max(1, settings.idleAfter().toSeconds() / windowSeconds);
        this.minHistoryWindows = settings.minHistory().toSeconds() / windowSeconds;
    }

    public BurstSettings settings() {
        return settings;
    }

    /**
     * Counts one post in its cell, once per topic word.
     *
     * @return false when its window was already closed (a late post: counted in {@link Stats#late} only)
     */
    public boolean observe(PostSignal signal, AuthorToken author) {
        Objects.requireNonNull(author, "author");
        long w = Math.floorDiv(signal.at().getEpochSecond(), windowSeconds);
        if (cursor == null) {
            cursor = w;
            first = w;
        }
        if (author.window() != w) {
            // Same instant, another window index: the salts were made for another window length, and tokens would
            // then span windows. A wiring mistake, not bad input.
            throw new IllegalArgumentException("the author token was made for another window length than this "
                    + "detector's " + settings.window() + ": give AuthorSalts the same window");
        }
        if (w < cursor) {
            late++;
            return false;
        }
        observed++;
        Map<Key, WindowCount> counts = open.computeIfAbsent(w, x -> new HashMap<>());
        for (String term : signal.terms()) {
            counts.computeIfAbsent(new Key(signal.cell(), term), k -> new WindowCount(settings.minAuthors())).add(author);
        }
        return true;
    }

    /** The start of the next window to close, or null before any post. */
    public Instant nextWindowToClose() {
        return cursor == null ? null : Instant.ofEpochSecond(cursor * windowSeconds);
    }

    /** Closes and tests every window that ends at or before {@code watermark}; bursts by window, then cell. */
    public List<Burst> advanceTo(Instant watermark) {
        var found = new ArrayList<Burst>();
        if (cursor == null) {
            return found;
        }
        long until = Math.floorDiv(watermark.getEpochSecond(), windowSeconds); // windows before this one end by then
        while (cursor < until) {
            Map.Entry<Long, Map<Key, WindowCount>> next = open.firstEntry();
            if (next == null || next.getKey() >= until) {
                cursor = until; // nothing was posted in the windows between: nothing to test
                break;
            }
            long w = next.getKey();
            open.remove(w);
            close(w, next.getValue(), found);
            cursor = w + 1;
        }
        return found;
    }

    /** Closes every open window, e.g. at the end of a file. */
    public List<Burst> flush() {
        return open.isEmpty() ? List.of() : advanceTo(Instant.ofEpochSecond((open.lastKey() + 1) * windowSeconds));
    }

    private void close(long w, Map<Key, WindowCount> counts, List<Burst> found) {
        windowsClosed++;
        Instant start = Instant.ofEpochSecond(w * windowSeconds);
        int hour = ZonedDateTime.ofInstant(start, settings.zone()).getHour();
        double factor = hourFactor(hour);
        boolean test = w - first >= minHistoryWindows;
        for (Key k : counts.keySet()) {
            series.computeIfAbsent(k, x -> {
                Series s = new Series();
                s.next = w;
                return s;
            });
        }
        int n = Math.max(1, series.size());
        double alpha = settings.falseAlarmsPerDay() / ((double) settings.windowsPerDay() * n);
        double logAlpha = Math.log(alpha);
        if (test) {
            tests += n;
        }
        var byCell = new HashMap<Long, List<Burst.TermBurst>>();
        long total = 0;
        double priorShape = settings.minExpected() * settings.priorWindows();
        for (Map.Entry<Key, WindowCount> e : counts.entrySet()) {
            Key key = e.getKey();
            WindowCount c = e.getValue();
            total += c.posts;
            Series s = series.get(key);
            long gap = w - s.next;
            if (gap > 0) {
                double d = Math.pow(decay, gap);
                s.sum *= d;
                s.exposure = s.exposure * d + (1 - d) / (1 - decay);
            }
            double shape = priorShape + s.sum;
            double rate = (settings.priorWindows() + s.exposure) / factor;
            double lambda = shape / rate;
            if (test && c.posts >= settings.minAuthors()) {
                if (c.distinct < settings.minAuthors()) {
                    belowFloor++;
                } else {
                    double logP = PoissonTail.logUpperTail(c.posts, shape, rate);
                    if (logP <= logAlpha) {
                        byCell.computeIfAbsent(key.cell(), x -> new ArrayList<>())
                                .add(new Burst.TermBurst(key.term(), c.posts, lambda, logP));
                    }
                }
            }
            double clipped = c.posts;
            if (c.posts >= 2 && PoissonTail.logUpperTail(c.posts, lambda) < Math.log(CLIP_TAIL)) {
                clipped = Math.max(1, PoissonTail.quantileAbove(lambda, CLIP_TAIL));
            }
            s.sum = s.sum * decay + clipped / factor; // stored at the all-day rate
            s.exposure = s.exposure * decay + 1;
            s.next = w + 1;
            s.lastActive = w;
        }
        hourSum[hour] = hourSum[hour] * decay + total;
        hourExposure[hour] = hourExposure[hour] * decay + 1;
        allSum = allSum * decay + total;
        allExposure = allExposure * decay + 1;
        var cells = new ArrayList<>(byCell.keySet());
        cells.sort(Comparator.naturalOrder());
        Instant end = start.plusSeconds(windowSeconds);
        for (long cell : cells) {
            List<Burst.TermBurst> terms = byCell.get(cell);
            terms.sort(Comparator.comparingDouble(Burst.TermBurst::logPValue).thenComparing(Burst.TermBurst::term));
            found.add(new Burst(cell, start, end, terms.subList(0, Math.min(settings.topTerms(), terms.size())), n,
                    alpha, settings.minAuthors()));
            bursts++;
        }
        if (windowsClosed % 16 == 0 || series.size() > settings.maxSeries()) {
            forget(w);
        }
    }

    /**
     * How much busier this local hour is than the average hour, city-wide. Pseudo-counts keep it at 1 until the
     * hour has been seen a few times.
     */
    private double hourFactor(int hour) {
        double pseudo = 4;
        double hourRate = (hourSum[hour] + pseudo) / (hourExposure[hour] + pseudo);
        double allRate = (allSum + pseudo) / (allExposure + pseudo);
        return Math.max(1 / MAX_FACTOR, Math.min(MAX_FACTOR, hourRate / allRate));
    }

    /** Drops series idle for {@code idleAfter}; then, while over {@code maxSeries}, the longest idle. */
    private void forget(long w) {
        for (Iterator<Series> it = series.values().iterator(); it.hasNext(); ) {
            if (w - it.next().lastActive > idleWindows) {
                it.remove();
                evicted++;
            }
        }
        if (series.size() > settings.maxSeries()) {
            var byIdle = new ArrayList<>(series.entrySet());
            byIdle.sort(Comparator.comparingLong(e -> e.getValue().lastActive));
            int excess = series.size() - settings.maxSeries();
            for (int i = 0; i < excess; i++) {
                series.remove(byIdle.get(i).getKey());
                evicted++;
            }
        }
    }

    public Stats stats() {
        return new Stats(observed, late, windowsClosed, tests, belowFloor, bursts, series.size(), evicted);
    }
}
