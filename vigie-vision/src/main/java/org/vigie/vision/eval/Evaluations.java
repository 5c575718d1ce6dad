package org.vigie.vision.eval;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigie.core.model.Event;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.detect.Detector;
import org.vigie.vision.geom.Box;
import org.vigie.vision.pipeline.CameraPipeline;
import org.vigie.vision.rules.FireRule;
import org.vigie.vision.rules.SceneFrame;
import org.vigie.vision.source.FfmpegFrameSource;
import org.vigie.vision.source.VideoFrame;
import org.vigie.vision.track.Track;

/** Runs the pipeline over labelled clips and scores it; shared by the tests and {@code vigie video eval}. */
public final class Evaluations {
    private Evaluations() {
    }

    /** @param events every event the pipeline produced over the clip (a fire clip should have fire, a street not) */
    public record FireResult(Scores frames, long totalFrames, long analysedFrames, List<Event> events) {}

    /**
     * Frame-level fire detection: a frame counts as "fire" when the fire rule reports one at the last analysed
     * frame at or before it (the state an operator would see), against frames with at least one flame box.
     */
    public static FireResult fire(String video, FurgLabels labels, CameraConfig camera, Detector detector) {
        var events = new ArrayList<Event>();
        Scores s = new Scores(0, 0, 0, 0);
        long analysed = 0;
        long total;
        try (var source = new FfmpegFrameSource(video, FfmpegFrameSource.Settings.defaults()
                .withAnalysisFps(camera.analysisFps()).withSkipNonReference(false), InstantSource.system(), d -> { });
             var pipeline = new CameraPipeline(camera, detector, Optional.empty(), Optional.empty(), InstantSource.system())) {
            FireRule fire = pipeline.rules().stream().filter(FireRule.class::isInstance).map(FireRule.class::cast)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("the camera's profile does not run the fire rule"));
            long next = 0;
            boolean burning = false;
            VideoFrame last = null;
            for (var f = source.next(); f.isPresent(); f = source.next()) {
                VideoFrame vf = f.get();
                for (; next < vf.index(); next++) {
                    s = s.plus(Scores.frame(burning, labels.hasFire((int) next)));
                }
                events.addAll(pipeline.process(vf).events());
                analysed++;
                burning = fire.burning();
                s = s.plus(Scores.frame(burning, labels.hasFire((int) next)));
                next++;
                last = vf;
            }
            total = source.health().decodedFrames();
            for (; next < total; next++) {
                s = s.plus(Scores.frame(burning, labels.hasFire((int) next)));
            }
            if (last != null) {
                events.addAll(pipeline.finish(last.capturedAt(), last.offsetSeconds()).events());
            }
        }
        return new FireResult(s, total, analysed, events);
    }

    /**
     * @param detector     the detector run on the whole frame (what it can do at best)
     * @param pipeline     the same detector inside the motion-gated pipeline (what a camera gets): its raw output
     *                     per frame; it is asked about a tracked person at most once a second, so this recall is a
     *                     floor of what the tracks cover
     * @param tracked      what the rules see of persons in each frame: that frame's detections plus the confirmed
     *                     person tracks the tracker carries between two runs of the detector
     */
    public record PersonResult(Scores detector, Scores pipeline, Scores tracked, long frames, List<Event> events) {}

    /** Person detection precision and recall at IoU 0.5 on every frame of a MOT sequence (frames from 1). */
    public static PersonResult persons(String video, MotLabels labels, CameraConfig camera, Detector full, Detector gated) {
        Scores sd = new Scores(0, 0, 0, 0);
        Scores sp = new Scores(0, 0, 0, 0);
        Scores st = new Scores(0, 0, 0, 0);
        var events = new ArrayList<Event>();
        long frames = 0;
        try (var source = new FfmpegFrameSource(video, FfmpegFrameSource.Settings.defaults().withAnalysisFps(1000)
                .withSkipNonReference(false), InstantSource.system(), d -> { });
             var pipeline = new CameraPipeline(camera.withAnalysisFps(25), gated, Optional.empty(), Optional.empty(), InstantSource.system())) {
            VideoFrame last = null;
            for (var f = source.next(); f.isPresent(); f = source.next()) {
                VideoFrame vf = f.get();
                int frame = (int) vf.index() + 1;
                List<Box> truth = labels.boxes(frame);
                double scale = vf.image().cols() / (double) Math.min(camera.analysisWidth(), vf.image().cols());
                events.addAll(pipeline.process(vf).events());
                sp = sp.plus(Scores.match(boxes(pipeline.lastDetections(), scale), truth, 0.5));
                st = st.plus(Scores.match(seen(pipeline, scale), truth, 0.5));
                var whole = List.of(new Box(0, 0, vf.image().cols(), vf.image().rows()));
                sd = sd.plus(Scores.match(boxes(full.detect(vf.image(), whole), 1), truth, 0.5));
                frames++;
                last = vf;
            }
            if (last != null) {
                events.addAll(pipeline.finish(last.capturedAt(), last.offsetSeconds()).events());
            }
        }
        return new PersonResult(sd, sp, st, frames, events);
    }

    /** This frame's person detections, and confirmed person tracks that no detection of this frame stands for. */
    private static List<Box> seen(CameraPipeline p, double scale) {
        var out = new ArrayList<>(boxes(p.lastDetections(), scale));
        for (Track t : p.tracks()) {
            if (!t.confirmed() || !SceneFrame.isPerson(t)) {
                continue;
            }
            Box b = t.box().scale(scale, scale);
            if (out.stream().noneMatch(d -> d.iou(b) > 0.3)) {
                out.add(b);
            }
        }
        return out;
    }

    private static List<Box> boxes(List<Detection> ds, double scale) {
        return ds.stream().filter(d -> d.label().equals("person")).map(d -> d.box().scale(scale, scale)).toList();
    }
}
