package org.vigie.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import java.time.Duration;
import java.util.Set;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.camera.ClipSettings;
import org.vigie.vision.camera.RuleSettings;
import org.vigie.vision.geom.Polygon;
import org.vigie.vision.detect.Detector;
import org.vigie.vision.pipeline.CameraPipeline;
import org.vigie.vision.pipeline.CountSample;
import org.vigie.vision.source.VideoFrame;

/**
 * A rendered street for tests: a textured background (pavement, a wall), persons drawn as blue upright shapes that
 * {@link PaintedPersonDetector} finds, other things in other colours. Frames go straight into a pipeline.
 */
public final class Scene {
    public static final int W = 640;
    public static final int H = 360;
    public static final Scalar PERSON = new Scalar(200, 40, 30, 0);
    public static final Instant T0 = Instant.parse("2026-06-21T10:00:00Z");

    private Scene() {
    }

    /** A test camera: short dwell times so scenes stay short. */
    public static CameraConfig camera(CameraLayout layout) {
        var d = RuleSettings.defaults();
        var rules = new RuleSettings(Duration.ofSeconds(10), d.abandonedClearance(), Duration.ofSeconds(2), 5,
                Duration.ofSeconds(6), d.densityPerSquareMetre(), 5, Duration.ofSeconds(2), d.movementSigma(),
                d.movementMinSpeed(), d.fireAfter(), Duration.ofSeconds(5), d.graffitiShare(), Duration.ofSeconds(5),
                d.furnitureSimilarity(), d.weaponScore(), Set.of());
        var base = CameraConfig.defaults("cam-test", "test", 43.2965, 5.3698, 20);
        return new CameraConfig(base.id(), base.url(), base.lat(), base.lon(), base.accuracyMeters(), base.heading(), 5, 640,
                base.profile(), base.detector(), Optional.empty(), rules, layout, ClipSettings.defaults());
    }

    public static Polygon rect(double x1, double y1, double x2, double y2) {
        return new Polygon(List.of(new Polygon.Point(x1, y1), new Polygon.Point(x2, y1), new Polygon.Point(x2, y2), new Polygon.Point(x1, y2)));
    }


    /** A background with texture, so that lighting normalisation and edges have something to work on. */
    public static void background(Mat m, double light) {
        m.put(new Scalar(95 * light, 100 * light, 105 * light, 0));
        for (int y = 0; y < H; y += 24) {
            opencv_imgproc.line(m, new Point(0, y), new Point(W, y), new Scalar(70 * light, 75 * light, 80 * light, 0), 1, 8, 0);
        }
        for (int x = 0; x < W; x += 48) {
            opencv_imgproc.line(m, new Point(x, 0), new Point(x, H), new Scalar(70 * light, 75 * light, 80 * light, 0), 1, 8, 0);
        }
    }

    public static void person(Mat m, double cx, double footY, double w, double h) {
        opencv_imgproc.rectangle(m, new Point((int) (cx - w / 2), (int) (footY - h)), new Point((int) (cx + w / 2), (int) footY),
                PERSON, -1, 8, 0);
    }

    public static void box(Mat m, double x, double y, double w, double h, Scalar colour) {
        opencv_imgproc.rectangle(m, new Point((int) x, (int) y), new Point((int) (x + w), (int) (y + h)), colour, -1, 8, 0);
        // a thing has edges of its own
        opencv_imgproc.line(m, new Point((int) x, (int) (y + h / 2)), new Point((int) (x + w), (int) (y + h / 2)),
                new Scalar(20, 20, 20, 0), 2, 8, 0);
    }

    /** Everything a run produced. */
    public record Run(List<Event> events, List<CountSample> counts, CameraPipeline pipeline) {
        public List<Event> of(EventType type) {
            return events.stream().filter(e -> e.type() == type).toList();
        }

        public List<Event> starts(EventType type) {
            return of(type).stream().filter(e -> "start".equals(e.attributes().findText("phase").orElse(""))).toList();
        }
    }

    /**
     * Renders {@code seconds} of scene at the camera's analysis rate through a pipeline.
     *
     * @param painter draws frame at time t (seconds) on a blank image
     */
    public static Run run(CameraConfig config, double seconds, BiConsumer<Double, Mat> painter) {
        return run(config, new PaintedPersonDetector(), seconds, painter, null);
    }

    public static Run run(CameraConfig config, Detector detector, double seconds, BiConsumer<Double, Mat> painter,
                          java.util.function.BiConsumer<Double, CameraPipeline> between) {
        var events = new ArrayList<Event>();
        var counts = new ArrayList<CountSample>();
        var pipeline = new CameraPipeline(config, detector, Optional.empty(), Optional.empty(), InstantSource.fixed(T0.plusSeconds(86400)));
        int n = (int) Math.round(seconds * config.analysisFps());
        try (Mat m = new Mat(H, W, CV_8UC3)) {
            double t = 0;
            for (int i = 0; i < n; i++) {
                t = i / config.analysisFps();
                if (between != null) {
                    between.accept(t, pipeline);
                }
                background(m, 1.0);
                painter.accept(t, m);
                var out = pipeline.process(new VideoFrame(i, t, T0.plusNanos((long) (t * 1e9)), m));
                events.addAll(out.events());
                counts.addAll(out.counts());
            }
            var end = pipeline.finish(T0.plusNanos((long) (t * 1e9)), t);
            events.addAll(end.events());
            counts.addAll(end.counts());
        }
        return new Run(events, counts, pipeline);
    }
}
