package org.vigie.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.vision.Scene;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.camera.DetectorSettings;
import org.vigie.vision.geom.Box;
import org.vigie.vision.pipeline.CameraPipeline;

/** ONNX Runtime on a real (tiny, hand-encoded) model: loading, inference, YOLOv8 decoding, errors, the weapon rule. */
class OnnxYoloDetectorTest {
    @TempDir
    Path dir;

    private static final List<Box> WHOLE = List.of(new Box(0, 0, 64, 64));

    private OnnxYoloDetector detector(Path model, List<String> classes) {
        return new OnnxYoloDetector(model, TinyOnnxModel.INPUT, classes, 0.4, 0.45);
    }

    private static Mat frame(int grey) {
        return new Mat(64, 64, CV_8UC3, new Scalar(grey, grey, grey, 0));
    }

    @Test
    void detectionsFollowTheInputAsTheModelSays() throws Exception {
        Path model = TinyOnnxModel.write(dir.resolve("tiny.onnx"));
        try (var d = detector(model, List.of("person", "car")); Mat white = frame(255); Mat black = frame(0); Mat grey = frame(128)) {
            // white: mean 1, so column 0 ("person", score 1) only. The 64 px frame is fitted into 32 px (scale 0.5,
            // no padding): the input box centred at (16, 16), 8 x 16, is (24, 16) 16 x 32 in frame pixels.
            List<Detection> w = d.detect(white, WHOLE);
            assertThat(w).singleElement().satisfies(det -> {
                assertThat(det.label()).isEqualTo("person");
                assertThat(det.score()).isCloseTo(1.0, within(1e-4));
                assertThat(det.box().x()).isCloseTo(24, within(1e-3));
                assertThat(det.box().y()).isCloseTo(16, within(1e-3));
                assertThat(det.box().w()).isCloseTo(16, within(1e-3));
                assertThat(det.box().h()).isCloseTo(32, within(1e-3));
            });
            // black: mean 0, so column 1 ("car", score 1 - 0) only, 4 x 4 at (8, 8) -> (12, 12) 8 x 8.
            assertThat(d.detect(black, WHOLE)).singleElement().satisfies(det -> {
                assertThat(det.label()).isEqualTo("car");
                assertThat(det.box().x()).isCloseTo(12, within(1e-3));
                assertThat(det.box().w()).isCloseTo(8, within(1e-3));
            });
            // mid grey: both scores about 0.5, above the 0.4 threshold, boxes apart: two detections.
            List<Detection> g = d.detect(grey, WHOLE);
            assertThat(g).extracting(Detection::label).containsExactlyInAnyOrder("person", "car");
            assertThat(g).allSatisfy(det -> assertThat(det.score()).isCloseTo(128 / 255.0, within(0.01)));
        }
    }

    @Test
    void openedAndClosedManyTimesAndRefusedAfterClose() throws Exception {
        Path model = TinyOnnxModel.write(dir.resolve("tiny.onnx"));
        try (Mat white = frame(255)) {
            for (int i = 0; i < 50; i++) {
                var d = detector(model, List.of("person", "car"));
                assertThat(d.detect(white, WHOLE)).hasSize(1);
                d.close();
                d.close();
                assertThat(d.isClosed()).isTrue();
                assertThatThrownBy(() -> d.detect(white, WHOLE)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("after close");
            }
        }
    }

    @Test
    void aMissingOrCorruptModelIsAClearErrorNamingThePath() throws Exception {
        Path missing = dir.resolve("nowhere/yolo.onnx");
        assertThatThrownBy(() -> detector(missing, List.of("person")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());

        Path corrupt = dir.resolve("corrupt.onnx");
        byte[] junk = new byte[2048];
        new Random(7).nextBytes(junk);
        Files.write(corrupt, junk);
        assertThatThrownBy(() -> detector(corrupt, List.of("person")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot load ONNX model")
                .hasMessageContaining(corrupt.toString());

        // a valid model cut short is corrupt too
        Path truncated = dir.resolve("truncated.onnx");
        byte[] whole = TinyOnnxModel.model();
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> detector(truncated, List.of("person")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(truncated.toString());
    }

    @Test
    void theWeaponRuleIsUnavailableWithoutAModelAndRunsWithOne() throws Exception {
        CameraConfig without = Scene.camera(CameraLayout.EMPTY);
        try (var p = new CameraPipeline(without, new org.vigie.vision.PaintedPersonDetector(), Detectors.weaponFor(without),
                Optional.empty(), InstantSource.system())) {
            assertThat(p.unavailableRules()).containsKey("weapon");
            assertThat(p.unavailableRules().get("weapon")).contains("no weapon detection model");
        }

        Path model = TinyOnnxModel.write(dir.resolve("weapon.onnx"));
        var settings = new DetectorSettings(DetectorSettings.Kind.ONNX, Optional.of(model), TinyOnnxModel.INPUT,
                List.of("knife", "other"), 0.4, 0.45, DetectorSettings.DEFAULT_REFRESH_FRAMES, false);
        CameraConfig with = without.withWeaponDetector(Optional.of(settings));
        Optional<Detector> weapon = Detectors.weaponFor(with);
        assertThat(weapon).get().isInstanceOf(OnnxYoloDetector.class);
        try (var p = new CameraPipeline(with, new org.vigie.vision.PaintedPersonDetector(), weapon, Optional.empty(),
                InstantSource.system())) {
            assertThat(p.unavailableRules()).doesNotContainKey("weapon");
            assertThat(p.rules()).anyMatch(r -> r.type().jsonName().equals("weapon") && r.unavailable().isEmpty());
        }
    }
}
