package org.vigie.core.accountability;

/**
 * A proportion with its Wilson score interval at 95 %: {@code successes} out of {@code trials}. The Wilson interval
 * stays inside [0, 1] and keeps sensible width for small samples and for proportions near 0 or 1, where the
 * textbook normal interval collapses to a point (0 of 3 would be "0 ± 0"). Without trials, every bound is NaN:
 * nothing is known, which is not the same as 0.
 */
public record Rate(long successes, long trials, double value, double low, double high) {
    /** The 97.5th percentile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    public Rate {
        if (successes < 0 || trials < successes) {
            throw new IllegalArgumentException("a rate needs 0 <= successes <= trials, got " + successes + " of " + trials);
        }
    }

    public static Rate of(long successes, long trials) {
        if (trials == 0) {
            return new Rate(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At p = 0 or 1 the bound is exact in theory; rounding must not push it past the observed value.
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == trials ? 1 : Math.min(1, centre + half);
        return new Rate(successes, trials, p, low, high);
    }

    public boolean known() {
        return trials > 0;
    }
}
