package org.vigie.vision.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.SourceKind;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.detect.Detector;
import org.vigie.vision.evidence.ClipRecorder;
import org.vigie.vision.evidence.Snapshots;
import org.vigie.vision.geom.Box;
import org.vigie.vision.motion.BackgroundModels;
import org.vigie.vision.motion.Regions;
import org.vigie.vision.rules.Finding;
import org.vigie.vision.rules.PictureMode;
import org.vigie.vision.rules.SceneFrame;
import org.vigie.vision.rules.SceneRule;
import org.vigie.vision.rules.SceneRules;
import org.vigie.vision.source.VideoFrame;
import org.vigie.vision.track.Track;
import org.vigie.vision.track.Tracker;

/**
 * One camera's analysis, frame by frame: motion on a small grey frame, two background models, detection only
 * where something moved (and now and then on things that stopped), anonymous tracking, scene rules, episodes,
 * events. Evidence is cut from the full-resolution frame with persons pixelated. Not thread-safe, except
 * {@link #replaceLayout}, {@link #latestSnapshot}, {@link #unavailableRules}, {@link #blindRules} and
 * {@link #sceneChanges}, which the console and the health checks may call from another thread.
 *
 * <p>The pipeline owns the detectors it is given: {@link #close} frees them with its own native memory (matrices,
 * rules' state); closing twice is harmless and {@link #process} after close is refused.
 */
public final class CameraPipeline implements AutoCloseable {
    private static final int MOTION_WIDTH = 320;
    /** Seconds between two refreshes of the blurred image the console shows. */
    private static final double SNAPSHOT_EVERY = 10;

    /** What one frame produced. */
    public record Output(List<Event> events, List<CountSample> counts) {
        static final Output NONE = new Output(List.of(), List.of());
    }

    private final CameraConfig config;
    private final Detector detector;
    private final Optional<Detector> weaponDetector;
    private final Optional<EvidenceStore> evidence;
    private final InstantSource clock;
    private final List<SceneRule> rules;
    private final Tracker tracker = new Tracker(2.0);
    private final Episodes episodes = new Episodes(2.0, 30.0);
    private final Counting counting;
    private final DetectionGate gate;
    /** Null when clips are off for this camera or there is nowhere to store evidence. */
    private final ClipRecorder clips;
    /** Episodes waiting for their clip, each with its last change (start, update or end). */
    private final Map<String, Episodes.Change> clipEpisodes = new LinkedHashMap<>();
    private final BackgroundModels background;
    private final Mat analysis = new Mat();
    private final Mat grey = new Mat();
    private final Mat small = new Mat();
    private final Mat ignore = new Mat();
    private final Mat zero = new Mat(new Scalar(0));
    private volatile CameraLayout layout;
    private CameraLayout ignoreBuiltFor;
    private volatile byte[] latestSnapshot;
    private double lastSnapshotT = Double.NEGATIVE_INFINITY;
    private long frames;
    private double fpsEstimate;
    private double lastT = Double.NaN;
    private List<Track> tracks = List.of();
    private List<Detection> lastDetections = List.of();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    /** Rules blind in the last analysed frame, with the reason (replaced, never changed: other threads read it). */
    private volatile Map<String, String> blind = Map.of();
    /** For how many analysed frames each rule has been blind, and why the last time. */
    private final Map<String, Blindness> blindness = new LinkedHashMap<>();

    static final String NO_PICTURE = "the picture has no contrast (lens covered or sprayed, camera blinded, a black "
            + "picture, or nothing lit)";

    /** How many analysed frames a rule could not see in, and why, the last time. */
    public record Blindness(long frames, String reason) {
    }

    public CameraPipeline(CameraConfig config, Detector detector, Optional<Detector> weaponDetector,
                          Optional<EvidenceStore> evidence, InstantSource clock) {
        this.config = config;
        this.detector = detector;
        this.weaponDetector = weaponDetector;
        this.evidence = evidence;
        this.clock = clock;
        this.layout = config.layout();
        this.rules = SceneRules.forCamera(config);
        for (SceneRule r : rules) {
            r.unavailable().ifPresent(why -> unavailable.put(r.type().jsonName(), why));
        }
        this.counting = new Counting(config.id());
        this.gate = new DetectionGate(config.detector().refreshFrames());
        this.clips = config.clip().enabled() && evidence.isPresent()
                ? new ClipRecorder(config.clip().preSeconds(), config.clip().postSeconds(), config.analysisFps()) : null;
        // Short-term: a thing that stops is background after ~4 s; long-term: after ~15 min, well past any dwell time.
        this.background = new BackgroundModels(config.analysisFps(), 4, Math.max(900, 5 * config.rules().abandonedAfter().toSeconds()));
    }

