package org.vigie.vision.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.PointVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;
import org.vigie.vision.geom.Box;

/**
 * OpenCV's HOG + linear SVM people detector (Dalal and Triggs): upright persons, no model file needed. It sees
 * persons at least 128 pixels tall (its window), so each motion region is enlarged until a person as tall as
 * the region would fill the window; regions far smaller than a person are skipped.
 *
 * <p>Each level of the image pyramid finds persons of one height. Once the camera's own detections have shown how
 * tall a person is at each row ({@link PersonHeights}), a level is searched only in the rows where persons of its
 * height can stand; every {@link #FULL_SEARCH_EVERY}th call still searches everything, so that a person off the
 * learned line (a child, someone on steps) is found and tracked, and the heights keep being learned from all sizes.
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
    /** Height of the person inside a found window (the window less its top and bottom margins). */
    private static final double PERSON_IN_WINDOW = WINDOW_H * (1 - TRIM_TOP - TRIM_BOTTOM);
    /** Step between two levels of OpenCV's image pyramid, and its limit on levels. */
    private static final double LEVEL_STEP = 1.1;
    private static final int MAX_LEVELS = 64;
    /** Window positions are this many pixels apart (the {@code winStride}). */
    private static final int STRIDE = 8;
    /** OpenCV's grouping of overlapping windows: a person needs more than this many, alike within this share. */
    private static final double GROUP_THRESHOLD = 2.0;
    private static final double GROUP_EPS = 0.2;
    /** Every this many calls, regions are searched at every level and row, whatever the learned heights say. */
    static final int FULL_SEARCH_EVERY = 16;
    /** Detections at least this confident teach the camera's person heights. */
    private static final double LEARN_CONFIDENCE = 0.7;

    private final HOGDescriptor hog = new HOGDescriptor();
    private final FloatPointer coefficients;
    private final Mat svm;
    /** Reused from one region to the next instead of allocated per call (native memory, outside the heap). */
    private final Mat scaled = new Mat();
    private final Mat levelBuffer = new Mat();
    private final PointVector noLocations = new PointVector();
    private final Size winStride = new Size(STRIDE, STRIDE);
    private final Size padding = new Size(16, 16);
    private boolean closed;
    private final double hitThreshold;
    private final double minRegionHeight;
    /** Null when heights are not learned. */
    private final PersonHeights heights;
    private final int fullSearchEvery;
    private long calls;
    private long searchedPixels;

    /**
     * @param hitThreshold    SVM margin a window must pass (0 = OpenCV's default; higher = fewer false alarms)
     * @param minRegionHeight regions lower than this (pixels) cannot hold a detectable person
     */
    public HogPersonDetector(double hitThreshold, double minRegionHeight, boolean learnHeights) {
        this(hitThreshold, minRegionHeight, learnHeights ? new PersonHeights() : null, FULL_SEARCH_EVERY);
    }

    /** @param heights what the detector knows of person heights (and learns into), or null to search everything */
    HogPersonDetector(double hitThreshold, double minRegionHeight, PersonHeights heights, int fullSearchEvery) {
        // In JavaCV 1.5.13 the default detector comes back as a FloatPointer; a Mat header wraps it without copy.
        coefficients = HOGDescriptor.getDefaultPeopleDetector();
        svm = new Mat(coefficients);
        hog.setSVMDetector(svm);
        this.hitThreshold = hitThreshold;
        this.minRegionHeight = minRegionHeight;
        this.heights = heights;
        this.fullSearchEvery = Math.max(1, fullSearchEvery);
    }

    /** @param learnHeights see {@link org.vigie.vision.camera.DetectorSettings#learnHeights} */
    public HogPersonDetector(boolean learnHeights) {
        this(0.0, 24, learnHeights);
    }

    /** Learns person heights. */
    public HogPersonDetector() {
        this(true);
    }

    @Override
    public List<Detection> detect(Mat bgr, List<Box> regions) {
        if (closed) {
            throw new IllegalStateException("HOG person detector used after close");
        }
        var out = new ArrayList<Detection>();
        boolean everywhere = heights == null || !heights.learned() || calls++ % fullSearchEvery == 0;
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
                double[] scores;
                if (everywhere) {
                    searchedPixels += pyramidPixels(scaled.cols(), scaled.rows());
                    hog.detectMultiScale(scaled, found, weights, hitThreshold, winStride, padding, LEVEL_STEP,
                            GROUP_THRESHOLD, false);
                    scores = new double[(int) Math.min(weights.limit(), found.size())];
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = weights.get(i);
                    }
                } else {
                    scores = searchBands(scaled, r.y(), scale, found);
                }
                for (int i = 0; i < found.size(); i++) {
                    Box b;
                    try (Rect f = found.get(i)) {
                        b = new Box(roi.x() + f.x() / scale, roi.y() + f.y() / scale, f.width() / scale, f.height() / scale);
                    }
                    double score = i < scores.length ? scores[i] : 1;
                    b = new Box(b.x() + b.w() * TRIM_X, b.y() + b.h() * TRIM_TOP, b.w() * (1 - 2 * TRIM_X), b.h() * (1 - TRIM_TOP - TRIM_BOTTOM));
                    double confidence = 1 / (1 + Math.exp(-2 * score));
                    out.add(new Detection(b, "person", confidence));
                    if (heights != null && confidence >= LEARN_CONFIDENCE) {
                        heights.observe(b);
                    }
                }
            }
        }
        return NonMaximum.suppress(out, 0.4);
    }

    /**
     * OpenCV's {@code detectMultiScale}, level by level as it does it (same levels, same resizing, same windows, same
     * grouping), except that each level is searched only in the rows where a person of the height that level finds
     * can stand ({@link PersonHeights#feetRows}). A band is a view into the level image, and HOG takes gradients at
     * its edges from the rows around it, so every window searched is scored exactly as in the whole level; the band
     * starts on the window grid. Levels with no plausible row are not even resized.
     *
     * @param top   the analysis-frame row of the crop's first row
     * @param scale analysis pixels to crop pixels
     */
    private double[] searchBands(Mat crop, int top, double scale, RectVector found) {
        var windows = new Windows();
        double level = 1;
        for (int k = 0; k < MAX_LEVELS; k++, level *= LEVEL_STEP) {
            int cols = (int) Math.round(crop.cols() / level);
            int rows = (int) Math.round(crop.rows() / level);
            if (cols < WINDOW_W || rows < WINDOW_H) {
                break;
            }
            double person = PERSON_IN_WINDOW * level / scale; // analysis pixels
            PersonHeights.Rows feet = heights.feetRows(person);
            if (feet.isEmpty()) {
                continue;
            }
            // Windows holding such a person: from a person's top less the window's top margin, to the feet plus the
            // bottom margin, and a window step more either side; in rows of this level, on the window grid, at least a
            // window tall.
            double from = (feet.from() - person * (1 + TRIM_TOP / (1 - TRIM_TOP - TRIM_BOTTOM)) - top) * scale / level;
            double to = (feet.to() + person * TRIM_BOTTOM / (1 - TRIM_TOP - TRIM_BOTTOM) - top) * scale / level;
            if (to < 0 || from > rows) {
                continue;
            }
            int first = (int) Math.max(0, Math.floor(from / STRIDE - 1) * STRIDE);
            int last = (int) Math.min(rows, Math.ceil(to) + STRIDE);
            if (last - first < WINDOW_H) {
                first = Math.max(0, Math.min(first, rows - WINDOW_H) / STRIDE * STRIDE);
                last = Math.min(rows, first + WINDOW_H);
            }
            searchedPixels += (long) cols * (last - first);
            try (Size size = new Size(cols, rows); Rect band = new Rect(0, first, cols, last - first);
                 PointVector hits = new PointVector(); DoublePointer hitScores = new DoublePointer()) {
                Mat levelImage = crop;
                if (cols != crop.cols() || rows != crop.rows()) {
                    opencv_imgproc.resize(crop, levelBuffer, size, 0, 0, opencv_imgproc.INTER_LINEAR_EXACT);
                    levelImage = levelBuffer;
                }
                try (Mat view = new Mat(levelImage, band)) {
                    hog.detect(view, hits, hitScores, hitThreshold, winStride, padding, noLocations);
                }
                int w = (int) Math.round(WINDOW_W * level);
                int h = (int) Math.round(WINDOW_H * level);
                for (long i = 0; i < hits.size(); i++) {
                    try (Point p = hits.get(i)) {
                        windows.add((int) Math.round(p.x() * level), (int) Math.round((p.y() + first) * level), w, h,
                                hitScores.get(i));
                    }
                }
            }
        }
        windows.into(found);
        if (windows.size == 0) {
            return new double[0];
        }
        try (DoublePointer grouped = new DoublePointer(Arrays.copyOf(windows.scores, windows.size))) {
            hog.groupRectangles(found, grouped, (int) GROUP_THRESHOLD, GROUP_EPS);
            // Then clipped to the crop, as detectMultiScale does; a group wholly outside it is dropped.
            var kept = new Windows();
            for (int i = 0; i < found.size(); i++) {
                try (Rect g = found.get(i)) {
                    int x0 = Math.max(0, g.x());
                    int y0 = Math.max(0, g.y());
                    int x1 = Math.min(crop.cols(), g.x() + g.width());
                    int y1 = Math.min(crop.rows(), g.y() + g.height());
                    if (x1 > x0 && y1 > y0) {
                        kept.add(x0, y0, x1 - x0, y1 - y0, i < grouped.limit() ? grouped.get(i) : 1);
                    }
                }
            }
            kept.into(found);
            return Arrays.copyOf(kept.scores, kept.size);
        }
    }

    /** Windows found, as plain numbers until they are handed to OpenCV (no native object per window). */
    private static final class Windows {
        int[] boxes = new int[64];
        double[] scores = new double[16];
        int size;

        void add(int x, int y, int w, int h, double score) {
            if (size == scores.length) {
                scores = Arrays.copyOf(scores, size * 2);
                boxes = Arrays.copyOf(boxes, size * 8);
            }
            boxes[4 * size] = x;
            boxes[4 * size + 1] = y;
            boxes[4 * size + 2] = w;
            boxes[4 * size + 3] = h;
            scores[size++] = score;
        }

        void into(RectVector v) {
            v.resize(size);
            for (int i = 0; i < size; i++) {
                try (Rect r = new Rect(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3])) {
                    v.put(i, r);
                }
            }
        }
    }

    /** Pixels of every level of the pyramid {@code detectMultiScale} builds from a crop this large. */
    private static long pyramidPixels(int cols, int rows) {
        long pixels = 0;
        double level = 1;
        for (int k = 0; k < MAX_LEVELS; k++, level *= LEVEL_STEP) {
            int c = (int) Math.round(cols / level);
            int r = (int) Math.round(rows / level);
            if (c < WINDOW_W || r < WINDOW_H) {
                break;
            }
            pixels += (long) c * r;
        }
        return pixels;
    }

    /** The person heights at each row, once learned: "person height 1.16 × (foot row − 226) px, …". */
    @Override
    public String learned() {
        String line = heights == null ? null : heights.describe();
        return line == null ? null : "person height " + line;
    }

        /** The person heights learned belong to the old view; learning starts again. */
    @Override
    public void sceneChanged() {
        if (heights != null) {
            heights.forget();
        }
    }

    /** Pixels of pyramid levels searched so far, all regions and levels together: what the learned heights save. */
    public long searchedPixels() {
        return searchedPixels;
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
        levelBuffer.close();
        noLocations.close();
        winStride.close();
        padding.close();
    }

    /** Whether {@link #close} ran (for tests of the close paths). */
    public boolean isClosed() {
        return closed;
    }
}
