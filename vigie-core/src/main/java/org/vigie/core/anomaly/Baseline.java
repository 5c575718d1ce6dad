package org.vigie.core.anomaly;

import java.util.Arrays;

/**
 * The expected number of events in each hour of the week for one zone and one event type, estimated from the
 * trailing weeks of hourly counts so that sparse series are not zero and a past burst does not hide the next one.
 *
 * <h2>Estimate</h2>
 * Inputs: the counts c_h of the series in every closed hour h of the window (W weeks), and for each hour of the
 * week k the number n_k of closed hours of the window that fell on it (usually W; fewer during the first weeks
 * or when a daylight-saving change skipped it, more when it repeated it). d(k) is k's hour of the day;
 * n_d = Σ_{k: d(k)=d} n_k, N = Σ n_k.
 * <ol>
 * <li><b>Clip past bursts.</b> A count c_h in hour of the week k is replaced by q, the (1 − 10⁻³) Poisson quantile
 * of the rate of that hour of the week in the other weeks, (S_k − c_h + x̄_d₋)/n_k (one pseudo-hour at its hour
 * of day's rate without it, x̄_d₋ = (S_d − c_h)/(n_d − 1)), whenever c_h exceeds q.
 * Honest counts are almost never clipped (10⁻³ of them), so the estimate stays unbiased; a burst that was an
 * anomaly last week is reduced to a plausible count and cannot raise this week's baseline.</li>
 * <li><b>Series mean</b> μ = S / N (clipped sums S_k, S_d, S from here on).</li>
 * <li><b>Hour-of-day profile</b>, shrunk toward μ. The true rate of hour d is taken as Gamma-distributed around μ
 * with squared coefficient of variation κ²_day (a Poisson–Gamma model), whose posterior mean is
 * <pre>  μ_d = (S_d + 1/κ²_day) / (n_d + 1/(κ²_day·μ))</pre>
 * i.e. the observed rate of hour d plus 1/κ²_day pseudo-events spread over 1/(κ²_day·μ) pseudo-hours at rate μ.
 * κ²_day is estimated from the data by moments (empirical Bayes): since E[n_d(x̄_d − μ)²] = n_d·μ²·κ² + μ,
 * <pre>  κ²_day = Σ_d [n_d (x̄_d − μ)² − x̄_d] / Σ_d n_d μ²,   x̄_d = S_d / n_d</pre>
 * clamped to [{@value #MIN_DISPERSION}, {@value #MAX_DISPERSION}]. A sparse series, whose spread is all Poisson
 * noise, gets the smallest κ² and so the strongest pull toward its mean; a series with a marked daily rhythm
 * keeps it.</li>
 * <li><b>Hour-of-week</b>, shrunk toward its hour of the day in the same way:
 * <pre>  μ_k = (S_k + 1/κ²_week) / (n_k + 1/(κ²_week·μ_d(k))),
 *  κ²_week = Σ_k [n_k (x̄_k − μ_d(k))² − x̄_k] / Σ_k n_k μ_d(k)²</pre>
 * so Friday 22:00 differs from the other days' 22:00 only as far as the weeks seen support it. An hour of the
 * week not yet seen gets μ_d(k).</li>
 * <li><b>Floor</b>: λ_k = max(μ_k, minExpected), so that a zone and type without history do not make two or three
 * events look impossible.</li>
 * </ol>
 * The last step's posterior, Gamma(shape λ_k·b_k, rate b_k) with b_k = n_k + 1/(κ²_week·μ_d(k)) hours of evidence,
 * also says how well λ_k is known: {@link #logPValue} uses it, so that two weeks of history are not trusted like
 * eight. (Measured on seeded Poisson streams with weekly rhythms, testing with the plain Poisson tail at λ_k gave
 * up to twice the false alarms the bound promises for busy series, from the error in λ_k; this test keeps under it.)
 * Immutable.
 */
public final class Baseline {
    /** Rates within ±10% of each other: pool almost fully. */
    static final double MIN_DISPERSION = 0.01;
    /** Coefficient of variation about 1.4: keep hours apart, still with a little pooling. */
    static final double MAX_DISPERSION = 2.0;
    /** A past count rarer than this under its own hour's rate is clipped. */
    static final double CLIP_TAIL = 1e-3;

    private final double[] expected;
    private final double[] exposure;
    private final double mean;
    private final double dayDispersion;
    private final double weekDispersion;

    private Baseline(double[] expected, double[] exposure, double mean, double dayDispersion, double weekDispersion) {
        this.expected = expected;
        this.exposure = exposure;
        this.mean = mean;
        this.dayDispersion = dayDispersion;
        this.weekDispersion = weekDispersion;
    }

