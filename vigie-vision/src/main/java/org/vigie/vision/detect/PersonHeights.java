package org.vigie.vision.detect;

import java.util.Arrays;
import org.vigie.vision.geom.Box;

/**
 * How tall a person standing at a given image row is, learned from one camera's own detections: on a ground plane
 * seen by a fixed camera, a person's height in the image is close to a linear function of the row of their feet
 * (Hoiem, Efros and Hebert, "Putting objects in perspective", 2006). The detector searches each level of its image
 * pyramid, which finds persons of one height, only in the band of rows where persons of that height can stand.
 *
 * <p>Only scene geometry is kept: the last {@link #CAPACITY} (foot row, height) pairs of anonymous detections, and
 * the line fitted through them. Nothing says who anyone is or where anyone went.
 *
 * <p>The line is fitted by Theil–Sen (the median of pairwise slopes), which ignores up to about a quarter of
 * outliers (a false detection, a child, a person on a bench); the spread of the samples around it, widened by a
 * margin, says how far from the line a height may be (at least 0.71 to 1.40 times it). Until the samples agree with a
 * line, {@link #feetRows} answers null, "anywhere". Not thread-safe (one per detector, one detector per camera).
 */
public final class PersonHeights {
    static final int CAPACITY = 256;
    /** Samples needed before a line is fitted. */
    static final int MIN_SAMPLES = 40;
    /** New samples between two fits. */
    private static final int REFIT_EVERY = 32;
    /** Pairs whose feet are closer than this (pixels) say nothing about the slope. */
    private static final double MIN_ROW_GAP = 4;
    private static final int MAX_PAIRS = 4096;
    /** The samples must lie this close to the line (median of |ln(height / line)|) for it to be used. */
    private static final double MAX_SCATTER = 0.15;
    /**
     * Plausible heights lie within this many robust standard deviations of the line (in ln(height)), widened by
     * {@link #MARGIN} either way, and never closer than {@link #MIN_SIGMA} allows: at least 0.71 to 1.40 times the
     * line, which takes in adults from short to tall and children of about seven and older.
     */
    private static final double SIGMAS = 4;
    private static final double MARGIN = 1.15;
    private static final double MIN_SIGMA = 0.05;

    private final float[] rows = new float[CAPACITY];
    private final float[] heights = new float[CAPACITY];
    private int count;
    private int next;
    private int sinceFit;
    private boolean valid;
    private double intercept;
    private double slope;
    /** Plausible heights are from this to {@link #highRatio} times the line. */
    private double lowRatio;
    private double highRatio;
    /** A line given, not learned: samples are ignored. */
    private final boolean fixed;
    /** {@link #describe}'s text, written on the camera's thread and read by the health checks. */
    private volatile String description;

    /** Learns from what it is shown. */
    public PersonHeights() {
        this.fixed = false;
    }

    /** A line given rather than learned (tests); heights from {@code low} to {@code high} times it are plausible. */
    static PersonHeights line(double intercept, double slope, double low, double high) {
        var h = new PersonHeights(true);
        h.intercept = intercept;
        h.slope = slope;
        h.lowRatio = low;
        h.highRatio = high;
        h.valid = true;
        return h;
    }

    private PersonHeights(boolean fixed) {
        this.fixed = fixed;
    }

    /** Records a person found at {@code box} (its feet at the bottom edge). */
    public void observe(Box box) {
        if (fixed || !(box.h() > 0) || !Double.isFinite(box.bottom())) {
            return;
        }
        rows[next] = (float) box.bottom();
        heights[next] = (float) box.h();
        next = (next + 1) % CAPACITY;
        count = Math.min(count + 1, CAPACITY);
        if (count >= MIN_SAMPLES && (++sinceFit >= REFIT_EVERY || count == MIN_SAMPLES)) {
            fit();
        }
    }

