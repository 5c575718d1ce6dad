package org.vigie.feeds.telecom;

/** The standard normal tail and its inverse, enough for z-score thresholds. */
final class Normal {
    private Normal() {
    }

    /** P(Z ≥ z), relative error under 1.2e-7 (the Chebyshev fit of erfc, Numerical Recipes §6.2). */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    /** The z with P(Z ≥ z) = tail, by bisection (tails from 1e-300 to 0.5). */
    static double quantileAbove(double tail) {
        if (!(tail > 0 && tail <= 0.5)) {
            throw new IllegalArgumentException("tail must be in (0, 0.5], got " + tail);
        }
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (upperTail(mid) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
