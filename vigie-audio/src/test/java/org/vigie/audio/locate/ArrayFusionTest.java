package org.vigie.audio.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.detect.ImpulseDetector;
import org.vigie.audio.detect.ImpulseRules;
import org.vigie.audio.detect.SensorPipeline;
import org.vigie.audio.detect.Synth;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;

class ArrayFusionTest {
    static final int RATE = 22050;
    static final Instant T0 = Instant.parse("2026-07-14T21:30:00Z");

    @Test
    void fiveSensorsHearingOneShotRaiseOneLocatedEvent(@TempDir Path dir) throws Exception {
        var frame = new LocalFrame(43.2965, 5.3698);
        double[][] pos = {{0, 0}, {420, 30}, {810, -20}, {30, 390}, {440, 430}};
        double[] source = {300, 180};
        List<AcousticSensor> sensors = new ArrayList<>();
        for (int i = 0; i < pos.length; i++) {
            double[] ll = frame.toDegrees(pos[i][0], pos[i][1]);
            sensors.add(new AcousticSensor("s" + i, ll[0], ll[1], 300));
        }
        var events = new ArrayList<Event>();
        var fusion = new ArrayFusion(sensors, new Localiser(Localiser.DEFAULT_SKEW_BOUND), Localiser.DEFAULT_SKEW_BOUND,
                events::add);
        var store = new DirectoryEvidenceStore(dir);
        float[] shot = new float[RATE / 2];
        Synth.gunshot(shot, RATE, 0, 1.0, 7);
        for (int i = 0; i < pos.length; i++) {
            double d = Math.hypot(source[0] - pos[i][0], source[1] - pos[i][1]);
            float[] x = Synth.street(RATE, 5, -50, 10 + i);
            LocaliserTest.add(x, LocaliserTest.absorbed(shot, d), RATE / 2.0 + d / Localiser.SPEED_OF_SOUND * RATE, 10 / d);
            var pipeline = new SensorPipeline(sensors.get(i), new ImpulseRules(), store, InstantSource.fixed(T0.plusSeconds(60)),
                    ImpulseDetector.Settings.defaults());
            pipeline.accept(x, RATE, T0).forEach(fusion::offer);
            pipeline.finish().forEach(fusion::offer);
        }
        fusion.flush(T0.plusMillis(500)); // too early: sound may still be on its way to a sensor
        assertThat(events).isEmpty();
        fusion.flush(T0.plusSeconds(30));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.GUNSHOT);
            // The farthest sensor (540 m, highs absorbed) may not hear it above its noise; the others must.
            assertThat(e.attributes().findNumber("sensors_used")).hasValueSatisfying(n -> assertThat(n).isBetween(4.0, 5.0));
            assertThat(e.attributes().findText("clock_skew_sensors")).isEmpty();
            double[] p = frame.toMetres(e.location().lat(), e.location().lon());
            assertThat(Math.hypot(p[0] - source[0], p[1] - source[1])).isLessThan(15);
            assertThat(e.location().accuracyMeters()).isLessThan(50);
            assertThat(e.evidence()).isNotEmpty(); // the snippet of each sensor that called it an alert
        });
    }
}
