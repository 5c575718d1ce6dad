package org.vigie.vision.pipeline;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.model.Event;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.detect.Detector;
import org.vigie.vision.source.FfmpegFrameSource;
import org.vigie.vision.source.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each camera on its own thread (one camera, one core is the unit of scaling): source, pipeline, and the
 * events handed to the same ingest as every other source. A camera whose pipeline throws is logged and restarted
 * by its loop, never taking the others down.
 */
public final class RunningCameras implements CameraFleet, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningCameras.class);

    /** Count samples kept per camera for the console (a day of a few zones and lines). */
    private static final int KEPT_COUNTS = 10_000;

    private record Running(CameraConfig config, CameraPipeline pipeline, FrameSource source, Thread thread,
                           java.util.Deque<CountSample> counts) {}

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * @param detectors builds a camera's detector (HOG or its ONNX model) and optional weapon model
     * @param sink      receives every event (start, update, end); called from camera threads
     * @param counts    receives anonymous count samples per minute
     */
    public RunningCameras(List<CameraConfig> cameras, Function<CameraConfig, Detector> detectors,
                          Function<CameraConfig, Optional<Detector>> weaponDetectors, Optional<EvidenceStore> evidence,
                          Consumer<Event> sink, Consumer<List<CountSample>> counts) {
        for (CameraConfig c : cameras) {
            var pipeline = new CameraPipeline(c, detectors.apply(c), weaponDetectors.apply(c), evidence, InstantSource.system());
            var source = FfmpegFrameSource.open(c.url(), FfmpegFrameSource.Settings.defaults().withAnalysisFps(c.analysisFps()));
            var kept = new java.util.concurrent.ConcurrentLinkedDeque<CountSample>();
            Consumer<List<CountSample>> keep = samples -> {
                kept.addAll(samples);
                while (kept.size() > KEPT_COUNTS) {
                    kept.pollFirst();
                }
                counts.accept(samples);
            };
            Thread t = Thread.ofPlatform().name("camera-" + c.id()).daemon().unstarted(() -> loop(c, pipeline, source, sink, keep));
            running.put(c.id(), new Running(c, pipeline, source, t, kept));
        }
        running.values().forEach(r -> r.thread().start());
    }

    private void loop(CameraConfig c, CameraPipeline p, FrameSource s, Consumer<Event> sink, Consumer<List<CountSample>> counts) {
        while (!stopping) {
            try {
                var f = s.next();
                if (f.isEmpty()) {
                    LOG.warn("camera {} stopped: {}", c.id(), s.health().lastError());
                    return;
                }
                var out = p.process(f.get());
                out.events().forEach(sink);
                if (!out.counts().isEmpty()) {
                    counts.accept(out.counts());
                }
            } catch (RuntimeException e) {
                LOG.error("camera {}: frame skipped after an error", c.id(), e);
            }
        }
    }

    @Override
    public List<CameraConfig> cameras() {
        var out = new ArrayList<CameraConfig>();
        running.values().forEach(r -> out.add(r.config().withLayout(r.pipeline().layout())));
        out.sort(java.util.Comparator.comparing(CameraConfig::id));
        return out;
    }

    @Override
    public Optional<CameraLayout> layout(String cameraId) {
        return Optional.ofNullable(running.get(cameraId)).map(r -> r.pipeline().layout());
    }

    @Override
    public boolean replaceLayout(String cameraId, CameraLayout layout) {
        Running r = running.get(cameraId);
        if (r == null) {
            return false;
        }
        r.pipeline().replaceLayout(layout);
        return true;
    }

    @Override
    public Optional<byte[]> latestSnapshot(String cameraId) {
        return Optional.ofNullable(running.get(cameraId)).flatMap(r -> r.pipeline().latestSnapshot());
    }

    @Override
    public Optional<CameraHealth> health(String cameraId) {
        return Optional.ofNullable(running.get(cameraId)).map(r -> {
            var h = r.source().health();
            return new CameraHealth(cameraId, h.connected(), h.lastFrameAt(), r.pipeline().analysedFps(), h.decodedFrames(),
                    h.decodeErrors(), h.reconnects(), h.lastError(), r.pipeline().unavailableRules(),
                    r.pipeline().blindRules().size(), r.pipeline().sceneChanges(), r.pipeline().detectorLearned());
        });
    }

    @Override
    public List<CountSample> counts(String cameraId) {
        Running r = running.get(cameraId);
        return r == null ? List.of() : List.copyOf(r.counts());
    }

    @Override
    public void close() {
        stopping = true;
        for (Running r : running.values()) {
            r.thread().interrupt();
            try {
                r.thread().join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.source().close();
            // Native memory is freed only once the camera's thread is gone: freeing it under a running frame would
            // crash the process, so a thread that did not stop in time keeps its pipeline (and leaks it) instead.
            if (!r.thread().isAlive()) {
                r.pipeline().close();
            }
        }
    }
}
