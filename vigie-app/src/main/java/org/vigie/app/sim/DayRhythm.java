package org.vigie.app.sim;

import java.util.Arrays;

/**
 * Hour-of-day shapes of activity in local time (hour 0 = midnight to 1 am). Relative weights are assumptions
 * of the usual urban pattern, normalised so that each shape averages 1 over the day: a kind's daily total
 * therefore does not depend on its shape.
 */
enum DayRhythm {
    /** People out and about (medical calls, thefts, fights, fires): a trough before dawn, a peak at dinner time. */
    ACTIVITY(3, 2, 2, 1, 1, 1, 2, 4, 6, 7, 8, 9, 9, 9, 9, 9, 10, 11, 12, 12, 11, 9, 7, 5),
    /** Noise and disorder: the only things that are busier at night than by day. */
    NIGHTLIFE(12, 11, 9, 6, 3, 2, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 6, 7, 9, 11, 13, 14),
    /** Commuting peaks at 8 and 18. */
    TRAFFIC(2, 1, 1, 1, 1, 2, 5, 11, 14, 10, 7, 7, 8, 7, 7, 8, 11, 14, 13, 9, 6, 4, 3, 2),
    /** What people notice and report on their way to work and back (waste, graffiti) and when services open. */
    DAYTIME(1, 1, 1, 1, 1, 1, 2, 5, 9, 11, 12, 12, 11, 11, 11, 11, 11, 10, 9, 7, 5, 4, 2, 1),
    /** A dead streetlight is only noticed once it should be lit. */
    AFTER_DARK(8, 6, 4, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10),
    /** Intrusions into closed sites. */
    NIGHT(10, 10, 10, 9, 8, 6, 4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5, 6, 8, 9);

    private final double[] weight = new double[24];
    private final double peak;

    DayRhythm(int... raw) {
        if (raw.length != 24) {
            throw new IllegalArgumentException(name() + " needs 24 hourly weights");
        }
        double mean = Arrays.stream(raw).average().orElseThrow();
        for (int h = 0; h < 24; h++) {
            weight[h] = raw[h] / mean;
        }
        peak = Arrays.stream(weight).max().orElseThrow();
    }

    /** Relative intensity at this local hour; 1 is the day's average. */
    double at(int hour) {
        return weight[hour];
    }

    double peak() {
        return peak;
    }
}