    public CameraConfig config() {
        return config;
    }

    public CameraLayout layout() {
        return layout;
    }

    /** Takes effect at the next frame; rules that keep per-zone state drop zones that disappeared. */
    public void replaceLayout(CameraLayout l) {
        layout = l;
    }

    /** The last blurred JPEG of the scene (persons pixelated), refreshed every few seconds. */
    public Optional<byte[]> latestSnapshot() {
        return Optional.ofNullable(latestSnapshot);
    }

    /**
     * Rules that cannot run on this camera, or cannot see in its current picture (see {@link SceneRule#blind}), with
     * the reason (rule json name to reason).
     */
    public Map<String, String> unavailableRules() {
        var all = new LinkedHashMap<>(unavailable);
        all.putAll(blind);
        return Map.copyOf(all);
    }

    /** What the person detector has learned of the scene (see {@link Detector#learned}), or null. */
    public String detectorLearned() {
        return detector.learned();
    }

    /** Rules that run but could not see in the last analysed frame, with the reason (see {@link SceneRule#blind}). */
    public Map<String, String> blindRules() {
        return blind;
    }

    /**
     * How many times the picture changed as a whole since the start (the background models started again): the
     * camera moved or was turned, covered or uncovered, switched to or from infrared, or the lights went out.
     */
    public long sceneChanges() {
        return background.sceneChanges();
    }

    /** Each rule that could not see in some analysed frames (rule json name to how many, and why). */
    public Map<String, Blindness> blindness() {
        return Map.copyOf(blindness);
    }

    public List<SceneRule> rules() {
        return rules;
    }

    public List<Track> tracks() {
        return tracks;
    }

    /** The detections of the last frame, in analysis pixels (for evaluation). */
    public List<Detection> lastDetections() {
        return lastDetections;
    }

    /** Analysed frames per second of stream time, smoothed. */
    public double analysedFps() {
        return fpsEstimate;
    }

    public long frames() {
        return frames;
    }

    /** Bytes of compressed, pixelated frames held for clip pre-roll (0 when clips are off). */
    public long clipBufferBytes() {
        return clips == null ? 0 : clips.ringBytes();
    }

    /** Full-resolution pixels per analysis pixel of the last frame. */
    private double scaleToFull;
    /** {@link BackgroundModels#sceneChanges} when the detector was last told of one. */
    private long sceneChangesSeen;

