package org.vigie.app.video;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.json.Json;
import org.vigie.server.HealthContribution;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.ingest.IngestService;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.detect.Detectors;
import org.vigie.vision.pipeline.CameraFleet;
import org.vigie.vision.pipeline.CameraHealth;
import org.vigie.vision.pipeline.RunningCameras;

/**
 * The configured cameras running inside the platform: one thread each, their events handed to the same ingest as
 * every other source (channel {@code video}), their pixelated snapshots written to the one evidence store, their
 * layouts editable from the console.
 */
public final class VideoService implements AutoCloseable {
    public static final String CHANNEL = "video";

    private final List<CameraConfig> cameras;
    private final RunningCameras fleet;
    private final FleetCameras directory;

    private VideoService(List<CameraConfig> cameras, Map<String, Path> files, RunningCameras fleet, Clock clock) {
        this.cameras = cameras;
        this.fleet = fleet;
        this.directory = new FleetCameras(fleet, files, clock);
    }

    /** Starts every camera, or returns null when none is configured. */
    public static VideoService start(VigieConfig.Video config, EvidenceStore evidence, IngestService ingest, Clock clock) {
        if (config.cameras().isEmpty()) {
            return null;
        }
        // Count samples stay with the fleet (CameraFleet.counts) for the console; they are anonymous per-minute
        // totals and are not stored.
        var fleet = new RunningCameras(config.cameras(), Detectors::forCamera, Detectors::weaponFor, Optional.of(evidence),
                event -> ingest.ingestEvents(List.of(event), CHANNEL), samples -> { });
        return new VideoService(config.cameras(), config.files(), fleet, clock);
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
                CameraHealth h = fleet.health(c.id()).orElseThrow();
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("status", h.lastFrameAt() == null ? "waiting" : h.connected() ? "up" : "disconnected");
                n.put("lastFrame", h.lastFrameAt() == null ? null : h.lastFrameAt().toString());
                n.put("analysedFps", Math.round(h.analysedFps() * 100) / 100.0);
                n.put("decodedFrames", h.decodedFrames());
                n.put("decodeErrors", h.decodeErrors());
                n.put("reconnects", h.reconnects());
                if (h.lastError() != null) {
                    n.put("lastError", h.lastError());
                }
                if (!h.unavailableRules().isEmpty()) {
                    ObjectNode u = n.putObject("unavailableRules");
                    h.unavailableRules().forEach(u::put);
                }
                return n;
            }
        }).toList();
    }

    @Override
    public void close() {
        fleet.close();
    }
}
