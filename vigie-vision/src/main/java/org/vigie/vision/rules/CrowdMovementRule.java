package org.vigie.vision.rules;

import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Polygon;

/**
 * A sudden rise of motion in a zone against that zone's own recent past: dense optical flow (Farneback) on a
 * very small frame gives the mean speed and the divergence (people running apart); each is compared with its
 * running mean and deviation. Busy places are not alarming for being busy, only for changing suddenly.
 */
public final class CrowdMovementRule implements SceneRule {
    private static final int WIDTH = 128;
    /** Seconds of history before the baseline is trusted. */
    private static final double WARMUP = 20;
    /** Seconds over which the baseline follows the zone (exponential memory). */
    private static final double MEMORY = 120;

    private final double sigma;
    private final double minSpeed;
    private final Mat prev = new Mat();
    private final Mat cur = new Mat();
    private final Mat flow = new Mat();
    private final Map<String, Baseline> baselines = new HashMap<>();
    private double lastT = Double.NaN;

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
        var out = new ArrayList<Finding>();
        double dt = f.t() - lastT;
        if (!prev.empty() && dt > 0 && dt < 2) {
            calcOpticalFlowFarneback(prev, cur, flow, 0.5, 2, 9, 2, 5, 1.1, 0);
            var zones = f.layout().zones(Zone.Kind.COUNTING);
            if (zones.isEmpty()) {
                zones = List.of(new Zone("frame", Zone.Kind.COUNTING, Polygon.wholeFrame()));
            }
            for (Zone z : zones) {
                double[] m = measure(z.polygon(), h, dt);
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
                    // The baseline learns only from ordinary moments, so a long alarm does not become normal.
                    double a = Math.max(1.0 / ++b.n, dt / MEMORY);
                    double d0 = m[0] - b.mean;
                    b.mean += a * d0;
                    b.var = (1 - a) * (b.var + a * d0 * d0);
                    double d1 = m[1] - b.divMean;
                    b.divMean += a * d1;
                    b.divVar = (1 - a) * (b.divVar + a * d1 * d1);
                }
            }
        }
        cur.copyTo(prev);
        lastT = f.t();
        return out;
    }

    /** Mean speed in percent of the frame width per second, and mean divergence per second, inside the zone. */
    private double[] measure(Polygon zone, int h, double dt) {
        double speed = 0;
        double div = 0;
        int n = 0;
        try (FloatIndexer idx = flow.createIndexer()) {
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < WIDTH - 1; x++) {
                    if (!zone.contains((x + 0.5) / WIDTH, (y + 0.5) / h)) {
                        continue;
                    }
                    float fx = idx.get(y, x, 0);
                    float fy = idx.get(y, x, 1);
                    speed += Math.hypot(fx, fy);
                    div += (idx.get(y, x + 1, 0) - idx.get(y, x - 1, 0)) / 2 + (idx.get(y + 1, x, 1) - idx.get(y - 1, x, 1)) / 2;
                    n++;
                }
            }
        }
        if (n == 0) {
            return new double[] {0, 0};
        }
        return new double[] {100 * speed / n / WIDTH / dt, div / n / dt};
    }
}
