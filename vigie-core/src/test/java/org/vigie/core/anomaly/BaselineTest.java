package org.vigie.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineTest {
    static final double FLOOR = 0.02;

    /** Hourly counts of {@code weeks} weeks, each hour drawn from {@code rate(hourOfWeek)}. */
    record History(int[] counts, int[] hows, int size, int[] hoursPerHow) {
        Baseline estimate() {
            return Baseline.estimate(counts, hows, size, hoursPerHow, FLOOR);
        }
    }

    interface Rate {
        double at(int hourOfWeek);
    }

    static History history(int weeks, Rate rate, Random rnd) {
        int n = weeks * 168;
        int[] counts = new int[n];
        int[] hows = new int[n];
        int[] per = new int[168];
        int size = 0;
        for (int i = 0; i < n; i++) {
            int how = i % 168;
            per[how]++;
            int c = SyntheticStream.poisson(rate.at(how), rnd);
            if (c > 0) {
                counts[size] = c;
                hows[size++] = how;
            }
        }
        return new History(counts, hows, size, per);
    }

    static double seasonal(double level, int how) {
        return level * SyntheticStream.DAY[how % 24] * SyntheticStream.weekFactor(how);
    }

    @Test
    void aBusySeriesKeepsItsWeeklyRhythm() {
        Baseline b = history(8, how -> seasonal(20, how), new Random(1)).estimate();
        // Friday and Saturday evenings are twice the other evenings; single hours are noisy (eight samples), so
        // compare the evenings as blocks.
        double weekend = 0;
        double weekday = 0;
        for (int hour = 19; hour <= 23; hour++) {
            weekend += b.expected(4 * 24 + hour) + b.expected(5 * 24 + hour);
            for (int day = 0; day < 4; day++) {
                weekday += b.expected(day * 24 + hour) / 2;
            }
        }
        assertThat(weekend / weekday).isCloseTo(2.0, within(0.25));
        int friday22 = 4 * 24 + 22;
        double sd = Math.sqrt(seasonal(20, friday22) / 8);
        assertThat(b.expected(friday22)).isCloseTo(seasonal(20, friday22), within(4 * sd));
        double sum = 0;
        for (int k = 0; k < 168; k++) {
            sum += b.expected(k) / seasonal(20, k);
        }
        assertThat(sum / 168).isCloseTo(1, within(0.03));
    }

    @Test
    void aSparseSeriesIsPooledTowardItsMeanNeverZero() {
        // About 0.03 events an hour: most hours of the week saw none in eight weeks.
        History h = history(8, how -> 0.03, new Random(2));
        Baseline b = h.estimate();
        int empty = -1;
        var seen = new boolean[168];
        for (int i = 0; i < h.size(); i++) {
            seen[h.hows()[i]] = true;
        }
        for (int k = 0; k < 168; k++) {
            if (!seen[k]) {
                empty = k;
            }
            assertThat(b.expected(k)).isBetween(FLOOR, 0.1);
        }
        assertThat(empty).as("an hour of the week with no event in eight weeks").isNotNegative();
        assertThat(b.expected(empty)).isGreaterThan(FLOOR).isCloseTo(b.mean(), within(0.5 * b.mean()));
        assertThat(b.weekDispersion()).isEqualTo(Baseline.MIN_DISPERSION);
    }

    @Test
    void noHistoryGivesTheFloor() {
        var per = new int[168];
        java.util.Arrays.fill(per, 8);
        Baseline b = Baseline.estimate(new int[0], new int[0], 0, per, FLOOR);
        for (int k = 0; k < 168; k++) {
            assertThat(b.expected(k)).isEqualTo(FLOOR);
        }
        // With nothing behind it, the floor is tested as a plain Poisson mean.
        assertThat(b.logPValue(3, 0)).isEqualTo(PoissonTail.logUpperTail(3, FLOOR));
    }

    @Test
    void aPastBurstDoesNotRaiseTheBaseline() {
        History h = history(8, how -> 1.0, new Random(4));
        int friday22 = 4 * 24 + 22;
        Baseline before = h.estimate();
        // Add 40 events to one Friday 22:00 (an anomaly three weeks ago).
        int[] counts = java.util.Arrays.copyOf(h.counts(), h.size() + 1);
        int[] hows = java.util.Arrays.copyOf(h.hows(), h.size() + 1);
        counts[h.size()] = 40;
        hows[h.size()] = friday22;
        int[] per = h.hoursPerHow().clone();
        per[friday22]++; // an extra week for that hour, to keep the example simple
        Baseline after = Baseline.estimate(counts, hows, h.size() + 1, per, FLOOR);
        assertThat(after.expected(friday22)).isLessThan(before.expected(friday22) + 0.6);
        assertThat(after.mean()).isCloseTo(before.mean(), within(0.01));
    }

    @Test
    void fewWeeksWidenTheTail() {
        Baseline two = history(2, how -> 5.0, new Random(5)).estimate();
        Baseline eight = history(8, how -> 5.0, new Random(5)).estimate();
        int k = 40; // hour of the week 40
        // At the same λ, fewer weeks of evidence means a larger p for the same excess.
        double twoExcess = two.logPValue(Math.round(two.expected(k) * 3), k) - PoissonTail.logUpperTail(Math.round(two.expected(k) * 3), two.expected(k));
        double eightExcess = eight.logPValue(Math.round(eight.expected(k) * 3), k) - PoissonTail.logUpperTail(Math.round(eight.expected(k) * 3), eight.expected(k));
        assertThat(twoExcess).isGreaterThan(eightExcess).isGreaterThan(0);
    }
}
