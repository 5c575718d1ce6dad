package org.vigie.vision.rules;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigie.vision.geom.Box;
import org.vigie.vision.geom.Polygon;

/**
 * A registered surface or object and its reference appearance, compared after lighting normalisation: each
 * patch is reduced to zero mean and unit deviation (a change of gain or offset, i.e. daylight, leaves it
 * unchanged). The reference is taken from the first quiet frame (nothing moving over it). A camera in infrared
 * night mode sees materials with other contrasts (paint, brick and plants reflect infrared differently), which no
 * normalisation undoes, so a colour picture and a monochrome one are each compared with a reference of their own
 * kind, taken from the first quiet frame of that kind.
 */
final class ReferenceSurface {
    private static final int SIZE = 48;
    private final Polygon polygon;
    /** By picture mode: [0] colour, [1] monochrome. */
    private final float[][] references = new float[2][];

    ReferenceSurface(Polygon polygon) {
        this.polygon = polygon;
    }

    private float[] reference(SceneFrame f) {
        return references[f.monochrome() ? 1 : 0];
    }

    /** Whether this surface has a reference for the kind of picture (colour or monochrome) of {@code f}. */
    boolean hasReference(SceneFrame f) {
        return reference(f) != null;
    }

    Box box(SceneFrame f) {
        Box b = polygon.bounds();
        return new Box(b.x() * f.width(), b.y() * f.height(), b.w() * f.width(), b.h() * f.height());
    }

    /** True when something moving or a track covers the surface: no judgement is made then. */
    boolean occluded(SceneFrame f) {
        Box b = box(f);
        for (Box m : f.motion()) {
            if (m.intersection(b) > 0.02 * b.area()) {
                return true;
            }
        }
        for (var t : f.tracks()) {
            if (t.box().intersection(b) > 0.05 * b.area()) {
                return true;
            }
        }
        return false;
    }

    void capture(SceneFrame f) {
        references[f.monochrome() ? 1 : 0] = normalised(f);
    }

    /** Share of the surface's pixels that differ from the reference by more than 1.2 deviations. */
    double changedShare(SceneFrame f) {
        float[] reference = reference(f);
        float[] now = normalised(f);
        int n = 0;
        int changed = 0;
        for (int i = 0; i < now.length; i++) {
            if (Float.isNaN(now[i])) {
                continue;
            }
            n++;
            if (Math.abs(now[i] - reference[i]) > 1.2) {
                changed++;
            }
        }
        return n == 0 ? 0 : changed / (double) n;
    }

    /** Zero-mean normalised cross-correlation with the reference, in [-1, 1]. */
    double similarity(SceneFrame f) {
        float[] reference = reference(f);
        float[] now = normalised(f);
        double s = 0;
        int n = 0;
        for (int i = 0; i < now.length; i++) {
            if (!Float.isNaN(now[i])) {
                s += now[i] * reference[i];
                n++;
            }
        }
        return n == 0 ? 1 : s / n;
    }

    /** The patch resampled to SIZE x SIZE, z-scored; NaN outside the polygon. */
    private float[] normalised(SceneFrame f) {
        Box b = box(f).clip(f.width(), f.height());
        float[] out = new float[SIZE * SIZE];
        try (Rect r = new Rect((int) b.x(), (int) b.y(), Math.max(1, (int) b.w()), Math.max(1, (int) b.h()));
             Mat crop = new Mat(f.grey(), r); Mat s = new Mat(); Mat s32 = new Mat()) {
            opencv_imgproc.resize(crop, s, new Size(SIZE, SIZE), 0, 0, opencv_imgproc.INTER_AREA);
            s.convertTo(s32, CV_32F);
            Box nb = polygon.bounds();
            double sum = 0;
            double sq = 0;
            int n = 0;
            try (FloatIndexer idx = s32.createIndexer()) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        double px = nb.x() + (x + 0.5) / SIZE * nb.w();
                        double py = nb.y() + (y + 0.5) / SIZE * nb.h();
                        if (!polygon.contains(px, py)) {
                            out[y * SIZE + x] = Float.NaN;
                            continue;
                        }
                        float v = idx.get(y, x);
                        out[y * SIZE + x] = v;
                        sum += v;
                        sq += v * v;
                        n++;
                    }
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double sd = n == 0 ? 1 : Math.sqrt(Math.max(sq / n - mean * mean, 0));
            sd = Math.max(sd, 4); // a blank wall has no texture to normalise; 4 grey levels is noise
            for (int i = 0; i < out.length; i++) {
                if (!Float.isNaN(out[i])) {
                    out[i] = (float) ((out[i] - mean) / sd);
                }
            }
        }
        return out;
    }
}
