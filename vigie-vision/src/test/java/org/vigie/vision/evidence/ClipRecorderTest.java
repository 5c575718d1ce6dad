package org.vigie.vision.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.vision.PaintedPersonDetector;
import org.vigie.vision.Scene;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.camera.ClipSettings;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.eval.MotLabels;
import org.vigie.vision.geom.Box;
import org.vigie.vision.pipeline.CameraPipeline;
import org.vigie.vision.source.FfmpegFrameSource;
import org.vigie.vision.source.VideoFrame;

/** Clips with pre-roll: persons pixelated in every frame, frames kept compressed, WebM a browser plays. */
class ClipRecorderTest {
    static final Path TUD = PixelationOnTudCampusTest.DATA;

    @TempDir
    Path dir;

    @Test
    void everyFrameOfAClipOnTudCampusHasItsPersonsPixelated() throws Exception {
        var labels = MotLabels.read(TUD.resolve("gt/gt.txt"));
        var recorder = new ClipRecorder(1.0, 1.0, 25);
        Map<Long, Mat> rawGrey = new HashMap<>();
        Map<Long, Integer> indexAt = new HashMap<>();
        var clips = new ArrayList<ClipRecorder.Clip>();
        long maxRing = 0;
        try (var source = new FfmpegFrameSource(TUD.resolve("TUD-Campus.mp4").toString(),
                FfmpegFrameSource.Settings.defaults().withAnalysisFps(1000).withSkipNonReference(false), InstantSource.system(), d -> { })) {
            for (var f = source.next(); f.isPresent(); f = source.next()) {
                VideoFrame vf = f.get();
                int index = (int) vf.index() + 1;
                rawGrey.put(ms(vf.offsetSeconds()), grey(vf.image()));
                indexAt.put(ms(vf.offsetSeconds()), index);
                if (index == 36) {
                    recorder.trigger("episode-1", vf.offsetSeconds());
                }
                clips.addAll(recorder.offer(vf.offsetSeconds(), vf.capturedAt(), vf.image(), labels.boxes(index)));
                maxRing = Math.max(maxRing, recorder.ringBytes());
            }
        }
        assertThat(clips).singleElement();
        ClipRecorder.Clip clip = clips.get(0);
        assertThat(clip.keys()).containsExactly("episode-1");
        // one second before (25 frames plus the trigger frame) and one after
        assertThat(clip.offsets()).hasSizeBetween(48, 53);
        assertThat(clip.offsets().get(0)).isLessThan(0.45);
        // the ring holds about one second of JPEG frames, nothing raw (a raw 640x480 frame alone is 900 kB)
        assertThat(maxRing).isLessThan(27L * 120_000);

        var decoded = decode(clip.webm());
        assertThat(decoded).hasSize(clip.offsets().size());
        int checked = 0;
        double before = 0;
        double after = 0;
        for (int i = 0; i < decoded.size(); i++) {
            int index = indexAt.get(ms(clip.offsets().get(i)));
            Mat raw = rawGrey.get(ms(clip.offsets().get(i)));
            Mat out = decoded.get(i);
            for (Box b : labels.boxes(index)) {
                Box c = b.clip(out.cols(), out.rows());
                if (c.w() < 16 || c.h() < 16) {
                    continue;
                }
                double d0 = PixelationOnTudCampusTest.detail(raw, c);
                double d1 = PixelationOnTudCampusTest.detail(out, c);
                if (d0 > 0.05) {
                    // Half the detail at most, or the floor that pixelated video keeps anyway: the borders between
                    // blocks (one column in 8 to 10) and some codec noise.
                    assertThat(d1).as("detail inside %s of frame %d (%.3f before)", b, index, d0).isLessThan(Math.max(0.5 * d0, 0.12));
                    checked++;
                }
                before += d0;
                after += d1;
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(after).isLessThan(0.35 * before);
        rawGrey.values().forEach(Mat::close);
        decoded.forEach(Mat::close);
    }

    @Test
    void aPipelineWithClipsOnSendsTheClipAsAnUpdateOfTheEpisodeAndWithClipsOffDoesNot() throws Exception {
        var store = new DirectoryEvidenceStore(dir.resolve("evidence"));
        var layout = new CameraLayout(List.of(), List.of(new Zone("voie", Zone.Kind.FORBIDDEN, Scene.rect(0.6, 0.5, 1, 1))),
                List.of(), Optional.empty());
        List<Event> on = run(Scene.camera(layout).withClip(new ClipSettings(true, 2, 2)), store);
        var clipRefs = on.stream().flatMap(e -> e.evidence().stream()).filter(r -> r.kind() == EvidenceRef.Kind.CLIP).toList();
        assertThat(clipRefs).hasSize(1);
        Event withClip = on.stream().filter(e -> e.evidence().stream().anyMatch(r -> r.kind() == EvidenceRef.Kind.CLIP)).findFirst().orElseThrow();
        assertThat(withClip.type()).isEqualTo(EventType.ZONE_INTRUSION);
        assertThat(withClip.attributes().findText("phase")).contains("update");
        Event start = on.stream().filter(e -> e.type() == EventType.ZONE_INTRUSION
                && e.attributes().findText("phase").orElse("").equals("start")).findFirst().orElseThrow();
        assertThat(withClip.attributes().findText("episode")).isEqualTo(start.attributes().findText("episode"));
        // the person is still in the zone when the clip is ready: the update is as of then
        assertThat(withClip.attributes().findNumber("duration_s").orElseThrow()).isGreaterThanOrEqualTo(2.0);
        var stored = store.open(clipRefs.get(0).uri()).orElseThrow();
        assertThat(stored.mediaType()).isEqualTo("video/webm");
        // 2 s before and 2 s after at 5 frames per second
        assertThat(decode(stored.bytes())).hasSizeBetween(20, 22);

        List<Event> off = run(Scene.camera(layout).withClip(new ClipSettings(false, 2, 2)), store);
        assertThat(off).anyMatch(e -> e.type() == EventType.ZONE_INTRUSION);
        assertThat(off.stream().flatMap(e -> e.evidence().stream())).noneMatch(r -> r.kind() == EvidenceRef.Kind.CLIP);
    }

    /** A clip ready after its episode ended describes the episode as it ended, not as going on. */
    @Test
    void anEpisodeThatEndedBeforeItsClipWasReadyIsDescribedAsItEnded() throws Exception {
        var store = new DirectoryEvidenceStore(dir.resolve("evidence"));
        var layout = new CameraLayout(List.of(), List.of(new Zone("voie", Zone.Kind.FORBIDDEN, Scene.rect(0.6, 0.5, 1, 1))),
                List.of(), Optional.empty());
        // walks through the zone and out of the picture (at 12 s); the clip runs 10 s past the start
        List<Event> events = run(Scene.camera(layout).withClip(new ClipSettings(true, 1, 10)), store, t -> 40 + 50 * t, 120);
        Event end = events.stream().filter(e -> e.type() == EventType.ZONE_INTRUSION
                && e.attributes().findText("phase").orElse("").equals("end")).findFirst().orElseThrow();
        Event withClip = events.stream().filter(e -> e.evidence().stream().anyMatch(r -> r.kind() == EvidenceRef.Kind.CLIP))
                .findFirst().orElseThrow();
        assertThat(events.indexOf(withClip)).isGreaterThan(events.indexOf(end));
        assertThat(withClip.attributes().findText("phase")).contains("update");
        assertThat(withClip.occurredAt()).isCloseTo(end.occurredAt(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(withClip.attributes().findNumber("duration_s")).isEqualTo(end.attributes().findNumber("duration_s"));
    }

    @Test
    void eventsThatStartWhileAClipRecordsShareItAndALaterOneGetsItsOwn() {
        var recorder = new ClipRecorder(1.0, 2.0, 5);
        var clips = new ArrayList<ClipRecorder.Clip>();
        try (Mat m = new Mat(120, 160, CV_8UC3)) {
            Scene.background(m, 1.0);
            for (int i = 0; i < 100; i++) {
                double t = i / 5.0;
                if (i == 10) {
                    recorder.trigger("a", t);
                }
                if (i == 15) {
                    recorder.trigger("b", t); // 1 s later, while "a" still records: shared, extended to 3 + 2 s
                }
                if (i == 60) {
                    recorder.trigger("c", t);
                }
                clips.addAll(recorder.offer(t, Scene.T0.plusMillis(i * 200L), m, List.of()));
            }
        }
        assertThat(clips).extracting(ClipRecorder.Clip::keys).containsExactly(List.of("a", "b"), List.of("c"));
        // "a": from 1 s before t=2 to 2 s after "b" at t=3, at 5 frames per second
        assertThat(clips.get(0).offsets()).first().isEqualTo(1.0);
        assertThat(clips.get(0).offsets()).last().isEqualTo(5.0);
        assertThat(recorder.pendingClips()).isZero();
    }

    private static List<Event> run(org.vigie.vision.camera.CameraConfig cam, DirectoryEvidenceStore store) {
        return run(cam, store, t -> Math.min(40 + 50 * t, 480), 60);
    }

    /** @param personX where the person is at each time (left edge, pixels); analysed at 5 frames a second */
    private static List<Event> run(org.vigie.vision.camera.CameraConfig cam, DirectoryEvidenceStore store,
                                   java.util.function.DoubleUnaryOperator personX, int frames) {
        var events = new ArrayList<Event>();
        try (var p = new CameraPipeline(cam, new PaintedPersonDetector(), Optional.empty(), Optional.of(store),
                InstantSource.fixed(Scene.T0.plusSeconds(86400)));
             Mat m = new Mat(Scene.H, Scene.W, CV_8UC3)) {
            double t = 0;
            for (int i = 0; i < frames; i++) {
                t = i / 5.0;
                Scene.background(m, 1.0);
                Scene.person(m, personX.applyAsDouble(t), 300, 24, 64);
                events.addAll(p.process(new VideoFrame(i, t, Scene.T0.plusNanos((long) (t * 1e9)), m)).events());
            }
            events.addAll(p.finish(Scene.T0.plusNanos((long) (t * 1e9)), t).events());
        }
        return events;
    }

    private static List<Mat> decode(byte[] webm) throws Exception {
        var out = new ArrayList<Mat>();
        try (var g = new FFmpegFrameGrabber(new ByteArrayInputStream(webm)); var conv = new OpenCVFrameConverter.ToMat()) {
            g.setFormat("webm");
            g.start();
            assertThat(g.getVideoCodecName()).isIn("vp8", "libvpx");
            for (Frame f = g.grabImage(); f != null; f = g.grabImage()) {
                out.add(grey(conv.convert(f)));
            }
            g.stop();
        }
        return out;
    }

    private static long ms(double seconds) {
        return Math.round(seconds * 1000);
    }

    private static Mat grey(Mat bgr) {
        Mat g = new Mat();
        opencv_imgproc.cvtColor(bgr, g, opencv_imgproc.COLOR_BGR2GRAY);
        return g;
    }
}
