package org.vigie.audio.locate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.detect.Detection;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EvidenceRef;

/**
 * Where an impulse came from, from the times it reached several sensors with synchronised clocks. Arrival times
 * are refined by GCC-PHAT against the earliest sensor's segment, then the source position and emission time are
 * fitted by Gauss–Newton least squares (unknowns east, north, t0: no sensor is privileged).
 *
 * <p>Timing is checked, never trusted blindly: a sensor whose arrival time is impossible for the geometry (two
 * sensors d metres apart cannot hear one sound more than d / 343 s apart), or that stays off the fit by more than
 * the skew bound, is left out and named in the result, since the usual cause is a clock that drifted.
 */
public final class Localiser {
    public static final double SPEED_OF_SOUND = 343.0;
    /**
     * Default bound on timing error, 3.4 m of sound travel: GPS- or PTP-disciplined clocks and positions surveyed to a
     * metre stay well under it; a drifting NTP clock does not.
     */
    public static final Duration DEFAULT_SKEW_BOUND = Duration.ofMillis(10);

    /** One sensor's hearing of the impulse: the segment kept around its onset and when its first sample was taken. */
    public record Arrival(AcousticSensor sensor, Instant onset, Instant segmentStart, float[] segment, int sampleRate) {
        public Arrival {
            Objects.requireNonNull(sensor, "sensor");
            Objects.requireNonNull(onset, "onset");
            Objects.requireNonNull(segmentStart, "segmentStart");
        }

        public static Arrival of(AcousticSensor sensor, Detection d) {
            return new Arrival(sensor, d.onsetTime(), d.segmentStart(), d.impulse().segment(), d.impulse().sampleRate());
        }
    }

    /**
     * @param radiusMeters   about two standard deviations of the position along its least certain direction
     * @param clockSkewed    sensors left out because their timing contradicted the others
     * @param rmsResidualMs  how well the arrival times agree with the position, in milliseconds
     */
    public record Fix(double lat, double lon, double radiusMeters, int sensorsUsed, List<String> clockSkewed,
                      double rmsResidualMs) {
    }

    /** A fix, or why there is none (and which sensors' clocks were found wrong either way). */
    public record Result(Optional<Fix> fix, List<String> clockSkewed, String problem) {
    }

    private final double skewBound;

    public Localiser(Duration skewBound) {
        this.skewBound = skewBound.toNanos() / 1e9;
    }

