package org.vigie.vision.detect;

import java.util.Optional;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.DetectorSettings;

/** Builds the detectors a camera's file asks for. */
public final class Detectors {
    private Detectors() {
    }

    public static Detector of(DetectorSettings s) {
        return switch (s.kind()) {
            case HOG -> new HogPersonDetector(s.learnHeights());
            case ONNX -> new OnnxYoloDetector(s.model().orElseThrow(() -> new IllegalArgumentException("an onnx detector needs a model path")),
                    s.inputSize(), s.classes(), s.scoreThreshold(), s.nmsThreshold());
        };
    }

    public static Detector forCamera(CameraConfig c) {
        return of(c.detector());
    }

    public static Optional<Detector> weaponFor(CameraConfig c) {
        return c.weaponDetector().map(Detectors::of);
    }
}
