package org.vigie.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.vision.geom.Box;

/** YOLO output decoding and NMS on synthetic tensors, in both layouts found in exported models. */
class YoloDecoderTest {
    static final List<String> CLASSES = List.of("person", "bicycle", "car");

    /** YOLOv8 layout [4 + C, N]: column i is one candidate. */
    static float[] v8(float[][] candidates) {
        int n = candidates.length;
        int rows = 4 + CLASSES.size();
        float[] out = new float[rows * n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rows; r++) {
                out[r * n + i] = candidates[i][r];
            }
        }
        return out;
    }

    @Test
    void v8OutputIsDecodedSuppressedAndMappedBackThroughTheLetterbox() {
        // a 640x320 crop at (100, 50) of the frame, letterboxed into 640x640: scale 1, padding 160 at top
        var lb = YoloDecoder.Letterbox.fit(100, 50, 640, 320, 640);
        assertThat(lb.padY()).isEqualTo(160);
        float[][] c = {
                {320, 320, 40, 100, 0.9f, 0.05f, 0.01f},   // a person
                {322, 318, 42, 98, 0.8f, 0.05f, 0.01f},    // the same person, weaker: suppressed
                {100, 400, 120, 60, 0.02f, 0.01f, 0.7f},   // a car
                {500, 200, 30, 30, 0.1f, 0.2f, 0.1f},      // below threshold
        };
        var d = new YoloDecoder(CLASSES, 0.4, 0.45).decode(v8(c), 4 + CLASSES.size(), c.length, lb);
        assertThat(d).hasSize(2);
        Detection person = d.stream().filter(x -> x.label().equals("person")).findFirst().orElseThrow();
        assertThat(person.score()).isCloseTo(0.9, offset(1e-6));
        // centre (320, 320) in the input -> (320 + 100, 320 - 160 + 50) in the frame
        assertThat(person.box().cx()).isCloseTo(420, offset(1e-6));
        assertThat(person.box().cy()).isCloseTo(210, offset(1e-6));
        assertThat(d).anyMatch(x -> x.label().equals("car"));
    }

    @Test
    void v5OutputWithObjectnessIsDecoded() {
        int dim1 = 5 + CLASSES.size();
        float[] out = {
                50, 60, 20, 40, 0.9f, 0.8f, 0.1f, 0.1f,
                50, 60, 20, 40, 0.3f, 0.9f, 0.1f, 0.1f, // objectness too low
        };
        var lb = YoloDecoder.Letterbox.fit(0, 0, 640, 640, 640);
        var d = new YoloDecoder(CLASSES, 0.4, 0.45).decode(out, 2, dim1, lb);
        assertThat(d).hasSize(1);
        assertThat(d.get(0).score()).isCloseTo(0.72, offset(1e-6));
        assertThat(d.get(0).box()).isEqualTo(new Box(40, 40, 20, 40));
    }

    @Test
    void aShapeThatDoesNotFitTheClassesIsAClearError() {
        var lb = YoloDecoder.Letterbox.fit(0, 0, 640, 640, 640);
        assertThatThrownBy(() -> new YoloDecoder(CLASSES, 0.4, 0.45).decode(new float[84 * 10], 84, 10, lb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 classes");
    }

    @Test
    void nmsKeepsOneBoxPerObjectAndNeverMixesClasses() {
        var rnd = new Random(11);
        for (int k = 0; k < 2000; k++) {
            var in = new java.util.ArrayList<Detection>();
            int objects = 1 + rnd.nextInt(4);
            for (int o = 0; o < objects; o++) {
                double x = o * 200 + rnd.nextInt(20);
                for (int j = 0; j < 1 + rnd.nextInt(5); j++) {
                    in.add(new Detection(new Box(x + rnd.nextInt(6), 50 + rnd.nextInt(6), 60, 120), "person", rnd.nextDouble()));
                }
            }
            in.add(new Detection(new Box(5, 52, 60, 120), "bicycle", 0.5));
            var out = NonMaximum.suppress(in, 0.45);
            assertThat(out.stream().filter(d -> d.label().equals("person"))).hasSize(objects);
            assertThat(out.stream().filter(d -> d.label().equals("bicycle"))).hasSize(1);
        }
    }
}