    public Result locate(List<Arrival> heard) {
        List<Arrival> arrivals = distinctSensors(heard);
        if (arrivals.size() < 3) {
            return new Result(Optional.empty(), List.of(), "heard by " + arrivals.size() + " sensor(s); 3 or more needed");
        }
        Arrival ref = arrivals.stream().min(Comparator.comparing(Arrival::onset)).orElseThrow();
        LocalFrame frame = new LocalFrame(ref.sensor().lat(), ref.sensor().lon());
        int m = arrivals.size();
        double[][] pos = new double[m][];
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            Arrival a = arrivals.get(i);
            pos[i] = frame.toMetres(a.sensor().lat(), a.sensor().lon());
            t[i] = arrivalSeconds(ref, a);
        }
        boolean[] used = new boolean[m];
        java.util.Arrays.fill(used, true);
        List<String> skewed = new ArrayList<>();
        rejectImpossiblePairs(pos, t, used, arrivals, skewed);
        double[] p = count(used) >= 3 ? fit(pos, t, used) : null;
        // A sensor off the fit by more than the bound: leave out the one whose absence fits the rest best, as long
        // as four remain to show that the rest agree.
        while (p != null && maxResidual(pos, t, used, p) > skewBound && count(used) >= 5) {
            int culprit = -1;
            double bestRms = Double.POSITIVE_INFINITY;
            double[] bestFit = null;
            for (int i = 0; i < m; i++) {
                if (!used[i]) {
                    continue;
                }
                used[i] = false;
                double[] q = fit(pos, t, used);
                double rms = rmsResidual(pos, t, used, q);
                used[i] = true;
                if (rms < bestRms) {
                    bestRms = rms;
                    culprit = i;
                    bestFit = q;
                }
            }
            used[culprit] = false;
            skewed.add(arrivals.get(culprit).sensor().id());
            p = bestFit;
        }
        if (count(used) < 3 || p == null) {
            return new Result(Optional.empty(), List.copyOf(skewed), "fewer than 3 sensors with consistent timing");
        }
        double rms = rmsResidual(pos, t, used, p);
        if (maxResidual(pos, t, used, p) > skewBound) {
            return new Result(Optional.empty(), List.copyOf(skewed), String.format(java.util.Locale.ROOT,
                    "arrival times disagree by up to %.1f ms, more than the %.1f ms skew bound; too few sensors to tell whose clock is wrong", maxResidual(pos, t, used, p) * 1e3, skewBound * 1e3));
        }
        double radius = radius(pos, used, p, rms, ref.sampleRate());
        double[] ll = frame.toDegrees(p[0], p[1]);
        var fix = new Fix(ll[0], ll[1], radius, count(used), List.copyOf(skewed), rms * 1e3);
        return new Result(Optional.of(fix), List.copyOf(skewed), null);
    }

    /**
     * The event one sensor raised, placed where the array located it: location and radius from the fix, the number
     * of sensors used, and any sensor whose clock was found wrong. Without a fix the event keeps the sensor's place
     * and says why.
     */
    public static Event located(Event event, Result result) {
        return located(event, result, event.evidence());
    }

    /** As {@link #located(Event, Result)}, with the evidence of every sensor that heard it. */
    public static Event located(Event event, Result result, List<EvidenceRef> evidence) {
        var attributes = new LinkedHashMap<String, Object>(event.attributes().asMap());
        if (!result.clockSkewed().isEmpty()) {
            attributes.put("clock_skew_sensors", String.join(",", result.clockSkewed()));
        }
        var builder = Event.builder().id(event.id()).type(event.type()).occurredAt(event.occurredAt())
                .receivedAt(event.receivedAt()).source(event.source().kind(), event.source().id())
                .confidence(event.confidence()).severity(event.severity())
                .evidence(evidence.size() > Event.MAX_EVIDENCE ? evidence.subList(0, Event.MAX_EVIDENCE) : evidence);
        if (result.fix().isPresent()) {
            Fix fix = result.fix().get();
            attributes.put("sensors_used", (long) fix.sensorsUsed());
            attributes.put("location_radius_m", Math.round(fix.radiusMeters() * 10) / 10.0);
            attributes.put("timing_rms_ms", Math.round(fix.rmsResidualMs() * 1000) / 1000.0);
            builder.location(fix.lat(), fix.lon(), fix.radiusMeters());
        } else {
            attributes.put("localisation", result.problem().length() > 200 ? result.problem().substring(0, 200) : result.problem());
            builder.location(event.location());
        }
        return builder.attributes(Attributes.of(attributes)).build();
    }

    private static List<Arrival> distinctSensors(List<Arrival> heard) {
        var seen = new java.util.LinkedHashMap<String, Arrival>();
        for (Arrival a : heard) {
            seen.putIfAbsent(a.sensor().id(), a);
        }
        return List.copyOf(seen.values());
    }

    /**
     * Arrival time in seconds after the reference's onset: the onsets give it to a few milliseconds, GCC-PHAT on
     * 220 ms windows around them to a fraction of a sample.
     */
    private static double arrivalSeconds(Arrival ref, Arrival a) {
        double coarse = seconds(ref.onset(), a.onset());
        if (a == ref || a.sampleRate() != ref.sampleRate() || a.segment() == null || ref.segment() == null) {
            return a == ref ? 0 : coarse;
        }
        int rate = ref.sampleRate();
        int refFrom = Math.max(0, index(ref) - rate / 50);
        int aFrom = Math.max(0, index(a) - rate / 50);
        int length = rate / 50 + rate / 5;
        float[] w1 = java.util.Arrays.copyOfRange(ref.segment(), refFrom, Math.min(ref.segment().length, refFrom + length));
        float[] w2 = java.util.Arrays.copyOfRange(a.segment(), aFrom, Math.min(a.segment().length, aFrom + length));
        if (w1.length < rate / 100 || w2.length < rate / 100) {
            return coarse;
        }
        GccPhat.Delay d = GccPhat.delay(w1, w2, rate, 0.03);
        double start1 = seconds(ref.onset(), ref.segmentStart()) + refFrom / (double) rate;
        double start2 = seconds(ref.onset(), a.segmentStart()) + aFrom / (double) rate;
        return start2 - start1 + d.seconds();
    }

    private static int index(Arrival a) {
        return (int) Math.round(seconds(a.segmentStart(), a.onset()) * a.sampleRate());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** Leaves out, one at a time, the sensor in most pairs whose time difference exceeds their distance / c. */
    private void rejectImpossiblePairs(double[][] pos, double[] t, boolean[] used, List<Arrival> arrivals,
                                       List<String> skewed) {
        while (true) {
            int m = t.length;
            int[] violations = new int[m];
            double[] excess = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    if (!used[i] || !used[j]) {
                        continue;
                    }
                    double over = Math.abs(t[i] - t[j])
                            - Math.hypot(pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]) / SPEED_OF_SOUND;
                    if (over > skewBound) {
                        violations[i]++;
                        violations[j]++;
                        excess[i] += over;
                        excess[j] += over;
                    }
                }
            }
            // Only a sensor in more impossible pairs than any other is surely the culprit; a tie is left to the
            // fit, which tells which sensor's absence makes the others agree.
            int worst = -1;
            boolean tie = false;
            for (int i = 0; i < m; i++) {
                if (worst < 0 || violations[i] > violations[worst]) {
                    worst = i;
                    tie = false;
                } else if (violations[i] == violations[worst]) {
                    tie = true;
                }
            }
            if (worst < 0 || violations[worst] < 2 || tie) {
                return;
            }
            used[worst] = false;
            skewed.add(arrivals.get(worst).sensor().id());
        }
    }

    /** Gauss–Newton from several starts (the centroid, near each sensor, around the array); the best fit wins. */
    private static double[] fit(double[][] pos, double[] t, boolean[] used) {
        double cx = 0;
        double cy = 0;
        double spread = 0;
        int k = count(used);
        for (int i = 0; i < pos.length; i++) {
            if (used[i]) {
                cx += pos[i][0] / k;
                cy += pos[i][1] / k;
            }
        }
        for (int i = 0; i < pos.length; i++) {
            if (used[i]) {
                spread = Math.max(spread, Math.hypot(pos[i][0] - cx, pos[i][1] - cy));
            }
        }
        List<double[]> starts = new ArrayList<>();
        starts.add(new double[] {cx, cy});
        for (int i = 0; i < pos.length; i++) {
            if (used[i]) {
                starts.add(new double[] {0.9 * pos[i][0] + 0.1 * cx, 0.9 * pos[i][1] + 0.1 * cy});
            }
        }
        for (int a = 0; a < 8; a++) {
            double ang = a * Math.PI / 4;
            starts.add(new double[] {cx + 1.5 * spread * Math.cos(ang), cy + 1.5 * spread * Math.sin(ang)});
        }
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double[] s : starts) {
            double[] p = gaussNewton(pos, t, used, s[0], s[1]);
            double cost = rmsResidual(pos, t, used, p);
            if (cost < bestCost) {
                bestCost = cost;
                best = p;
            }
        }
        return best;
    }

    private static double[] gaussNewton(double[][] pos, double[] t, boolean[] used, double x, double y) {
        double t0 = 0;
        int k = 0;
        for (int i = 0; i < pos.length; i++) {
            if (used[i]) {
                t0 += t[i] - Math.hypot(x - pos[i][0], y - pos[i][1]) / SPEED_OF_SOUND;
                k++;
            }
        }
        double[] p = {x, y, t0 / k};
        for (int iteration = 0; iteration < 50; iteration++) {
            double[][] a = new double[3][3];
            double[] g = new double[3];
            for (int i = 0; i < pos.length; i++) {
                if (!used[i]) {
                    continue;
                }
                double dx = p[0] - pos[i][0];
                double dy = p[1] - pos[i][1];
                double d = Math.max(1e-3, Math.hypot(dx, dy));
                // Time unknown in milliseconds-of-sound-travel (metres) keeps the normal equations well scaled.
                double[] j = {dx / d, dy / d, SPEED_OF_SOUND};
                double r = SPEED_OF_SOUND * (p[2] - t[i]) + d;
                for (int u = 0; u < 3; u++) {
                    g[u] += j[u] * r;
                    for (int v = 0; v < 3; v++) {
                        a[u][v] += j[u] * j[v];
                    }
                }
            }
            for (int u = 0; u < 3; u++) {
                a[u][u] += 1e-6 * (1 + a[u][u]); // a touch of damping for three sensors nearly in line
            }
            double[] step = solve(a, g);
            if (step == null) {
                break;
            }
            p[0] -= step[0];
            p[1] -= step[1];
            p[2] -= step[2];
            if (Math.hypot(step[0], step[1]) < 1e-3) {
                break;
            }
        }
        return p;
    }

    private static double maxResidual(double[][] pos, double[] t, boolean[] used, double[] p) {
        double max = 0;
        for (int i = 0; i < pos.length; i++) {
            if (used[i]) {
                max = Math.max(max, Math.abs(p[2] + Math.hypot(p[0] - pos[i][0], p[1] - pos[i][1]) / SPEED_OF_SOUND - t[i]));
            }
        }
        return max;
    }

    private static double rmsResidual(double[][] pos, double[] t, boolean[] used, double[] p) {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < pos.length; i++) {
            if (used[i]) {
                double r = p[2] + Math.hypot(p[0] - pos[i][0], p[1] - pos[i][1]) / SPEED_OF_SOUND - t[i];
                sum += r * r;
                k++;
            }
        }
        return Math.sqrt(sum / k);
    }

    /**
     * Two standard deviations along the worst axis of the position covariance, with the timing noise taken as the
     * larger of the fit's residual and a tenth of a millisecond (what the segment's sampling and GCC can promise).
     */
    private static double radius(double[][] pos, boolean[] used, double[] p, double rms, int sampleRate) {
        int k = count(used);
        double sigma = Math.max(k > 3 ? rms * Math.sqrt(k / (double) (k - 3)) : rms, Math.max(1e-4, 1.0 / sampleRate));
        double[][] a = new double[3][3];
        for (int i = 0; i < pos.length; i++) {
            if (!used[i]) {
                continue;
            }
            double dx = p[0] - pos[i][0];
            double dy = p[1] - pos[i][1];
            double d = Math.max(1e-3, Math.hypot(dx, dy));
            double[] j = {dx / d / SPEED_OF_SOUND, dy / d / SPEED_OF_SOUND, 1};
            for (int u = 0; u < 3; u++) {
                for (int v = 0; v < 3; v++) {
                    a[u][v] += j[u] * j[v];
                }
            }
        }
        double[][] inv = invert(a);
        if (inv == null) {
            return 100_000;
        }
        double sxx = inv[0][0];
        double syy = inv[1][1];
        double sxy = inv[0][1];
        double lambda = (sxx + syy) / 2 + Math.sqrt(Math.pow((sxx - syy) / 2, 2) + sxy * sxy);
        return Math.min(100_000, Math.max(1, 2 * sigma * Math.sqrt(lambda)));
    }

    private static int count(boolean[] used) {
        int k = 0;
        for (boolean u : used) {
            k += u ? 1 : 0;
        }
        return k;
    }

    private static double[] solve(double[][] a, double[] b) {
        double[][] inv = invert(a);
        if (inv == null) {
            return null;
        }
        double[] x = new double[3];
        for (int u = 0; u < 3; u++) {
            for (int v = 0; v < 3; v++) {
                x[u] += inv[u][v] * b[v];
            }
        }
        return x;
    }

    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        if (!(Math.abs(det) > 1e-300)) {
            return null;
        }
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3;
                int i2 = (j + 2) % 3;
                int j1 = (i + 1) % 3;
                int j2 = (i + 2) % 3;
                r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
            }
        }
        return r;
    }
}
