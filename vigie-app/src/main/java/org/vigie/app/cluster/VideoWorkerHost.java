package org.vigie.app.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.video.VideoService;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.json.Json;
import org.vigie.server.HealthContribution;
import org.vigie.server.ingest.IngestService;
import org.vigie.store.Store;
import org.vigie.stream.cameras.CameraHost;
import org.vigie.stream.cameras.CameraWorker;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraConfigReader;
import org.vigie.vision.pipeline.CountSample;
import org.vigie.vision.pipeline.RunningCameras;

/**
 * The video pipeline of a city video worker: runs the cameras that the workers' group gives this process (see
 * {@link CameraWorker}), each from its file as published on the cameras topic, wired exactly as the embedded platform
 * wires its cameras ({@link VideoService#run}): events to the ingest on channel {@value VideoService#CHANNEL},
 * pixelated snapshots to the evidence store, counts to the store and the metrics.
 *
 * <p>Each camera is its own {@link RunningCameras}, so that a camera starts, restarts and stops without touching the
 * others. The worker calls {@link #start} and {@link #stop} from its one polling thread; {@link #running},
 * {@link #findCamera} and {@link #health} may be read from any thread.
 */
public final class VideoWorkerHost implements CameraHost, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoWorkerHost.class);

    private record Camera(CameraConfig config, RunningCameras fleet, List<Meter> meters, Instant since) {}

    private final EvidenceStore evidence;
    private final IngestService ingest;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Consumer<List<CountSample>> counts;
    private final Map<String, Camera> cameras = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param ingest where the cameras' events go; at city scale its log is the events topic
     * @param store  where the cameras' per-minute counts are kept
     */
    public VideoWorkerHost(EvidenceStore evidence, IngestService ingest, Store store, MeterRegistry metrics, Clock clock) {
        this.evidence = evidence;
        this.ingest = ingest;
        this.metrics = metrics;
        this.clock = clock;
        // One sink for all the cameras of this worker, as embedded: the zone-peak gauges are kept per registry.
        this.counts = VideoService.countSink(store, metrics);
    }

    /**
     * Reads the camera's file and starts its pipeline; the stream itself opens on the camera's thread, so this
     * returns at once. A camera already running under this id is stopped first, but only once the new file has been
     * read: a file that cannot be read leaves whatever runs as it was.
     *
     * @throws org.vigie.core.config.ConfigException when the file is not a valid camera file (every problem, with line)
     * @throws IllegalArgumentException              when the file is another camera's
     */
    @Override
    public synchronized void start(String cameraId, String cameraFile) {
        if (closed) {
            throw new IllegalStateException("video worker closed: camera " + cameraId + " not started");
        }
        CameraConfig config = CameraConfigReader.read(cameraId + ".yaml", cameraFile);
        if (!config.id().equals(cameraId)) {
            // Published under one id, the file would run and report as another camera, possibly twice in the city.
            throw new IllegalArgumentException("camera file published under id '" + cameraId + "' is the file of camera '"
                    + config.id() + "'; publish it under '" + config.id() + "' or correct its id");
        }
        // A camera often serves a single stream at a time: the old pipeline lets go of it before the new one connects.
        stop(cameraId);
        RunningCameras fleet = VideoService.run(List.of(config), evidence, ingest, counts);
        cameras.put(cameraId, new Camera(config, fleet, VideoService.cameraMeters(fleet, cameraId, metrics), clock.instant()));
        LOG.info("camera {} started on this video worker", cameraId);
    }

    /** Stops the camera and removes its meters (another worker reports it now); an unknown id is ignored. */
    @Override
    public synchronized void stop(String cameraId) {
        Camera c = cameras.remove(cameraId);
        if (c == null) {
            return;
        }
        c.meters().forEach(metrics::remove);
        c.fleet().close();
        LOG.info("camera {} stopped on this video worker", cameraId);
    }

    /** The ids of the cameras running here, sorted. */
    public Set<String> running() {
        return Collections.unmodifiableSet(new TreeSet<>(cameras.keySet()));
    }

    /** The configuration a camera runs with here, or empty when it does not run here. */
    public Optional<CameraConfig> findCamera(String cameraId) {
        return Optional.ofNullable(cameras.get(cameraId)).map(Camera::config);
    }

    /**
     * {@code checks.video-worker}: each camera running here under {@code cameras.<id>}, with the same entry as an
     * embedded camera's {@code checks.video_<id>} and {@code since}, when it started here. The worker itself is
     * {@code up} whatever its cameras do: a camera that is disconnected or covered is no reason for an orchestrator
     * to restart the process, and would come back on another worker no better.
     */
    public HealthContribution health() {
        return new HealthContribution() {
            @Override
            public String name() {
                return "video-worker";
            }

            @Override
            public ObjectNode check() {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("status", closed ? "down" : "up");
                ObjectNode each = n.putObject("cameras");
                new TreeMap<>(cameras).forEach((id, c) -> c.fleet().health(id).ifPresent(h ->
                        each.set(id, VideoService.healthCheck(h).put("since", c.since().toString()))));
                return n;
            }
        };
    }

    /** Stops every camera; later starts are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String id : List.copyOf(cameras.keySet())) {
            stop(id);
        }
    }
}
