package org.vigie.audio.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vigie.audio.read.AudioClip;

class ImpulseDetectorTest {

    static List<Impulse> detect(float[] x, int rate) {
        var d = new ImpulseDetector(rate);
        var out = new ArrayList<>(d.accept(x));
        out.addAll(d.finish());
        return out;
    }

    static ImpulseClass classify(float[] x, int rate) {
        return ClipAnalysis.of(new AudioClip(x, rate), ImpulseDetector.Settings.defaults()).verdict(new ImpulseRules());
    }

    @ParameterizedTest
    @ValueSource(ints = {22050, 44100, 48000})
    void aShotInStreetNoiseIsOneOnsetAtItsTimeAndAGunshot(int rate) {
        float[] x = Synth.street(rate, 3, -45, 1);
        int at = (int) (1.3 * rate);
        Synth.gunshot(x, rate, at, 0.5, 2);
        List<Impulse> found = detect(x, rate);
        assertThat(found).hasSize(1);
        assertThat(Math.abs(found.get(0).onsetSample() - at)).isLessThan(rate / 500); // 2 ms
        assertThat(found.get(0).segment().length).isLessThanOrEqualTo(2 * rate);
        assertThat(classify(x, rate)).isEqualTo(ImpulseClass.GUNSHOT);
    }

    @ParameterizedTest
    @ValueSource(ints = {22050, 48000})
    void explosionsAndBreakingGlassAreTold(int rate) {
        float[] boom = Synth.street(rate, 3, -45, 3);
        Synth.explosion(boom, rate, rate, 0.5, 4);
        assertThat(classify(boom, rate)).isEqualTo(ImpulseClass.EXPLOSION);
        float[] glass = Synth.street(rate, 3, -45, 5);
        Synth.glass(glass, rate, rate, 0.4, 6);
        assertThat(classify(glass, rate)).isEqualTo(ImpulseClass.GLASS_BREAK);
    }

    @Test
    void aSirenIsContextNeverAnImpulseEvent() {
        int rate = 22050;
        float[] x = Synth.street(rate, 6, -45, 7);
        Synth.siren(x, rate, rate / 2, 0.2);
        var analysis = ClipAnalysis.of(new AudioClip(x, rate), ImpulseDetector.Settings.defaults());
        assertThat(analysis.sirenScore()).isGreaterThanOrEqualTo(ClipAnalysis.SIREN_PRESENT);
        assertThat(analysis.verdict(new ImpulseRules())).isEqualTo(ImpulseClass.SIREN);
        float[] quiet = Synth.street(rate, 6, -45, 8);
        assertThat(ClipAnalysis.of(new AudioClip(quiet, rate), ImpulseDetector.Settings.defaults()).sirenScore())
                .isLessThan(ClipAnalysis.SIREN_PRESENT);
    }

    @Test
    void noiseThatSlowlyGetsLouderRaisesTheFloorNotOnsets() {
        int rate = 22050;
        float[] x = Synth.street(rate, 10, -50, 9);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) Math.pow(10, 30.0 * i / x.length / 20); // +30 dB over 10 s
        }
        assertThat(detect(x, rate)).isEmpty();
    }

    @Test
    void aShotUnderTheNoiseFloorIsNotInvented() {
        int rate = 22050;
        float[] x = Synth.street(rate, 3, -20, 10);
        Synth.gunshot(x, rate, rate, 0.003, 11); // 30 dB below the background
        assertThat(detect(x, rate)).isEmpty();
    }

    @Test
    void chunkingDoesNotChangeWhatIsFound() {
        int rate = 22050;
        float[] x = Synth.street(rate, 8, -45, 12);
        for (int k = 0; k < 5; k++) {
            Synth.gunshot(x, rate, (int) ((0.7 + 1.4 * k) * rate), 0.3 + 0.1 * k, 13 + k);
        }
        List<Long> whole = detect(x, rate).stream().map(Impulse::onsetSample).toList();
        assertThat(whole).hasSize(5);
        Random random = new Random(14);
        for (int trial = 0; trial < 20; trial++) {
            var d = new ImpulseDetector(rate);
            var found = new ArrayList<Impulse>();
            for (int i = 0; i < x.length; ) {
                int len = Math.min(x.length - i, 1 + random.nextInt(trial % 2 == 0 ? 50 : 5000));
                found.addAll(d.accept(x, i, len));
                i += len;
            }
            found.addAll(d.finish());
            assertThat(found.stream().map(Impulse::onsetSample).toList()).isEqualTo(whole);
        }
    }
}