    public Output process(VideoFrame vf) {
        if (closed) {
            throw new IllegalStateException("camera " + config.id() + ": pipeline used after close");
        }
        Mat full = vf.image();
        int aw = Math.min(config.analysisWidth(), full.cols());
        int ah = Math.max(1, (int) Math.round(aw * full.rows() / (double) full.cols()));
        scaleToFull = full.cols() / (double) aw;
        if (aw == full.cols()) {
            full.copyTo(analysis);
        } else {
            opencv_imgproc.resize(full, analysis, new Size(aw, ah), 0, 0, opencv_imgproc.INTER_AREA);
        }
        opencv_imgproc.cvtColor(analysis, grey, opencv_imgproc.COLOR_BGR2GRAY);
        int mw = Math.min(MOTION_WIDTH, aw);
        int mh = Math.max(1, (int) Math.round(mw * ah / (double) aw));
        double motionScale = aw / (double) mw;
        opencv_imgproc.resize(grey, small, new Size(mw, mh), 0, 0, opencv_imgproc.INTER_AREA);
        opencv_imgproc.GaussianBlur(small, small, new Size(5, 5), 0);
        background.update(small);
        if (background.sceneChanges() != sceneChangesSeen) {
            sceneChangesSeen = background.sceneChanges();
            detector.sceneChanged();
        }

        CameraLayout l = layout;
        if (!l.masks().isEmpty()) {
            applyMasks(l, mw, mh);
        }
        double minArea = 0.0004 * mw * mh;
        List<Box> motion = scaled(Regions.of(background.motion(), minArea, 4), motionScale);
        List<Box> stationary = scaled(Regions.of(background.stationary(), minArea, 2), motionScale);
        List<Box> foreground = scaled(Regions.of(background.foreground(), minArea, 4), motionScale);

        double t = vf.offsetSeconds();
        if (!Double.isNaN(lastT) && t > lastT) {
            double inst = 1 / (t - lastT);
            fpsEstimate = fpsEstimate == 0 ? inst : 0.9 * fpsEstimate + 0.1 * inst;
        }
        lastT = t;
        frames++;

        // Detection only on motion the tracks do not explain, and on everything now and then (see DetectionGate).
        List<Box> regions = gate.select(motion, stationary, tracks, aw, ah);
        List<Detection> detections = regions.isEmpty() ? List.of() : detector.detect(analysis, regions);
        gate.observed(regions, detections);
        lastDetections = detections;
        List<Detection> extra = weaponDetector.filter(d -> !motion.isEmpty()).map(d -> d.detect(analysis, motion)).orElse(List.of());
        tracks = tracker.update(detections, foreground, stationary, t);

        var frame = new SceneFrame(t, vf.capturedAt(), config.analysisFps(), aw, ah, analysis, grey, background, motionScale,
                motion, stationary, tracks, extra, l, PictureMode.monochrome(analysis));
        var events = new ArrayList<Event>();
        Optional<String> noPicture = PictureMode.uniform(small) ? Optional.of(NO_PICTURE) : Optional.empty();
        Map<String, String> blindNow = new LinkedHashMap<>();
        for (SceneRule r : rules) {
            if (r.unavailable().isPresent()) {
                continue;
            }
            List<Finding> findings = r.observe(frame);
            String name = r.type().jsonName();
            Optional<String> cannotSee = noPicture.or(r::blind);
            if (cannotSee.isPresent()) {
                blindNow.put(name, cannotSee.get());
                long before = blindness.containsKey(name) ? blindness.get(name).frames() : 0;
                blindness.put(name, new Blindness(before + 1, cannotSee.get()));
            }
            for (Episodes.Change c : episodes.observe(r.type(), findings, t)) {
                events.add(toEvent(c, vf, motion));
                if (c.phase() == Episodes.Phase.START && clips != null) {
                    clips.trigger(c.episodeId(), t);
                    clipEpisodes.put(c.episodeId(), c);
                } else if (clipEpisodes.containsKey(c.episodeId())) {
                    clipEpisodes.put(c.episodeId(), c); // the clip will say whether the episode ended
                }
            }
        }
        if (!blindNow.equals(blind)) {
            blind = Map.copyOf(blindNow);
        }
        if (clips != null) {
            // analysis pixels: the clip is cut from the analysis frame, so no scaling of the person regions
            for (ClipRecorder.Clip clip : clips.offer(t, vf.capturedAt(), analysis, Snapshots.personRegions(tracks, motion))) {
                events.addAll(clipEvents(clip, t, vf.capturedAt()));
            }
        }
        List<CountSample> counts = counting.observe(frame);
        if (t - lastSnapshotT >= SNAPSHOT_EVERY) {
            lastSnapshotT = t;
            latestSnapshot = Snapshots.blurredJpeg(full, Snapshots.personRegions(tracks, motion), scaleToFull, 70);
        }
        return events.isEmpty() && counts.isEmpty() ? Output.NONE : new Output(events, counts);
    }

    /** Ends what is open: the file ended or the camera stops. */
    public Output finish(Instant at, double t) {
        var events = new ArrayList<Event>();
        if (clips != null) {
            for (ClipRecorder.Clip clip : clips.flush()) {
                events.addAll(clipEvents(clip, t, at));
            }
        }
        for (Episodes.Change c : episodes.closeAll()) {
            events.add(build(c, at.minusNanos((long) ((t - c.t()) * 1e9)), List.of()));
        }
        return new Output(events, counting.flush());
    }

