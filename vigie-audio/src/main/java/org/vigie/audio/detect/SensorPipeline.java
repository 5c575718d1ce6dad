package org.vigie.audio.detect;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.read.WavWriter;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.SourceKind;

/**
 * One sensor's audio from samples to events: detect impulses, classify them, keep the impulsive segment as
 * evidence, and discard the rest. A gap in the capture timestamps (the sensor stopped and resumed) or a new sample
 * rate starts a new stream: samples on either side of a gap are not one signal. Not thread-safe: one per sensor.
 */
public final class SensorPipeline {
    /** Timestamps further than this from where the previous chunk ended mean the stream was interrupted. */
    public static final Duration MAX_JITTER = Duration.ofMillis(100);

    private final AcousticSensor sensor;
    private final ImpulseClassifier classifier;
    private final EvidenceStore evidence;
    private final InstantSource clock;
    private final ImpulseDetector.Settings settings;

    private ImpulseDetector detector;
    private Spectrum spectrum;
    private MelBands mel;
    private Instant streamStart;
    private long samples;
    private long detections;
    private long restarts;
    private long evidenceErrors;
    private Instant lastSeen;

    public SensorPipeline(AcousticSensor sensor, ImpulseClassifier classifier, EvidenceStore evidence, InstantSource clock,
                          ImpulseDetector.Settings settings) {
        this.sensor = sensor;
        this.classifier = classifier;
        this.evidence = evidence;
        this.clock = clock;
        this.settings = settings;
    }

    public AcousticSensor sensor() {
        return sensor;
    }

    /**
     * Samples captured at {@code firstSample}, at {@code sampleRate}; returns the impulses now complete, those of an
     * alert class with their event.
     */
    public List<Detection> accept(float[] chunk, int sampleRate, Instant firstSample) {
        List<Detection> out = new ArrayList<>();
        if (detector == null || detector.sampleRate() != sampleRate || gap(firstSample)) {
            if (detector != null) {
                out.addAll(finish());
                restarts++;
            }
            detector = new ImpulseDetector(sampleRate, settings);
            spectrum = new Spectrum(sampleRate);
            mel = new MelBands(spectrum);
            streamStart = firstSample;
        }
        samples += chunk.length;
        lastSeen = clock.instant();
        for (Impulse i : detector.accept(chunk)) {
            toDetection(i).ifPresent(out::add);
        }
        return out;
    }

    /** The end of the stream: onsets waiting for their segment are handed out with what there is. */
    public List<Detection> finish() {
        List<Detection> out = new ArrayList<>();
        if (detector != null) {
            for (Impulse i : detector.finish()) {
                toDetection(i).ifPresent(out::add);
            }
        }
        return out;
    }

    private boolean gap(Instant firstSample) {
        Instant expected = streamTime(detector.samplesSeen());
        return Duration.between(expected, firstSample).abs().compareTo(MAX_JITTER) > 0;
    }

    private Instant streamTime(long sampleIndex) {
        return streamStart.plusNanos(Math.round(sampleIndex * 1e9 / detector.sampleRate()));
    }

    private java.util.Optional<Detection> toDetection(Impulse impulse) {
        ImpulseFeatures f = ImpulseFeatures.of(impulse, spectrum, mel);
        Classification c = classifier.classify(f);
        var type = c.impulseClass().findEventType();
        Instant onset = streamTime(impulse.onsetSample());
        if (type.isEmpty()) {
            // Not an alert: nothing is stored, but other sensors' alerts may need this arrival time to locate.
            return java.util.Optional.of(new Detection(sensor.id(), onset, c, f, impulse, null));
        }
        detections++;
        List<EvidenceRef> refs = List.of();
        try {
            byte[] wav = WavWriter.pcm16(impulse.segment(), 0, impulse.segment().length, impulse.sampleRate());
            refs = List.of(evidence.put(EvidenceRef.Kind.AUDIO, "audio/wav", wav, onset));
        } catch (IOException e) {
            evidenceErrors++; // the event is still worth raising without its snippet; the count shows in health
        }
        Event event = event(type.get(), onset, c, f, refs);
        return java.util.Optional.of(new Detection(sensor.id(), onset, c, f, impulse, event));
    }

    private Event event(EventType type, Instant onset, Classification c, ImpulseFeatures f, List<EvidenceRef> refs) {
        Instant now = clock.instant();
        var a = Attributes.builder()
                .put("classifier", classifier.name())
                .put("sensors_used", 1L)
                .put("sample_rate", (long) detector.sampleRate())
                .put("snr_db", round(f.get(ImpulseFeatures.SNR_DB)))
                .put("level_dbfs", round(f.get(ImpulseFeatures.LEVEL_DBFS)))
                .put("rise_ms", round(f.get(ImpulseFeatures.RISE_MS)))
                .put("decay_ms", round(f.get(ImpulseFeatures.DECAY20_MS)))
                .put("crest_db", round(f.get(ImpulseFeatures.CREST_DB)))
                .put("centroid_hz", round(f.get(ImpulseFeatures.CENTROID_HZ)))
                .put("rolloff_hz", round(f.get(ImpulseFeatures.ROLLOFF_HZ)))
                .put("flatness", round(f.get(ImpulseFeatures.FLATNESS)))
                .put("siren_nearby", f.get(ImpulseFeatures.SIREN_SCORE) >= ClipAnalysis.SIREN_PRESENT)
                .put("siren_score", round(f.get(ImpulseFeatures.SIREN_SCORE)))
                .build();
        return Event.builder()
                .type(type)
                .source(SourceKind.ACOUSTIC_SENSOR, sensor.id())
                .occurredAt(onset)
                .receivedAt(now.isBefore(onset) ? onset : now)
                .location(sensor.lat(), sensor.lon(), sensor.hearingRangeMeters())
                .confidence(c.confidence())
                .attributes(a)
                .evidence(refs)
                .build();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Counters for health: samples analysed, detections, restarts after gaps, evidence that could not be kept. */
    public record Stats(String sensorId, long samples, long detections, long restarts, long evidenceErrors,
                        Instant lastSeen) {
    }

    public Stats stats() {
        return new Stats(sensor.id(), samples, detections, restarts, evidenceErrors, lastSeen);
    }
}