    /** Forgets every sample and the line (the camera now sees another view). */
    public void forget() {
        if (!fixed) {
            count = 0;
            next = 0;
            sinceFit = 0;
            invalid();
        }
    }

    private void invalid() {
        valid = false;
        description = null;
    }

    /**
     * The line in words, for the camera's health ("1.16 × (foot row − 226) px, 0.71 to 1.40 times that, from 256
     * detections"), or null while there is none. Safe to call from any thread.
     */
    public String describe() {
        return description;
    }

    /**
     * The rows where the feet of a person {@code height} pixels tall may be: where the fitted height, times the
     * spread of the samples around it (widened by a margin), can be that tall. Null when the samples cannot say (too
     * few, or not on a line): then anyone may be anywhere. The line is extended beyond the rows where feet were seen
     * (the ground goes on), and answers no rows at all where it says nobody can stand (above the horizon).
     */
    public Rows feetRows(double height) {
        if (!valid) {
            return null;
        }
        double least = height / highRatio;
        double most = height / lowRatio;
        if (Math.abs(slope) < 1e-6) {
            return least <= intercept && intercept <= most ? Rows.ALL : Rows.NONE;
        }
        double a = (least - intercept) / slope;
        double b = (most - intercept) / slope;
        return new Rows(Math.min(a, b), Math.max(a, b));
    }

    /** Rows from {@code from} to {@code to}, both included; empty when {@code from > to}. */
    public record Rows(double from, double to) {
        static final Rows ALL = new Rows(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        static final Rows NONE = new Rows(1, 0);

        public boolean isEmpty() {
            return !(from <= to);
        }
    }

    /** Whether the samples give a line (enough of them, close to it). */
    public boolean learned() {
        return valid;
    }

    /** The fitted height at a foot row (for tests), 0 before a line is fitted. */
    double line(double row) {
        return intercept + slope * row;
    }

    private void fit() {
        sinceFit = 0;
        int n = count;
        int pairs = n * (n - 1) / 2;
        int step = Math.max(1, pairs / MAX_PAIRS);
        double[] slopes = new double[Math.min(pairs, MAX_PAIRS) + 1];
        int s = 0;
        int k = 0;
        for (int i = 0; i < n && s < slopes.length; i++) {
            for (int j = i + 1; j < n && s < slopes.length; j++, k++) {
                double dy = rows[j] - rows[i];
                if (k % step == 0 && Math.abs(dy) >= MIN_ROW_GAP) {
                    slopes[s++] = (heights[j] - heights[i]) / dy;
                }
            }
        }
        if (s < MIN_SAMPLES) {
            invalid(); // feet all on about one row: no slope to learn
            return;
        }
        double b = median(slopes, s);
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            rest[i] = heights[i] - b * rows[i];
        }
        double a = median(rest, n);
        // |ln(height / line)| of each sample the line places above the horizon
        double[] off = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double expected = a + b * rows[i];
            if (expected > 0) {
                off[m++] = Math.abs(Math.log(heights[i] / expected));
            }
        }
        double scatter = m < MIN_SAMPLES ? Double.POSITIVE_INFINITY : median(off, m);
        if (scatter > MAX_SCATTER) {
            invalid(); // not one ground plane, or not persons: search everywhere
            return;
        }
        double sigma = Math.max(MIN_SIGMA, 1.4826 * scatter); // the median absolute deviation, as a standard deviation
        intercept = a;
        slope = b;
        lowRatio = Math.exp(-SIGMAS * sigma) / MARGIN;
        highRatio = Math.exp(SIGMAS * sigma) * MARGIN;
        valid = true;
        description = String.format(java.util.Locale.ROOT, "%.2f × (foot row %s %.0f) px, %.2f to %.2f times that, from %d detections",
                slope, -intercept / slope >= 0 ? "−" : "+", Math.abs(intercept / slope), lowRatio, highRatio, n);
    }

    private static double median(double[] values, int n) {
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