    /**
     * A clip is ready some seconds after its events started (the post-roll): it is stored once and goes out as an
     * update of each episode it shows, carrying the clip as evidence.
     */
    private List<Event> clipEvents(ClipRecorder.Clip clip, double t, Instant at) {
        EvidenceRef ref;
        try {
            ref = evidence.orElseThrow().put(EvidenceRef.Kind.CLIP, ClipRecorder.MEDIA_TYPE, clip.webm(), clip.startAt());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the clip of camera " + config.id(), e);
        }
        var out = new ArrayList<Event>();
        for (String key : clip.keys()) {
            // An episode that ended before its clip was ready is described as it ended (when it was last seen, how long
            // it lasted), so that it does not read as going on; one still going on, as of now.
            Episodes.Change last = clipEpisodes.remove(key);
            double asOf = last.phase() == Episodes.Phase.END ? last.t() : t;
            var update = new Episodes.Change(Episodes.Phase.UPDATE, last.type(), last.episodeId(), last.startedAt(), asOf,
                    last.finding());
            out.add(build(update, at.minusNanos((long) ((t - asOf) * 1e9)), List.of(ref)));
        }
        return out;
    }

    private Event toEvent(Episodes.Change c, VideoFrame vf, List<Box> motion) {
        Instant at = vf.capturedAt().minusNanos((long) ((vf.offsetSeconds() - c.t()) * 1e9));
        List<EvidenceRef> refs = List.of();
        if (c.phase() == Episodes.Phase.START && evidence.isPresent()) {
            byte[] jpeg = Snapshots.blurredJpeg(vf.image(), Snapshots.personRegions(tracks, motion), scaleToFull, 85);
            try {
                refs = List.of(evidence.get().put(EvidenceRef.Kind.SNAPSHOT, "image/jpeg", jpeg, vf.capturedAt()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store evidence for camera " + config.id(), e);
            }
        }
        return build(c, at, refs);
    }

    private Event build(Episodes.Change c, Instant at, List<EvidenceRef> refs) {
        Finding f = c.finding();
        var attrs = new LinkedHashMap<String, Object>();
        attrs.put("camera", config.id());
        attrs.put("phase", c.phase().name().toLowerCase(java.util.Locale.ROOT));
        attrs.put("episode", c.episodeId());
        attrs.put("offset_s", Math.round(c.t() * 1000) / 1000.0);
        attrs.put("duration_s", Math.round((c.t() - c.startedAt()) * 10) / 10.0);
        if (f.box() != null) {
            // normalised, so the console can draw it on any size of snapshot
            attrs.put("box_x", round3(f.box().x() / analysis.cols()));
            attrs.put("box_y", round3(f.box().y() / analysis.rows()));
            attrs.put("box_w", round3(f.box().w() / analysis.cols()));
            attrs.put("box_h", round3(f.box().h() / analysis.rows()));
        }
        f.facts().forEach(attrs::put);
        Instant now = clock.instant();
        return Event.builder()
                .occurredAt(at)
                .receivedAt(now.isBefore(at) ? at : now)
                .source(SourceKind.CAMERA, config.id())
                .type(c.type())
                .location(config.lat(), config.lon(), config.accuracyMeters())
                .confidence(f.confidence())
                .attributes(Attributes.of(attrs))
                .evidence(refs)
                .build();
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static List<Box> scaled(List<Box> in, double s) {
        var out = new ArrayList<Box>(in.size());
        for (Box b : in) {
            out.add(b.scale(s, s));
        }
        return out;
    }

    /** Masked regions are cleared from every mask before anything looks at them. */
    private void applyMasks(CameraLayout l, int mw, int mh) {
        if (ignoreBuiltFor != l || ignore.cols() != mw || ignore.rows() != mh) {
            ignore.create(mh, mw, CV_8U);
            try (UByteIndexer idx = ignore.createIndexer()) {
                for (int y = 0; y < mh; y++) {
                    for (int x = 0; x < mw; x++) {
                        idx.put(y, x, l.masked((x + 0.5) / mw, (y + 0.5) / mh) ? 255 : 0);
                    }
                }
            }
            ignoreBuiltFor = l;
        }
        background.motion().setTo(zero, ignore);
        background.stationary().setTo(zero, ignore);
        background.foreground().setTo(zero, ignore);
    }

    private boolean closed;

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SceneRule r : rules) {
            r.close();
        }
        detector.close();
        weaponDetector.ifPresent(Detector::close);
        background.close();
        for (Mat m : new Mat[] {analysis, grey, small, ignore, zero}) {
            m.close();
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
