package org.vigie.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PoissonTailTest {
    /** P(X ≥ k | λ) by summing the probability mass function, in ordinary arithmetic (fine for small k and λ). */
    static double direct(int k, double lambda) {
        double pmf = Math.exp(-lambda);
        double below = 0;
        for (int i = 0; i < k; i++) {
            below += pmf;
            pmf *= lambda / (i + 1);
        }
        // Sum the tail directly rather than 1 − below, so tiny tails keep their digits.
        double tail = 0;
        for (int i = k; i < k + 400; i++) {
            tail += pmf;
            pmf *= lambda / (i + 1);
        }
        return tail;
    }

    @Test
    void agreesWithTheMassFunctionOverAGrid() {
        for (double lambda : new double[] {0.001, 0.02, 0.3, 1, 2.5, 7, 15, 40, 90}) {
            for (int k = 0; k <= 120; k++) {
                double expected = direct(k, lambda);
                if (expected < 1e-280) {
                    continue;
                }
                double got = PoissonTail.upperTail(k, lambda);
                assertThat(got).as("k=%d λ=%s", k, lambda).isCloseTo(expected, within(expected * 1e-9 + 1e-300));
            }
        }
    }

    @Test
    void staysFiniteInLogSpaceWhereTheProbabilityUnderflows() {
        // ln P(X ≥ 1000 | 1) = −1 − ln 1000! + ln(1 + 1/1001 + 1/(1001·1002) + …)
        double expected = -1 - PoissonTail.logGamma(1001) + Math.log(1 + 1.0 / 1001 + 1.0 / (1001.0 * 1002));
        double got = PoissonTail.logUpperTail(1000, 1);
        assertThat(got).isFinite().isCloseTo(expected, within(1e-9));
        assertThat(got / Math.log(10)).isLessThan(-2500);
        assertThat(PoissonTail.upperTail(1000, 1)).isZero();
        assertThat(PoissonTail.logUpperTail(100_000, 0.5)).isFinite();
    }

    @Test
    void edgeCases() {
        assertThat(PoissonTail.logUpperTail(0, 3)).isZero();
        assertThat(PoissonTail.logUpperTail(0, 0)).isZero();
        assertThat(PoissonTail.logUpperTail(1, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PoissonTail.upperTail(1, 2)).isCloseTo(1 - Math.exp(-2), within(1e-14));
        // Large means take the continued fraction: near the mean the tail is about one half.
        assertThat(PoissonTail.upperTail(10_000, 10_000)).isCloseTo(0.5, within(0.01));
        assertThat(PoissonTail.upperTail(9_000, 10_000)).isCloseTo(1, within(1e-20));
        assertThatThrownBy(() -> PoissonTail.logUpperTail(-1, 1)).hasMessageContaining("k ≥ 0");
        assertThatThrownBy(() -> PoissonTail.logUpperTail(1, Double.NaN)).hasMessageContaining("λ");
    }

    @Test
    void logGammaMatchesFactorials() {
        assertThat(PoissonTail.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(PoissonTail.logGamma(1)).isCloseTo(0, within(1e-13));
        assertThat(PoissonTail.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-12));
        double logFactorial = 0;
        for (int n = 1; n <= 170; n++) {
            logFactorial += Math.log(n);
            assertThat(PoissonTail.logGamma(n + 1)).as("ln %d!", n).isCloseTo(logFactorial, within(1e-12 * logFactorial + 1e-13));
        }
    }

    @Test
    void quantileIsTheSmallestCountWithARareEnoughExcess() {
        var rnd = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            double lambda = Math.exp(rnd.nextDouble() * 10 - 5);
            double tail = Math.exp(-1 - rnd.nextDouble() * 12);
            long q = PoissonTail.quantileAbove(lambda, tail);
            assertThat(PoissonTail.upperTail(q + 1, lambda)).isLessThanOrEqualTo(tail);
            if (q > 0) {
                assertThat(PoissonTail.upperTail(q, lambda)).isGreaterThan(tail);
            }
        }
    }

    /** P(X ≥ k) for the negative binomial with r = shape, success probability rate/(1+rate), by summing its mass. */
    static double directMixed(int k, double shape, double rate) {
        double p = rate / (1 + rate);
        double pmf = Math.pow(p, shape);
        double below = 0;
        for (int i = 0; i < k; i++) {
            below += pmf;
            pmf *= (i + shape) / (i + 1) * (1 - p);
        }
        double tail = 0;
        for (int i = k; i < k + 5_000; i++) {
            tail += pmf;
            pmf *= (i + shape) / (i + 1) * (1 - p);
        }
        return tail;
    }

    @Test
    void gammaMixedTailIsTheNegativeBinomialAndTendsToPoisson() {
        for (double shape : new double[] {0.3, 1, 4.5, 20, 160}) {
            for (double rate : new double[] {0.5, 2, 8, 50}) {
                for (int k = 0; k <= 60; k++) {
                    double expected = directMixed(k, shape, rate);
                    if (expected < 1e-250) {
                        continue;
                    }
                    assertThat(Math.exp(PoissonTail.logUpperTail(k, shape, rate))).as("k=%d a=%s b=%s", k, shape, rate)
                            .isCloseTo(expected, within(expected * 1e-8));
                }
            }
        }
        // With thousands of hours of evidence the uncertainty in λ vanishes.
        for (int k = 1; k < 30; k++) {
            double lambda = 3.7;
            for (double b : new double[] {1e6, 1e9}) {
                assertThat(PoissonTail.logUpperTail(k, lambda * b, b)).isCloseTo(PoissonTail.logUpperTail(k, lambda),
                        within(1e-4 * Math.abs(PoissonTail.logUpperTail(k, lambda)) + 1e-6));
            }
        }
        // Uncertainty in λ fattens the far tail.
        assertThat(PoissonTail.logUpperTail(20, 3 * 8, 8)).isGreaterThan(PoissonTail.logUpperTail(20, 3));
        assertThat(PoissonTail.logUpperTail(5_000, 2 * 8, 8)).isFinite();
    }
}
