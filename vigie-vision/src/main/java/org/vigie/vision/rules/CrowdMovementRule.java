package org.vigie.vision.rules;

import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Box;
import org.vigie.vision.geom.Polygon;

/**
 * A sudden rise of motion in a zone against that zone's own recent past: dense optical flow (Farneback) on a
 * very small frame gives the mean speed and the divergence (people running apart); each is compared with its
 * running mean and deviation. Busy places are not alarming for being busy, only for changing suddenly.
 *
 * <p>The flow is the most expensive thing the rules compute, so it is measured every {@value #MEASURE_EVERY} s rather
 * than on every analysed frame, and not computed at all while no zone holds motion (its speed is then zero).
 */
public final class CrowdMovementRule implements SceneRule {
    private static final int WIDTH = 128;
    /** Seconds of history before the baseline is trusted. */
    private static final double WARMUP = 20;
    /** Seconds between two measures of the flow (every second frame at the default 5 analysed frames per second). */
    private static final double MEASURE_EVERY = 0.35;
    /** Seconds over which the baseline follows the zone (exponential memory). */
    private static final double MEMORY = 120;

    private final double sigma;
    private final double minSpeed;
    private final Mat prev = new Mat();
    private final Mat cur = new Mat();
    private final Mat flow = new Mat();
    private final Map<String, Baseline> baselines = new HashMap<>();
    private static final Zone WHOLE_FRAME = new Zone("frame", Zone.Kind.COUNTING, Polygon.wholeFrame());
    /** Pixels of the flow inside each zone, per flow height. */
    private final Map<Zone, Map<Integer, boolean[]>> zonePixels = new HashMap<>();
    private float[] values = new float[0];
    private double lastT = Double.NaN;
    private double lastMeasureT = Double.NaN;
    private List<Finding> findings = List.of();

    private static final class Baseline {
        double first = Double.NaN;
        double mean;
        double var;
        double divMean;
        double divVar;
        int n;
    }

    /**
     * @param sigma    deviations above the baseline that count as sudden
     * @param minSpeed mean speed (percent of the frame width per second) below which nothing is alarming
     */
    public CrowdMovementRule(double sigma, double minSpeed) {
        this.sigma = sigma;
        this.minSpeed = minSpeed;
    }

    @Override
    public EventType type() {
        return EventType.CROWD_MOVEMENT;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return DECREE;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        int h = Math.max(8, (int) Math.round(WIDTH * f.height() / (double) f.width()));
        opencv_imgproc.resize(f.grey(), cur, new Size(WIDTH, h), 0, 0, opencv_imgproc.INTER_AREA);
        double dt = f.t() - lastT;
        // A sudden rise lasts seconds, so a measure every MEASURE_EVERY seconds sees it as well as one per frame, at a
        // fraction of the cost (dense flow is the most expensive thing here). Between two measures the findings
        // stand as they were, so an episode does not flicker.
        if (prev.empty() || !(dt > 0 && dt < 2)) {
            findings = List.of();
        } else if (!(f.t() - lastMeasureT < MEASURE_EVERY)) {
            var zones = f.layout().zones(Zone.Kind.COUNTING);
            if (zones.isEmpty()) {
                zones = List.of(WHOLE_FRAME);
            }
            zonePixels.keySet().retainAll(zones); // zones replaced on a running camera
            // Where nothing moves the flow is zero: no need to compute it when no zone holds motion.
            boolean flowing = false;
            for (Zone z : zones) {
                flowing |= hasMotion(f, z);
            }
            if (flowing) {
                calcOpticalFlowFarneback(prev, cur, flow, 0.5, 2, 9, 2, 5, 1.1, 0);
            }
            double since = Double.isNaN(lastMeasureT) ? dt : f.t() - lastMeasureT;
            lastMeasureT = f.t();
            findings = measureZones(f, zones, h, dt, since, flowing);
        }
        cur.copyTo(prev);
        lastT = f.t();
        return findings;
    }

