package org.vigie.vision.detect;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;
import org.vigie.vision.geom.Box;

/**
 * OpenCV's HOG + linear SVM people detector (Dalal and Triggs): upright persons, no model file needed. It sees
 * persons at least 128 pixels tall (its window), so each motion region is enlarged until a person as tall as
 * the region would fill the window; regions far smaller than a person are skipped.
 */
public final class HogPersonDetector implements Detector {
    private static final int WINDOW_H = 128;
    private static final int WINDOW_W = 64;
    // The default detector was trained on INRIA windows of 64 x 128 holding a person about 96 px tall and 40 px wide,
    // centred: 16 px of margin above and below, about 12 px on each side. A found window is trimmed by that margin so
    // that its box is the person's, as annotations draw it (docs/video.md: TUD-Campus at IoU 0.5, whole frame, P/R
    // 0.66/0.37 with a third of this margin, 0.83/0.45 with all of it).
    private static final double TRIM_X = 12.0 / 64;
    private static final double TRIM_TOP = 16.0 / 128;
    private static final double TRIM_BOTTOM = 16.0 / 128;
    /** Frames are enlarged at least this much: persons from ~100 px tall fill the 128 px window. */
    private static final double MIN_SCALE = 1.3;

    private final HOGDescriptor hog = new HOGDescriptor();
    private final FloatPointer coefficients;
    private final Mat svm;
    /** Reused from one region to the next instead of allocated per call (native memory, outside the heap). */
    private final Mat scaled = new Mat();
    private final Size winStride = new Size(8, 8);
    private final Size padding = new Size(16, 16);
    private boolean closed;
    private final double hitThreshold;
    private final double minRegionHeight;

    /**
     * @param hitThreshold    SVM margin a window must pass (0 = OpenCV's default; higher = fewer false alarms)
     * @param minRegionHeight regions lower than this (pixels) cannot hold a detectable person
     */
    public HogPersonDetector(double hitThreshold, double minRegionHeight) {
        // In JavaCV 1.5.13 the default detector comes back as a FloatPointer; a Mat header wraps it without copy.
        coefficients = HOGDescriptor.getDefaultPeopleDetector();
        svm = new Mat(coefficients);
        hog.setSVMDetector(svm);
        this.hitThreshold = hitThreshold;
        this.minRegionHeight = minRegionHeight;
    }

    public HogPersonDetector() {
        this(0.0, 24);
    }

    @Override
    public List<Detection> detect(Mat bgr, List<Box> regions) {
        if (closed) {
            throw new IllegalStateException("HOG person detector used after close");
        }
        var out = new ArrayList<Detection>();
        for (Box region : regions) {
            if (region.h() < minRegionHeight) {
                continue;
            }
            // A person is about twice as tall as wide; give the window room around the region.
            Box roi = region.grow(0.25);
            double w = Math.max(roi.w(), roi.h() / 2);
            roi = new Box(roi.cx() - w / 2, roi.y(), w, roi.h()).clip(bgr.cols(), bgr.rows());
            if (roi.w() < 8 || roi.h() < 16) {
                continue;
            }
            // Small regions are enlarged until a person as tall as the region fills ~1.3 windows; large regions are
            // never shrunk (the detector's own pyramid finds persons taller than the window).
            double scale = Math.max(MIN_SCALE, Math.max(WINDOW_H * 1.3 / roi.h(), WINDOW_W * 1.1 / roi.w()));
            scale = Math.min(scale, 4);
            try (Rect r = new Rect((int) roi.x(), (int) roi.y(), (int) roi.w(), (int) roi.h());
                 Mat crop = new Mat(bgr, r);
                 Size size = new Size((int) Math.round(roi.w() * scale), (int) Math.round(roi.h() * scale));
                 RectVector found = new RectVector();
                 DoublePointer weights = new DoublePointer()) {
                opencv_imgproc.resize(crop, scaled, size);
                if (scaled.cols() < WINDOW_W || scaled.rows() < WINDOW_H) {
                    continue;
                }
                hog.detectMultiScale(scaled, found, weights, hitThreshold, winStride, padding, 1.1, 2.0, false);
                for (long i = 0; i < found.size(); i++) {
                    Rect f = found.get(i);
                    double score = weights.limit() > i ? weights.get(i) : 1;
                    Box b = new Box(roi.x() + f.x() / scale, roi.y() + f.y() / scale, f.width() / scale, f.height() / scale);
                    b = new Box(b.x() + b.w() * TRIM_X, b.y() + b.h() * TRIM_TOP, b.w() * (1 - 2 * TRIM_X), b.h() * (1 - TRIM_TOP - TRIM_BOTTOM));
                    out.add(new Detection(b, "person", 1 / (1 + Math.exp(-2 * score))));
                }
            }
        }
        return NonMaximum.suppress(out, 0.4);
    }

    @Override
    public List<String> labels() {
        return List.of("person");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        hog.close();
        svm.close();
        coefficients.close();
        scaled.close();
        winStride.close();
        padding.close();
    }

    /** Whether {@link #close} ran (for tests of the close paths). */
    public boolean isClosed() {
        return closed;
    }
}
