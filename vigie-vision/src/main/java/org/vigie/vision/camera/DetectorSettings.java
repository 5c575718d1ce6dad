package org.vigie.vision.camera;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which person/vehicle detector a camera uses. {@code hog} needs no file; {@code onnx} loads a YOLO-style model
 * from a configured path (nothing is ever downloaded).
 *
 * @param classes       class names in the model's output order; "person" and vehicle names are what the rules use
 * @param refreshFrames analysed frames between two runs of the detector on everything that moves; in between it
 *                      runs only on motion that the tracks and earlier empty looks do not explain
 * @param learnHeights  HOG only: learn how tall persons are at each image row from the camera's own detections, and
 *                      search each level of the image pyramid only where persons of its height can stand (see
 *                      {@code PersonHeights}); off for a scene without one ground plane (stairs, balconies)
 */
public record DetectorSettings(Kind kind, Optional<Path> model, int inputSize, List<String> classes,
                               double scoreThreshold, double nmsThreshold, int refreshFrames, boolean learnHeights) {
    /** Two seconds at the default 5 analysed frames per second. */
    public static final int DEFAULT_REFRESH_FRAMES = 10;

    public enum Kind { HOG, ONNX }

    public static DetectorSettings hog() {
        return new DetectorSettings(Kind.HOG, Optional.empty(), 0, List.of("person"), 0.0, 0.45, DEFAULT_REFRESH_FRAMES,
                true);
    }

    public DetectorSettings {
        classes = List.copyOf(classes);
    }
}
