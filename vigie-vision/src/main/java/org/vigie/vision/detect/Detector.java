package org.vigie.vision.detect;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigie.vision.geom.Box;

/**
 * Finds persons and vehicles in a frame, looking only inside the given regions (where something moved):
 * detection is the expensive step and most of a street camera's image is still most of the time.
 * Implementations are not thread-safe; each camera owns its own.
 */
public interface Detector extends AutoCloseable {

    /**
     * @param bgr     the analysis frame (BGR, 8 bits)
     * @param regions where to look, in pixels of {@code bgr}; detections may extend beyond them
     * @return detections in pixels of {@code bgr}
     */
    List<Detection> detect(Mat bgr, List<Box> regions);

    /** Class names this detector can return. */
    List<String> labels();

    @Override
    default void close() {
    }
}
