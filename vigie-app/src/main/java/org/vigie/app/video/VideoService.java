package org.vigie.app.video;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.json.Json;
import org.vigie.server.HealthContribution;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.ingest.IngestService;
import org.vigie.store.Store;
import org.vigie.store.VideoCountRepository;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.detect.Detectors;
import org.vigie.vision.pipeline.CameraFleet;
import org.vigie.vision.pipeline.CameraHealth;
import org.vigie.vision.pipeline.CountSample;
import org.vigie.vision.pipeline.RunningCameras;

/**
 * The configured cameras running inside the platform: one thread each, their events handed to the same ingest as
 * every other source (channel {@code video}), their pixelated snapshots written to the one evidence store, their
 * layouts editable from the console.
 */
public final class VideoService implements AutoCloseable {
    public static final String CHANNEL = "video";
    private static final Logger LOG = LoggerFactory.getLogger(VideoService.class);

    private final List<CameraConfig> cameras;
    private final RunningCameras fleet;
    private final FleetCameras directory;

    private VideoService(List<CameraConfig> cameras, Map<String, Path> files, RunningCameras fleet, Clock clock) {
        this.cameras = cameras;
        this.fleet = fleet;
        this.directory = new FleetCameras(fleet, files, clock);
    }

    /** Starts every camera, or returns null when none is configured. */
    public static VideoService start(VigieConfig.Video config, EvidenceStore evidence, IngestService ingest, Store store,
                                     MeterRegistry metrics, Clock clock) {
        if (config.cameras().isEmpty()) {
            return null;
        }
        var fleet = run(config.cameras(), evidence, ingest, countSink(store, metrics));
        for (CameraConfig c : config.cameras()) {
            cameraMeters(fleet, c.id(), metrics);
        }
        return new VideoService(config.cameras(), config.files(), fleet, clock);
    }

    /**
     * The cameras' pipelines as every node runs them: the configured person and weapon detectors, snapshots to the
     * evidence store, events to the ingest on channel {@value #CHANNEL}, counts to {@code counts}. Also what a city
     * video worker runs for each camera it owns.
     */
    public static RunningCameras run(List<CameraConfig> cameras, EvidenceStore evidence, IngestService ingest,
                                     Consumer<List<CountSample>> counts) {
        return new RunningCameras(cameras, Detectors::forCamera, Detectors::weaponFor, Optional.of(evidence),
                event -> ingest.ingestEvents(List.of(event), CHANNEL), counts);
    }

    /**
     * A camera's meters, read from {@code fleet}; returned so that a node that stops the camera can remove them.
     */
    public static List<Meter> cameraMeters(CameraFleet fleet, String cameraId, MeterRegistry metrics) {
        return List.of(
                // Alert on this: a covered or sprayed lens, or a camera gone to infrared, silences rules without an error.
                Gauge.builder("vigie.video.rules.blind", fleet, f -> f.health(cameraId).map(CameraHealth::blindRules).orElse(0))
                        .tag("camera", cameraId)
                        .description("rules of the camera that run but cannot see in its current picture")
                        .register(metrics),
                FunctionCounter.builder("vigie.video.scene.changes", fleet,
                                f -> f.health(cameraId).map(CameraHealth::sceneChanges).orElse(0L))
                        .tag("camera", cameraId)
                        .description("times the camera's picture changed as a whole: moved, covered, infrared, lights")
                        .register(metrics));
    }

    /** {@link #countSink(Store, CountMetrics)} with its own metrics: one per node, shared by all its cameras. */
    public static Consumer<List<CountSample>> countSink(Store store, MeterRegistry metrics) {
        return countSink(store, new CountMetrics(metrics));
    }

    /**
     * Where the cameras' anonymous per-minute totals go: stored as time series (GET /api/v1/cameras/{id}/counts) and
     * exported as metrics; the fleet also keeps the recent ones in memory for the console.
     */
    static Consumer<List<CountSample>> countSink(Store store, CountMetrics metrics) {
        return samples -> {
            metrics.record(samples);
            try {
                store.videoCounts().save(samples.stream().map(VideoService::count).toList());
            } catch (RuntimeException e) {
                // a store that is briefly unavailable costs a minute of counts, never the camera
                LOG.warn("cannot store {} count samples: {}", samples.size(), e.getMessage());
            }
        };
    }

    private static VideoCountRepository.Count count(CountSample s) {
        return new VideoCountRepository.Count(s.camera(), s.minute(), s.place(), s.measure(), s.objects(), s.value());
    }

    /**
     * Prometheus view of the counts: entries and line crossings as counters (they add up over minutes), the last
     * minute's peak occupancy of each counting zone as a gauge. Labels are the configured zone and line names, so
     * their number is bounded by the camera files.
     */
    static final class CountMetrics {
        private final MeterRegistry metrics;
        private final Map<List<String>, AtomicLong> peaks = new ConcurrentHashMap<>();

        CountMetrics(MeterRegistry metrics) {
            this.metrics = metrics;
        }

        void record(List<CountSample> samples) {
            for (CountSample s : samples) {
                Tags tags = Tags.of("camera", s.camera(), "place", s.place(), "objects", s.objects());
                if (s.measure().equals("peak")) {
                    peaks.computeIfAbsent(List.of(s.camera(), s.place(), s.objects()), k -> {
                        var v = new AtomicLong();
                        Gauge.builder("vigie.video.zone.peak", v, AtomicLong::get).tags(tags)
                                .description("peak occupancy of the counting zone in the last complete minute").register(metrics);
                        return v;
                    }).set(s.value());
                } else {
                    Counter.builder("vigie.video.counted").tags(tags.and("measure", s.measure()))
                            .description("objects entering counting zones or crossing lines").register(metrics)
                            .increment(s.value());
                }
            }
        }
    }

    public CameraFleet fleet() {
        return fleet;
    }

    /** The running cameras as the console's directory. */
    public CameraDirectory directory() {
        return directory;
    }

    /** One entry per camera under {@code checks.video_<id>}: last frame, analysed fps, decode errors. */
    public List<HealthContribution> health() {
        return cameras.stream().map(c -> (HealthContribution) new HealthContribution() {
            @Override
            public String name() {
                return "video_" + c.id();
            }

            @Override
            public ObjectNode check() {
                return healthCheck(fleet.health(c.id()).orElseThrow());
            }
        }).toList();
    }

    /** A camera's health as {@code GET /health} shows it: last frame, analysed fps, decode errors, blind rules. */
    public static ObjectNode healthCheck(CameraHealth h) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", h.lastFrameAt() == null ? "waiting" : h.connected() ? "up" : "disconnected");
        n.put("lastFrame", h.lastFrameAt() == null ? null : h.lastFrameAt().toString());
        n.put("analysedFps", Math.round(h.analysedFps() * 100) / 100.0);
        n.put("decodedFrames", h.decodedFrames());
        n.put("decodeErrors", h.decodeErrors());
        n.put("reconnects", h.reconnects());
        n.put("sceneChanges", h.sceneChanges());
        if (h.detectorLearned() != null) {
            n.put("detectorLearned", h.detectorLearned());
        }
        if (h.lastError() != null) {
            n.put("lastError", h.lastError());
        }
        if (!h.unavailableRules().isEmpty()) {
            ObjectNode u = n.putObject("unavailableRules");
            h.unavailableRules().forEach(u::put);
        }
        return n;
    }

    @Override
    public void close() {
        fleet.close();
    }
}
