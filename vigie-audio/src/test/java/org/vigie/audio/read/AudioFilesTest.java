package org.vigie.audio.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioFilesTest {
    static final Path DATA = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/audio");

    static float[] tone(int n, int rate) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"1,8,1,false,22050", "1,16,1,false,22050", "1,24,1,false,44100", "1,32,2,false,48000", "3,32,1,false,48000",
            "3,64,2,false,44100", "1,16,2,true,48000", "3,32,6,true,22050"})
    void wavEncodingsDecodeToTheSameMonoSignal(int tag, int bits, int channels, boolean extensible, int rate) throws Exception {
        float[] signal = tone(1000, rate);
        AudioClip clip = AudioFiles.decode(TestAudio.wav(signal, rate, channels, tag, bits, extensible), "t.wav");
        assertThat(clip.sampleRate()).isEqualTo(rate);
        assertThat(clip.samples()).hasSize(signal.length);
        double tolerance = bits == 8 ? 0.01 : 1e-4;
        for (int i = 0; i < signal.length; i += 37) {
            assertThat((double) clip.samples()[i]).isCloseTo(signal[i], within(tolerance));
        }
    }

    @Test
    void flacDecodesToTheSameMonoSignal() throws Exception {
        float[] signal = tone(10_000, 44100);
        AudioClip clip = AudioFiles.decode(TestAudio.flac(signal, 44100, 2), "t.flac");
        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.samples()).hasSize(signal.length);
        for (int i = 0; i < signal.length; i += 101) {
            assertThat((double) clip.samples()[i]).isCloseTo(signal[i], within(1e-4));
        }
    }

    @Test
    void truncatedFilesAreRefusedNamingTheProblem() {
        byte[] wav = TestAudio.wav(tone(1000, 22050), 22050, 1, 1, 16, false);
        assertThatThrownBy(() -> AudioFiles.decode(Arrays.copyOf(wav, wav.length - 500), "cut.wav"))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("cut.wav").hasMessageContaining("truncated");
        assertThatThrownBy(() -> AudioFiles.decode(Arrays.copyOf(wav, 30), "head.wav"))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("head.wav");
        byte[] flac = TestAudio.flac(tone(10_000, 22050), 22050, 1);
        assertThatThrownBy(() -> AudioFiles.decode(Arrays.copyOf(flac, flac.length - 3000), "cut.flac"))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("cut.flac");
    }

    @Test
    void nonAudioIsRefusedNamingWhatItStartsWith() {
        assertThatThrownBy(() -> AudioFiles.decode("%PDF-1.7 hello".getBytes(), "doc.wav"))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("not a WAV or FLAC").hasMessageContaining("255044");
        assertThatThrownBy(() -> AudioFiles.decode(new byte[0], "empty.wav")).hasMessageContaining("empty");
    }

    /** Random corruption of a valid file must end in a clear error or a clip, never in another exception. */
    @Test
    void corruptedBytesNeverEscapeAsAnotherException() {
        Random random = new Random(4);
        byte[] wav = TestAudio.wav(tone(300, 8000), 8000, 2, 1, 24, false);
        byte[] flac = TestAudio.flac(tone(300, 8000), 8000, 1);
        for (int i = 0; i < 3000; i++) {
            byte[] b = (i % 2 == 0 ? wav : flac).clone();
            for (int k = 0, m = 1 + random.nextInt(4); k < m; k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = Arrays.copyOf(b, random.nextInt(b.length + 1));
            try {
                AudioFiles.decode(cut, "fuzz");
            } catch (AudioFormatException expected) {
                assertThat(expected.getMessage()).startsWith("fuzz: ");
            }
        }
    }

    @Test
    void readsTheRealFolds() throws Exception {
        try (var files = Files.list(DATA.resolve("urbansound8k_fold1"))) {
            Path first = files.filter(p -> p.toString().endsWith(".wav")).sorted().findFirst().orElseThrow();
            AudioClip clip = AudioFiles.read(first);
            assertThat(clip.sampleRate()).isEqualTo(22050);
            assertThat(clip.seconds()).isEqualTo(4.0);
        }
    }
}
