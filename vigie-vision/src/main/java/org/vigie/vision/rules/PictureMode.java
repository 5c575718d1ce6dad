package org.vigie.vision.rules;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What kind of picture a camera sends. Cameras switch to infrared at night and send grey frames: rules that read
 * colour cannot see then, and rules that compare with a reference must compare like with like (a wall looks
 * different in infrared, not changed). And a picture with no contrast at all (a covered or sprayed lens, a camera
 * blinded by a light, a black picture, a place with nothing lit) shows nothing to any rule.
 */
public final class PictureMode {
    /**
     * Grey levels between the darkest and the brightest percent of the picture below which it is uniform. A street,
     * even at night, has lit and unlit parts tens of levels apart; a lens covered by a hand or a bag, or a black
     * picture, leaves a few levels of noise.
     */
    static final int UNIFORM_RANGE = 10;

    /**
     * A pixel whose strongest colour channel exceeds its weakest by this much has a colour. In an infrared frame no
     * pixel does (compression leaves a spread of 2 or 3); a colour picture of a street has many (signs, clothes,
     * cars, foliage, lamps): 35–45 % of the pixels in the clips of {@code ../shared/data/video}.
     */
    static final int COLOURFUL = 16;
    /** Below this share of coloured pixels the picture is monochrome. */
    static final double MONOCHROME_SHARE = 0.001;
    /** Every STEP-th pixel of every STEP-th row is looked at: the share needs no more. */
    private static final int STEP = 4;

    private PictureMode() {
    }

    /** @param grey an 8-bit, 1-channel picture (the motion models' small one does) */
    public static boolean uniform(Mat grey) {
        int rows = grey.rows();
        int cols = grey.cols();
        if (rows == 0 || cols == 0) {
            return false;
        }
        int[] histogram = new int[256];
        byte[] row = new byte[cols];
        try (Mat packed = grey.isContinuous() ? null : grey.clone()) {
            Mat m = packed == null ? grey : packed;
            for (int y = 0; y < rows; y++) {
                m.ptr(y).get(row, 0, cols);
                for (byte v : row) {
                    histogram[v & 0xff]++;
                }
            }
        }
        long tail = (long) rows * cols / 100;
        int low = 0;
        for (long seen = histogram[0]; seen <= tail; seen += histogram[++low]) {
            // darkest percent
        }
        int high = 255;
        for (long seen = histogram[255]; seen <= tail; seen += histogram[--high]) {
            // brightest percent
        }
        return high - low < UNIFORM_RANGE;
    }

    /** @param bgr an 8-bit, 3-channel picture */
    public static boolean monochrome(Mat bgr) {
        int rows = bgr.rows();
        int cols = bgr.cols();
        if (rows == 0 || cols == 0) {
            return false;
        }
        byte[] row = new byte[cols * 3];
        long seen = 0;
        long coloured = 0;
        try (Mat packed = bgr.isContinuous() ? null : bgr.clone()) {
            Mat m = packed == null ? bgr : packed;
            for (int y = 0; y < rows; y += STEP) {
                m.ptr(y).get(row, 0, row.length);
                for (int p = 0; p < row.length; p += 3 * STEP) {
                    int b = row[p] & 0xff;
                    int g = row[p + 1] & 0xff;
                    int r = row[p + 2] & 0xff;
                    coloured += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) >= COLOURFUL ? 1 : 0;
                    seen++;
                }
            }
        }
        return coloured < MONOCHROME_SHARE * seen;
    }
}
