package org.vigie.core.anomaly;

/**
 * The upper tail of the Poisson distribution, P(X ≥ k | λ), without factorials: it equals the regularised lower
 * incomplete gamma function P(k, λ), computed in log space (series when λ &lt; k + 1, which is where small
 * p-values live, Lentz's continued fraction for the complement otherwise; Numerical Recipes §6.2). The log form
 * stays finite where the probability itself underflows (k = 1000, λ = 1 gives about 10^-2566).
 */
public final class PoissonTail {
    private static final double EPSILON = 1e-15;
    private static final int MAX_ITERATIONS = 100_000;
    private static final double TINY = 1e-300;
    private static final double POISSON_LIMIT_RATE = 1e7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private PoissonTail() {
    }

    /** P(X ≥ k | λ); may underflow to 0 for extreme counts, see {@link #logUpperTail}. */
    public static double upperTail(long k, double lambda) {
        return Math.exp(logUpperTail(k, lambda));
    }

    /** ln P(X ≥ k | λ) for k ≥ 0 and λ ≥ 0. */
    public static double logUpperTail(long k, double lambda) {
        if (k < 0 || !(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("need k ≥ 0 and a finite λ ≥ 0, got k=" + k + ", λ=" + lambda);
        }
        if (k == 0) {
            return 0;
        }
        if (lambda == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double a = k;
        if (lambda < a + 1) {
            return logLowerSeries(a, lambda);
        }
        return Math.log1p(-Math.exp(logUpperContinuedFraction(a, lambda)));
    }

    /**
     * ln P(X ≥ k) when X is Poisson with a mean that is itself uncertain, Gamma(shape, rate)-distributed: the
     * Poisson tail averaged over λ, which is the negative binomial tail I_{1/(1+rate)}(k, shape) (regularised
     * incomplete beta). As the rate (the hours of evidence behind λ) grows it tends to the Poisson tail at λ =
     * shape/rate, and it is always at least as large for large k.
     */
    public static double logUpperTail(long k, double shape, double rate) {
        if (k < 0 || !(shape > 0) || !(rate > 0) || Double.isInfinite(shape) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("need k ≥ 0 and a finite shape and rate > 0, got k=" + k + ", shape="
                    + shape + ", rate=" + rate);
        }
        if (k == 0) {
            return 0;
        }
        if (rate > POISSON_LIMIT_RATE) {
            // The mixture is then a Poisson to within 1/rate in variance, while ln B(k, shape) would lose digits
            // to cancellation between gamma functions of huge arguments.
            return logUpperTail(k, shape / rate);
        }
        // x = 1/(1+rate) and 1 − x = rate/(1+rate), each computed without cancellation.
        double logX = -Math.log1p(rate);
        double log1mX = Math.log(rate) - Math.log1p(rate);
        return logRegularisedBeta(k, shape, Math.exp(logX), logX, log1mX);
    }

    /** ln I_x(a, b), with ln x and ln(1 − x) given so that x near 0 or 1 keeps its precision. */
    private static double logRegularisedBeta(double a, double b, double x, double logX, double log1mX) {
        double logFront = a * logX + b * log1mX - (logGamma(a) + logGamma(b) - logGamma(a + b));
        if (x < (a + 1) / (a + b + 2)) {
            return logFront + Math.log(betaContinuedFraction(a, b, x)) - Math.log(a);
        }
        return Math.log1p(-Math.exp(logFront + Math.log(betaContinuedFraction(b, a, Math.exp(log1mX))) - Math.log(b)));
    }

    /** Lentz's evaluation of the continued fraction for I_x(a, b) (Numerical Recipes §6.4). */
    private static double betaContinuedFraction(double a, double b, double x) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) {
            d = TINY;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge for a=" + a + ", b=" + b
                + ", x=" + x);
    }

    /**
     * The smallest q with P(X &gt; q | λ) ≤ tail: counts above q are rarer than {@code tail}. Used to clip past
     * bursts out of a baseline.
     */
    public static long quantileAbove(double lambda, double tail) {
        if (!(tail > 0 && tail < 1)) {
            throw new IllegalArgumentException("tail must be in (0, 1), got " + tail);
        }
        double logTail = Math.log(tail);
        long lo = 0;
        long hi = Math.max(1, (long) Math.ceil(lambda + 10 * Math.sqrt(lambda) + 10));
        while (logUpperTail(hi + 1, lambda) > logTail) {
            hi *= 2;
        }
        while (lo < hi) { // invariant: P(X > hi) ≤ tail
            long mid = (lo + hi) >>> 1;
            if (logUpperTail(mid + 1, lambda) <= logTail) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, relative error about 1e-15). */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) { // reflection keeps the approximation in its accurate range
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** ln P(a, x) by the series Σ x^n / (a(a+1)…(a+n)), which converges fast for x &lt; a + 1. */
    private static double logLowerSeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (term < sum * EPSILON) {
                return -x + a * Math.log(x) - logGamma(a) + Math.log(sum);
            }
        }
        throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
    }

    /** ln Q(a, x) = ln (1 − P(a, x)) by the continued fraction, for x ≥ a + 1. */
    private static double logUpperContinuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return -x + a * Math.log(x) - logGamma(a) + Math.log(h);
            }
        }
        throw new ArithmeticException("incomplete gamma continued fraction did not converge for a=" + a + ", x=" + x);
    }
}
