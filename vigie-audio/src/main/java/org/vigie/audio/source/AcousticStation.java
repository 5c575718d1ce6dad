package org.vigie.audio.source;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.detect.Detection;
import org.vigie.audio.detect.ImpulseClassifier;
import org.vigie.audio.detect.ImpulseDetector;
import org.vigie.audio.detect.SensorPipeline;
import org.vigie.core.evidence.EvidenceStore;

/**
 * The configured sensors and their pipelines: frames in, detections out. Frames from a sensor that is not
 * configured are refused and counted (a sensor without a known position cannot place an event).
 */
public final class AcousticStation implements PcmStreamServer.Sink {
    /** Per-sensor health: when it was last heard, how much, and what went wrong. */
    public record SensorHealth(String sensorId, Instant lastSeen, long samples, long detections, long restarts,
                               long errors, String lastError) {
    }

    private final Map<String, SensorPipeline> pipelines = new LinkedHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong unknownSensorFrames = new AtomicLong();
    private final Consumer<Detection> detections;

    public AcousticStation(List<AcousticSensor> sensors, ImpulseClassifier classifier, EvidenceStore evidence,
                           InstantSource clock, Consumer<Detection> detections) {
        for (AcousticSensor s : sensors) {
            if (pipelines.put(s.id(), new SensorPipeline(s, classifier, evidence, clock, ImpulseDetector.Settings.defaults())) != null) {
                throw new IllegalArgumentException("sensor id " + s.id() + " configured twice");
            }
        }
        this.detections = detections;
    }

    @Override
    public void frame(PcmFrame frame) {
        SensorPipeline pipeline = pipelines.get(frame.sensorId());
        if (pipeline == null) {
            unknownSensorFrames.incrementAndGet();
            error(Optional.empty(), "frame from unknown sensor '" + frame.sensorId() + "' refused");
            return;
        }
        List<Detection> found;
        // One sensor may briefly have two connections (a reconnect before the old one timed out): one at a time.
        synchronized (pipeline) {
            found = new ArrayList<>(pipeline.accept(frame.samples(), frame.sampleRate(), frame.captureStart()));
        }
        found.forEach(detections);
    }

    @Override
    public void connected(String remote) {
        connections.incrementAndGet();
    }

    @Override
    public void error(Optional<String> sensorId, String message) {
        String key = sensorId.filter(pipelines::containsKey).orElse("");
        errors.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        lastErrors.put(key, message);
    }

    public long connections() {
        return connections.get();
    }

    /** Errors that could not be tied to a configured sensor: bad frames before any id, unknown sensors. */
    public long unattributedErrors() {
        return Optional.ofNullable(errors.get("")).map(AtomicLong::get).orElse(0L);
    }

    public List<SensorHealth> health() {
        var out = new ArrayList<SensorHealth>();
        pipelines.forEach((id, p) -> {
            SensorPipeline.Stats s;
            synchronized (p) {
                s = p.stats();
            }
            out.add(new SensorHealth(id, s.lastSeen(), s.samples(), s.detections(), s.restarts(),
                    Optional.ofNullable(errors.get(id)).map(AtomicLong::get).orElse(0L) + s.evidenceErrors(),
                    lastErrors.get(id)));
        });
        return out;
    }
}
