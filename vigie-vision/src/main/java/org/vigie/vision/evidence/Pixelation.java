package org.vigie.vision.evidence;

import java.util.List;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigie.vision.geom.Box;

/**
 * Pixelates regions of an image in place: each region becomes a grid of flat blocks, about 6 across a person,
 * too coarse to identify anyone and still enough to see that a person is there and where.
 */
public final class Pixelation {
    private Pixelation() {
    }

    /** @param regions in pixels of {@code image}; grown by 10% so edges of limbs and hair are covered too */
    public static void apply(Mat image, List<Box> regions) {
        for (Box region : regions) {
            Box b = region.grow(0.1).clip(image.cols(), image.rows());
            int x = (int) Math.floor(b.x());
            int y = (int) Math.floor(b.y());
            int w = Math.min(image.cols() - x, (int) Math.ceil(b.right()) - x);
            int h = Math.min(image.rows() - y, (int) Math.ceil(b.bottom()) - y);
            if (w < 2 || h < 2) {
                continue;
            }
            // Block side: a sixth of the box width, at least 8 px; never fewer than one block.
            int block = Math.max(8, w / 6);
            int bw = Math.max(1, w / block);
            int bh = Math.max(1, h / block);
            try (Rect r = new Rect(x, y, w, h); Mat roi = new Mat(image, r); Mat tiny = new Mat()) {
                opencv_imgproc.resize(roi, tiny, new Size(bw, bh), 0, 0, opencv_imgproc.INTER_AREA);
                opencv_imgproc.resize(tiny, roi, new Size(w, h), 0, 0, opencv_imgproc.INTER_NEAREST);
            }
        }
    }
}
