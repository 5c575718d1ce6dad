package org.vigie.vision.camera;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which person/vehicle detector a camera uses. {@code hog} needs no file; {@code onnx} loads a YOLO-style model
 * from a configured path (nothing is ever downloaded).
 *
 * @param classes class names in the model's output order; "person" and vehicle names are what the rules use
 */
public record DetectorSettings(Kind kind, Optional<Path> model, int inputSize, List<String> classes,
                               double scoreThreshold, double nmsThreshold) {
    public enum Kind { HOG, ONNX }

    public static DetectorSettings hog() {
        return new DetectorSettings(Kind.HOG, Optional.empty(), 0, List.of("person"), 0.0, 0.45);
    }

    public DetectorSettings {
        classes = List.copyOf(classes);
    }
}