    /**
     * @param counts      nonzero hourly counts of the series in the window ({@code size} of them); hours absent here
     *                    had no event
     * @param hourOfWeek  the hour of the week of each count
     * @param hoursPerHow for each hour of the week, how many closed hours of the window fell on it
     */
    public static Baseline estimate(int[] counts, int[] hourOfWeek, int size, int[] hoursPerHow, double minExpected) {
        final int week = LocalHours.HOURS_PER_WEEK;
        if (hoursPerHow.length != week) {
            throw new IllegalArgumentException("hoursPerHow needs " + week + " entries");
        }
        double[] nd = new double[24];
        long totalHours = 0;
        for (int k = 0; k < week; k++) {
            nd[k % 24] += hoursPerHow[k];
            totalHours += hoursPerHow[k];
        }
        double[] floor = new double[week];
        Arrays.fill(floor, minExpected);
        if (totalHours == 0 || size == 0) {
            double[] exposure = new double[week];
            Arrays.fill(exposure, Double.POSITIVE_INFINITY);
            return new Baseline(floor, exposure, 0, 0, 0);
        }
        double[] rawWeek = new double[week];
        double[] rawDay = new double[24];
        for (int i = 0; i < size; i++) {
            rawWeek[hourOfWeek[i]] += counts[i];
            rawDay[hourOfWeek[i] % 24] += counts[i];
        }
        // 1. Clip past bursts, each judged against the other weeks' same hour without itself.
        double[] sk = new double[week];
        double[] sd = new double[24];
        double total = 0;
        for (int i = 0; i < size; i++) {
            int k = hourOfWeek[i];
            int d = k % 24;
            double c = counts[i];
            if (c >= 2) {
                double dayWithout = nd[d] > 1 ? (rawDay[d] - c) / (nd[d] - 1) : 0;
                double rateWithout = (rawWeek[k] - c + dayWithout) / Math.max(1, hoursPerHow[k]);
                if (PoissonTail.logUpperTail((long) c, rateWithout) < Math.log(CLIP_TAIL)) {
                    c = Math.max(1, PoissonTail.quantileAbove(rateWithout, CLIP_TAIL));
                }
            }
            sk[k] += c;
            sd[d] += c;
            total += c;
        }
        // 2. Series mean.
        double mu = total / totalHours;
        // 3. Hour-of-day profile.
        double num = 0;
        double den = 0;
        for (int d = 0; d < 24; d++) {
            if (nd[d] > 0) {
                double x = sd[d] / nd[d];
                num += nd[d] * (x - mu) * (x - mu) - x;
                den += nd[d] * mu * mu;
            }
        }
        double kDay = clamp(num / den);
        double[] muDay = new double[24];
        for (int d = 0; d < 24; d++) {
            muDay[d] = (sd[d] + 1 / kDay) / (nd[d] + 1 / (kDay * mu));
        }
        // 4. Hour of week.
        num = 0;
        den = 0;
        for (int k = 0; k < week; k++) {
            if (hoursPerHow[k] > 0) {
                double x = sk[k] / hoursPerHow[k];
                double m = muDay[k % 24];
                num += hoursPerHow[k] * (x - m) * (x - m) - x;
                den += hoursPerHow[k] * m * m;
            }
        }
        double kWeek = clamp(num / den);
        double[] lambda = new double[week];
        double[] exposure = new double[week];
        for (int k = 0; k < week; k++) {
            exposure[k] = hoursPerHow[k] + 1 / (kWeek * muDay[k % 24]);
            // 5. Floor.
            lambda[k] = Math.max(minExpected, (sk[k] + 1 / kWeek) / exposure[k]);
        }
        return new Baseline(lambda, exposure, mu, kDay, kWeek);
    }

    private static double clamp(double dispersion) {
        return Double.isNaN(dispersion) ? MIN_DISPERSION
                : Math.max(MIN_DISPERSION, Math.min(MAX_DISPERSION, dispersion));
    }

    /** λ for this hour of the week (0 = Monday 00:00), never below the floor. */
    public double expected(int hourOfWeek) {
        return expected[hourOfWeek];
    }

    /**
     * ln p for {@code count} events in an hour of this hour of the week: the Poisson tail P(X ≥ count | λ) averaged
     * over the Gamma posterior of λ (shape λ_k·b_k, rate b_k, with b_k = n_k + 1/(κ²_week·μ_d(k)) the hours of
     * evidence behind it), so that a baseline from few weeks is not trusted more than it deserves. With no evidence
     * at all (the floor) it is the plain Poisson tail.
     */
    public double logPValue(long count, int hourOfWeek) {
        double b = exposure[hourOfWeek];
        double lambda = expected[hourOfWeek];
        return Double.isInfinite(b) ? PoissonTail.logUpperTail(count, lambda) : PoissonTail.logUpperTail(count, lambda * b, b);
    }

    /** The series' mean hourly count over the window, after clipping. */
    public double mean() {
        return mean;
    }

    /** κ²_day, 0 when the series had no event in the window. */
    public double dayDispersion() {
        return dayDispersion;
    }

    /** κ²_week, 0 when the series had no event in the window. */
    public double weekDispersion() {
        return weekDispersion;
    }
}
