package org.vigie.vision.detect;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigie.vision.geom.Box;

/**
 * Finds persons and vehicles in a frame, looking only inside the given regions (where something moved):
 * detection is the expensive step and most of a street camera's image is still most of the time.
 * Implementations are not thread-safe; each camera owns its own.
 *
 * <p>A detector holds native memory (OpenCV matrices, an ONNX Runtime session) that the garbage collector does not
 * see: {@link #close} frees it, may be called more than once, and {@link #detect} after it is refused with an
 * {@link IllegalStateException} rather than touching freed memory.
 */
public interface Detector extends AutoCloseable {

    /**
     * @param bgr     the analysis frame (BGR, 8 bits)
     * @param regions where to look, in pixels of {@code bgr}; detections may extend beyond them
     * @return detections in pixels of {@code bgr}
     * @throws IllegalStateException after {@link #close}
     */
    List<Detection> detect(Mat bgr, List<Box> regions);

    /**
     * The picture changed as a whole (the camera was moved, turned or zoomed): what the detector learned about the
     * old view no longer holds. Nothing by default.
     */
    default void sceneChanged() {
    }

    /**
     * What the detector has learned of the scene, in words, for the camera's health; null when nothing. Called from
     * other threads than {@link #detect}'s.
     */
    default String learned() {
        return null;
    }

    /** Class names this detector can return. */
    List<String> labels();

    /** Frees the native memory; idempotent. */
    @Override
    void close();
}
