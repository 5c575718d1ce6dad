package org.vigie.audio.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.read.AudioFiles;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.SourceKind;

class SensorPipelineTest {
    static final Instant T0 = Instant.parse("2026-07-14T21:30:00Z");
    static final AcousticSensor SENSOR = new AcousticSensor("vieux-port-1", 43.2951, 5.3745, 400);

    @Test
    void aShotBecomesOneEventWithItsShortSegmentAsEvidence(@TempDir Path dir) throws Exception {
        int rate = 22050;
        float[] x = Synth.street(rate, 10, -45, 1);
        Synth.gunshot(x, rate, 4 * rate, 0.5, 2);
        Synth.siren(x, rate, 0, 0.05);
        var store = new DirectoryEvidenceStore(dir);
        var pipeline = new SensorPipeline(SENSOR, new ImpulseRules(), store, InstantSource.fixed(T0.plusSeconds(30)),
                ImpulseDetector.Settings.defaults());
        var detections = new ArrayList<Detection>();
        for (int i = 0; i < x.length; i += 2205) { // 100 ms chunks, as a sensor sends them
            float[] chunk = java.util.Arrays.copyOfRange(x, i, Math.min(x.length, i + 2205));
            detections.addAll(pipeline.accept(chunk, rate, T0.plusMillis(i * 1000L / rate)));
        }
        detections.addAll(pipeline.finish());

        assertThat(detections).hasSize(1);
        var event = detections.get(0).findEvent().orElseThrow();
        assertThat(event.type()).isEqualTo(EventType.GUNSHOT);
        assertThat(event.source().kind()).isEqualTo(SourceKind.ACOUSTIC_SENSOR);
        assertThat(event.source().id()).isEqualTo("vieux-port-1");
        assertThat(Duration.between(T0.plusSeconds(4), event.occurredAt()).abs()).isLessThan(Duration.ofMillis(3));
        assertThat(event.location().accuracyMeters()).isEqualTo(400);
        assertThat(event.attributes().findNumber("rise_ms")).isPresent();
        assertThat(event.attributes().findFlag("siren_nearby")).contains(true);
        assertThat(event.evidence()).singleElement().extracting(EvidenceRef::kind).isEqualTo(EvidenceRef.Kind.AUDIO);

        var kept = store.open(event.evidence().get(0).uri()).orElseThrow();
        assertThat(kept.mediaType()).isEqualTo("audio/wav");
        var clip = AudioFiles.decode(kept.bytes(), "evidence");
        assertThat(clip.seconds()).isLessThanOrEqualTo(2.0).isGreaterThan(0.5);
        assertThat(pipeline.stats().samples()).isEqualTo(x.length);
        assertThat(pipeline.stats().detections()).isEqualTo(1);
    }

    @Test
    void aGapInCaptureTimeRestartsTheStreamAndKeepsTimesRight(@TempDir Path dir) throws Exception {
        int rate = 22050;
        var pipeline = new SensorPipeline(SENSOR, new ImpulseRules(), new DirectoryEvidenceStore(dir),
                InstantSource.fixed(T0.plusSeconds(3600)), ImpulseDetector.Settings.defaults());
        List<Detection> found = new ArrayList<>();
        found.addAll(pipeline.accept(Synth.street(rate, 3, -45, 3), rate, T0));
        float[] after = Synth.street(rate, 3, -45, 4);
        Synth.gunshot(after, rate, rate, 0.5, 5);
        Instant resumed = T0.plusSeconds(600); // ten minutes of silence from the sensor
        found.addAll(pipeline.accept(after, rate, resumed));
        found.addAll(pipeline.finish());
        assertThat(found).singleElement().satisfies(d -> assertThat(
                Duration.between(resumed.plusSeconds(1), d.onsetTime()).abs()).isLessThan(Duration.ofMillis(3)));
        assertThat(pipeline.stats().restarts()).isEqualTo(1);
    }
}
