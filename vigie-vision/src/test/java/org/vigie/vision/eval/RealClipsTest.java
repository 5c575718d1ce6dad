package org.vigie.vision.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.detect.HogPersonDetector;
import org.vigie.vision.pipeline.CameraPipeline;
import org.vigie.vision.source.FfmpegFrameSource;
import org.vigie.vision.source.VideoFrame;

/** The pipeline on the real clips of ../shared/data/video. */
class RealClipsTest {
    static final Path DATA = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/video");

    @Test
    void fireOnTheFurgHouseClipIsSeenInNineFramesOutOfTen() throws Exception {
        var labels = FurgLabels.read(DATA.resolve("furg-fire/house6.xml"));
        var cam = CameraConfig.defaults("furg", "house6", 43.3, 5.4, 50);
        try (var hog = new HogPersonDetector()) {
            var r = Evaluations.fire(DATA.resolve("furg-fire/house6.mp4").toString(), labels, cam, hog);
            System.out.printf("house6: frames=%d analysed=%d recall=%.3f precision=%.3f%n", r.totalFrames(), r.analysedFrames(),
                    r.frames().recall(), r.frames().precision());
            assertThat(r.frames().recall()).isGreaterThanOrEqualTo(0.9);
            assertThat(r.events()).anyMatch(e -> e.type() == EventType.FIRE);
            // The house burns for the whole 36 s clip: one episode, not one per flame that splits off or pauses.
            var phases = r.events().stream().filter(e -> e.type() == EventType.FIRE)
                    .map(e -> e.attributes().findText("phase").orElse("")).toList();
            assertThat(phases.stream().filter("start"::equals).count()).isLessThanOrEqualTo(2);
            assertThat(r.events()).anyMatch(e -> e.type() == EventType.FIRE
                    && "end".equals(e.attributes().findText("phase").orElse(""))
                    && e.attributes().findNumber("duration_s").orElseThrow() >= 25);
        }
    }

    @Test
    void pedestriansOnTudCampusAreFoundAndRaiseNoFireNorAbandonedObject() throws Exception {
        var labels = MotLabels.read(DATA.resolve("mot15/TUD-Campus/gt/gt.txt"));
        var cam = CameraConfig.defaults("tud", "tud", 50.0, 8.6, 50);
        try (var full = new HogPersonDetector(); var gated = new HogPersonDetector()) {
            var r = Evaluations.persons(DATA.resolve("mot15/TUD-Campus/TUD-Campus.mp4").toString(), labels, cam, full, gated);
            System.out.printf("TUD-Campus HOG: frames=%d detector P=%.3f R=%.3f pipeline P=%.3f R=%.3f%n", r.frames(),
                    r.detector().precision(), r.detector().recall(), r.pipeline().precision(), r.pipeline().recall());
            assertThat(r.frames()).isEqualTo(71);
            assertThat(r.detector().recall()).isGreaterThan(0.3);
            assertThat(r.detector().precision()).isGreaterThan(0.5);
            assertThat(r.events()).noneMatch(e -> e.type() == EventType.FIRE || e.type() == EventType.ABANDONED_OBJECT);
        }
    }

    /**
     * TUD-Campus is under 3 s long; played forward and back for 75 s, walkers keep crossing the same places, and a
     * foot in mid-stride is still at the same spot every pass. Such intermittent still things must not add up to an
     * object left for the dwell time (60 s by default).
     */
    @Test
    void aMinuteOfPedestriansPassingBackAndForthLeavesNoObject() throws Exception {
        var cam = CameraConfig.defaults("tud", "tud", 50.0, 8.6, 50);
        var frames = new ArrayList<Mat>();
        try (var source = new FfmpegFrameSource(DATA.resolve("mot15/TUD-Campus/TUD-Campus.mp4").toString(),
                FfmpegFrameSource.Settings.defaults().withAnalysisFps(cam.analysisFps()), InstantSource.system(), d -> { })) {
            for (var f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get().image().clone());
            }
        }
        assertThat(frames).hasSizeGreaterThan(10);
        var events = new ArrayList<Event>();
        Instant start = Instant.parse("2026-11-29T08:00:00Z");
        double step = 1 / cam.analysisFps();
        try (var hog = new HogPersonDetector();
             var pipeline = new CameraPipeline(cam, hog, Optional.empty(), Optional.empty(), InstantSource.system())) {
            int n = frames.size();
            long index = 0;
            for (int pass = 0; index * step < 75; pass++) {
                for (int i = 0; i < n; i++, index++) {
                    Mat m = frames.get(pass % 2 == 0 ? i : n - 1 - i);
                    double t = index * step;
                    events.addAll(pipeline.process(new VideoFrame(index, t, start.plusMillis(Math.round(t * 1000)), m)).events());
                }
            }
            double end = index * step;
            events.addAll(pipeline.finish(start.plusMillis(Math.round(end * 1000)), end).events());
        } finally {
            frames.forEach(Mat::close);
        }
        assertThat(events).noneMatch(e -> e.type() == EventType.ABANDONED_OBJECT || e.type() == EventType.FIRE);
    }
}
