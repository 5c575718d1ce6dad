package org.vigie.app.audio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.audio.classify.LogisticModel;
import org.vigie.audio.detect.ImpulseClassifier;
import org.vigie.audio.detect.ImpulseRules;
import org.vigie.audio.locate.ArrayFusion;
import org.vigie.audio.locate.Localiser;
import org.vigie.audio.source.AcousticStation;
import org.vigie.audio.source.PcmStreamServer;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.json.Json;
import org.vigie.server.HealthContribution;
import org.vigie.server.ingest.IngestService;

/**
 * The configured acoustic sensors, live: their TCP port, their pipelines, the array fusion, and events handed
 * to the same ingest as every other source (channel {@code audio}). One health entry per sensor.
 */
public final class AcousticService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcousticService.class);
    public static final String CHANNEL = "audio";

    private final AcousticStation station;
    private final PcmStreamServer server;
    private final ScheduledExecutorService flusher;
    private final VigieConfig.Audio config;

    private AcousticService(VigieConfig.Audio config, AcousticStation station, PcmStreamServer server,
                            ScheduledExecutorService flusher) {
        this.config = config;
        this.station = station;
        this.server = server;
        this.flusher = flusher;
    }

    /** Starts listening, or returns null when no sensor is configured. */
    public static AcousticService start(VigieConfig.Audio config, EvidenceStore evidence, IngestService ingest,
                                        Clock clock) {
        if (config.sensors().isEmpty()) {
            return null;
        }
        try {
            ImpulseClassifier classifier = config.model() == null ? new ImpulseRules() : LogisticModel.read(config.model());
            var fusion = new ArrayFusion(config.sensors(), new Localiser(config.skewBound()), config.skewBound(),
                    event -> ingest.ingestEvents(List.of(event), CHANNEL));
            var station = new AcousticStation(config.sensors(), classifier, evidence, clock, fusion::offer);
            var server = new PcmStreamServer(config.host(), config.port(), station);
            ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "audio-fusion");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(() -> {
                try {
                    fusion.flush(clock.instant());
                } catch (RuntimeException e) {
                    LOG.warn("acoustic events could not be raised: {}", e.getMessage(), e);
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
            LOG.info("listening for {} acoustic sensor(s) on {}:{}", config.sensors().size(), config.host(), server.port());
            return new AcousticService(config, station, server, flusher);
        } catch (IOException e) {
            throw new UncheckedIOException("audio: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    /** One entry per sensor under {@code checks.audio_<id>}: last heard, samples, detections, errors. */
    public List<HealthContribution> health() {
        return config.sensors().stream().map(s -> (HealthContribution) new HealthContribution() {
            @Override
            public String name() {
                return "audio_" + s.id();
            }

            @Override
            public ObjectNode check() {
                var h = station.health().stream().filter(x -> x.sensorId().equals(s.id())).findFirst().orElseThrow();
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("status", h.lastSeen() == null ? "waiting" : "up");
                n.put("lastSeen", h.lastSeen() == null ? null : h.lastSeen().toString());
                n.put("samples", h.samples());
                n.put("detections", h.detections());
                n.put("restarts", h.restarts());
                n.put("errors", h.errors());
                if (h.lastError() != null) {
                    n.put("lastError", h.lastError());
                }
                return n;
            }
        }).toList();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the audio port failed: {}", e.getMessage());
        }
    }
}
