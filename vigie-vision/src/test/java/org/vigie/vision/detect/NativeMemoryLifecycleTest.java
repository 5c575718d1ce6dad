package org.vigie.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vigie.vision.PaintedPersonDetector;
import org.vigie.vision.Scene;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.geom.Box;
import org.vigie.vision.pipeline.CameraPipeline;
import org.vigie.vision.source.VideoFrame;

/**
 * Detectors and pipelines hold native memory the garbage collector does not see; these tests open and close them
 * many times and check that the close paths run, are idempotent, and that use after close is refused instead of
 * reading freed memory.
 */
class NativeMemoryLifecycleTest {

    @Test
    void hogDetectorsOpenedAndClosedManyTimesRefuseUseAfterClose() {
        try (Mat frame = new Mat(240, 320, CV_8UC3, new Scalar(90, 100, 100, 0))) {
            Scene.person(frame, 160, 200, 30, 110);
            List<Box> where = List.of(new Box(120, 60, 80, 160));
            for (int i = 0; i < 200; i++) {
                var hog = new HogPersonDetector();
                hog.detect(frame, where); // works while open
                hog.close();
                assertThat(hog.isClosed()).isTrue();
                hog.close(); // a second close is harmless
                assertThatThrownBy(() -> hog.detect(frame, where))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("after close");
            }
        }
    }

    @Test
    void aPipelineClosesTheDetectorsItOwnsExactlyOnceAndRefusesFramesAfterClose() {
        var cam = Scene.camera(CameraLayout.EMPTY);
        var detectors = new ArrayList<PaintedPersonDetector>();
        var weapons = new ArrayList<PaintedPersonDetector>();
        try (Mat frame = new Mat(Scene.H, Scene.W, CV_8UC3)) {
            Scene.background(frame, 1.0);
            for (int i = 0; i < 100; i++) {
                var d = new PaintedPersonDetector();
                var w = new PaintedPersonDetector();
                detectors.add(d);
                weapons.add(w);
                var p = new CameraPipeline(cam, d, Optional.of(w), Optional.empty(), InstantSource.system());
                p.process(new VideoFrame(0, 0, Scene.T0, frame));
                p.close();
                p.close();
                assertThat(p.isClosed()).isTrue();
                assertThatThrownBy(() -> p.process(new VideoFrame(1, 0.2, Scene.T0, frame)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("after close");
            }
        }
        assertThat(detectors).allSatisfy(d -> assertThat(d.closes()).isEqualTo(1));
        assertThat(weapons).allSatisfy(d -> assertThat(d.closes()).isEqualTo(1));
    }
}
