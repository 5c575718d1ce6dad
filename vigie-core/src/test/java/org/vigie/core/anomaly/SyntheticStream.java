package org.vigie.core.anomaly;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.vigie.core.model.EventType;

/**
 * Seeded Poisson counts with a weekly rhythm in local time: a daily shape (quiet nights, busy evenings) and
 * livelier Friday and Saturday evenings, quieter Sundays, scaled per zone and type.
 */
final class SyntheticStream {
    /** Relative rate of each local hour of the day; mean about 1. */
    static final double[] DAY = {
        0.5, 0.35, 0.25, 0.2, 0.2, 0.3, 0.5, 0.8, 1.1, 1.2, 1.2, 1.3,
        1.4, 1.3, 1.2, 1.2, 1.3, 1.5, 1.7, 1.8, 1.7, 1.5, 1.2, 0.8};

    interface Sink {
        void accept(Zone zone, EventType type, Instant at, int count);
    }

    final List<Zone> zones;
    final List<EventType> types;
    final double[][] base;
    final LocalHours hours;

    SyntheticStream(List<Zone> zones, List<EventType> types, double[][] base, LocalHours hours) {
        this.zones = zones;
        this.types = types;
        this.base = base;
        this.hours = hours;
    }

    /** Base rates drawn log-uniformly in [lo, hi] events per hour. */
    static double[][] rates(int zones, int types, double lo, double hi, Random rnd) {
        var r = new double[zones][types];
        for (int z = 0; z < zones; z++) {
            for (int t = 0; t < types; t++) {
                r[z][t] = lo * Math.pow(hi / lo, rnd.nextDouble());
            }
        }
        return r;
    }

    static double weekFactor(int hourOfWeek) {
        int day = hourOfWeek / 24; // 0 = Monday
        int hour = hourOfWeek % 24;
        if ((day == 4 || day == 5) && hour >= 19 || (day == 5 || day == 6) && hour <= 2) {
            return 2.0;
        }
        return day == 6 ? 0.7 : 1.0;
    }

    double rate(int z, int t, int hourOfWeek) {
        return base[z][t] * DAY[hourOfWeek % 24] * weekFactor(hourOfWeek);
    }

    /** Every local hour in [from, to): one call per zone and type with a nonzero count, in time order. */
    void run(Instant from, Instant to, Random rnd, Sink sink) {
        run(from, to, rnd, h -> { }, sink);
    }

    /** As {@link #run(Instant, Instant, Random, Sink)}, telling {@code onHour} when each hour begins. */
    void run(Instant from, Instant to, Random rnd, java.util.function.Consumer<Instant> onHour, Sink sink) {
        for (Instant h = hours.start(from); h.isBefore(to); h = hours.next(h)) {
            onHour.accept(h);
            int how = hours.hourOfWeek(h);
            for (int z = 0; z < zones.size(); z++) {
                for (int t = 0; t < types.size(); t++) {
                    int c = poisson(rate(z, t, how), rnd);
                    if (c > 0) {
                        sink.accept(zones.get(z), types.get(t), h.plusSeconds(rnd.nextInt(3600)), c);
                    }
                }
            }
        }
    }

    static int poisson(double lambda, Random rnd) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = rnd.nextDouble();
        while (p > l) {
            k++;
            p *= rnd.nextDouble();
        }
        return k;
    }
}
