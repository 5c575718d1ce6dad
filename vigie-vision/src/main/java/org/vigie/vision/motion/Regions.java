package org.vigie.vision.motion;

import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.contourArea;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.vigie.vision.geom.Box;

/** Connected regions of a binary mask as boxes, with near boxes merged: one person is often several blobs. */
public final class Regions {
    private Regions() {
    }

    /**
     * @param minArea smallest blob kept, in pixels of the mask
     * @param gap     boxes closer than this (pixels) are merged
     */
    public static List<Box> of(Mat mask, double minArea, double gap) {
        var boxes = new ArrayList<Box>();
        // findContours leaves its input intact since OpenCV 3.2: no copy of the mask.
        try (var contours = new MatVector(); var hierarchy = new Mat()) {
            findContours(mask, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                Mat c = contours.get(i);
                Rect r = boundingRect(c);
                if (contourArea(c) >= minArea || r.area() >= minArea * 2) {
                    boxes.add(new Box(r.x(), r.y(), r.width(), r.height()));
                }
                r.close();
            }
        }
        return merge(boxes, gap);
    }

    public static List<Box> merge(List<Box> in, double gap) {
        var boxes = new ArrayList<>(in);
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    if (boxes.get(i).distanceTo(boxes.get(j)) <= gap) {
                        boxes.set(i, boxes.get(i).union(boxes.get(j)));
                        boxes.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        return boxes;
    }
}