    private List<Finding> measureZones(SceneFrame f, List<Zone> zones, int h, double dt, double since, boolean flowing) {
        var out = new ArrayList<Finding>();
        for (Zone z : zones) {
            double[] m = flowing && hasMotion(f, z) ? measure(z, h, dt) : new double[] {0, 0};
            Baseline b = baselines.computeIfAbsent(z.name(), k -> new Baseline());
            if (Double.isNaN(b.first)) {
                b.first = f.t();
            }
            double sd = Math.max(Math.sqrt(b.var), Math.max(0.25 * b.mean, 0.3));
            double dsd = Math.max(Math.sqrt(b.divVar), 0.05);
            boolean warm = f.t() - b.first >= WARMUP;
            boolean fast = m[0] >= minSpeed && m[0] > b.mean + sigma * sd;
            boolean apart = m[0] >= minSpeed && m[1] > b.divMean + sigma * dsd;
            if (warm && (fast || apart)) {
                double z1 = (m[0] - b.mean) / sd;
                out.add(new Finding(z.name(), Math.min(0.9, 0.5 + 0.05 * z1), null,
                        Map.of("zone", z.name(), "speed_pct_s", Math.round(m[0] * 10) / 10.0,
                                "baseline_pct_s", Math.round(b.mean * 10) / 10.0, "divergence", Math.round(m[1] * 1000) / 1000.0)));
            } else {
                // The baseline learns only from ordinary moments, so a long alarm does not become normal. Its memory
                // is in seconds of stream, whatever the time between two measures.
                double a = Math.max(1.0 / ++b.n, Math.min(1, since / MEMORY));
                double d0 = m[0] - b.mean;
                b.mean += a * d0;
                b.var = (1 - a) * (b.var + a * d0 * d0);
                double d1 = m[1] - b.divMean;
                b.divMean += a * d1;
                b.divVar = (1 - a) * (b.divVar + a * d1 * d1);
            }
        }
        return out;
    }

    /** Whether a moving region touches the zone (its bounds: a cheap test that may say yes for nothing, never no). */
    private static boolean hasMotion(SceneFrame f, Zone z) {
        if (z == WHOLE_FRAME) {
            return !f.motion().isEmpty();
        }
        Box zb = z.polygon().bounds().scale(f.width(), f.height());
        for (Box m : f.motion()) {
            if (m.intersection(zb) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Mean speed in percent of the frame width per second, and mean divergence per second, inside the zone. The flow
     * is read in one copy and the zone's pixels are computed once per zone and frame size: this runs at every measure.
     */
    private double[] measure(Zone zone, int h, double dt) {
        int n2 = WIDTH * h * 2;
        if (values.length != n2) {
            values = new float[n2];
        }
        flow.data().capacity(n2 * 4L).asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().get(values);
        boolean[] inside = zonePixels.computeIfAbsent(zone, z -> new HashMap<>()).computeIfAbsent(h, hh -> pixelsOf(zone.polygon(), hh));
        double speed = 0;
        double div = 0;
        int n = 0;
        int row = WIDTH * 2;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < WIDTH - 1; x++) {
                if (!inside[y * WIDTH + x]) {
                    continue;
                }
                int p = y * row + x * 2;
                float fx = values[p];
                float fy = values[p + 1];
                speed += Math.sqrt(fx * fx + fy * fy);
                div += (values[p + 2] - values[p - 2]) / 2 + (values[p + row + 1] - values[p - row + 1]) / 2;
                n++;
            }
        }
        if (n == 0) {
            return new double[] {0, 0};
        }
        return new double[] {100 * speed / n / WIDTH / dt, div / n / dt};
    }

    private static boolean[] pixelsOf(Polygon zone, int h) {
        var out = new boolean[WIDTH * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < WIDTH; x++) {
                out[y * WIDTH + x] = zone.contains((x + 0.5) / WIDTH, (y + 0.5) / h);
            }
        }
        return out;
    }

    @Override
    public void close() {
        prev.close();
        cur.close();
        flow.close();
    }
}
