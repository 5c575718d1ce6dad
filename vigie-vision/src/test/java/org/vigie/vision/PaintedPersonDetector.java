package org.vigie.vision;

import static org.bytedeco.opencv.global.opencv_core.inRange;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.detect.Detector;
import org.vigie.vision.geom.Box;
import org.vigie.vision.motion.Regions;

/**
 * Stands in for a person detector on rendered scenes: finds shapes painted in {@link Scene#PERSON} and, like HOG,
 * only upright ones, and only inside the regions it is given.
 */
public final class PaintedPersonDetector implements Detector {
    private int closes;
    private int sceneChanges;

    @Override
    public List<Detection> detect(Mat bgr, List<Box> regions) {
        if (closes > 0) {
            throw new IllegalStateException("painted person detector used after close");
        }
        var out = new ArrayList<Detection>();
        try (Mat mask = new Mat();
             Mat lo = new Mat(new Scalar(190, 30, 20, 0));
             Mat hi = new Mat(new Scalar(210, 50, 40, 0))) {
            inRange(bgr, lo, hi, mask);
            for (Box b : Regions.of(mask, 30, 0)) {
                boolean inRegion = regions.stream().anyMatch(r -> r.grow(0.2).intersection(b) > 0.3 * b.area());
                if (inRegion && b.h() >= 1.3 * b.w()) {
                    out.add(new Detection(b, "person", 0.9));
                }
            }
        }
        return out;
    }

    @Override
    public List<String> labels() {
        return List.of("person");
    }

    @Override
    public void close() {
        closes++;
    }

    @Override
    public void sceneChanged() {
        sceneChanges++;
    }

    /** How many times the pipeline said the picture changed as a whole. */
    public int sceneChanges() {
        return sceneChanges;
    }

    /** How many times {@link #close} was called (the pipeline must close what it owns). */
    public int closes() {
        return closes;
    }
}
