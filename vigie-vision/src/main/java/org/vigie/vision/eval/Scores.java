package org.vigie.vision.eval;

import java.util.ArrayList;
import java.util.List;
import org.vigie.vision.geom.Box;

/** Counts of a binary or detection evaluation, with precision and recall. */
public record Scores(long tp, long fp, long fn, long tn) {
    public double precision() {
        return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
    }

    public Scores plus(Scores o) {
        return new Scores(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
    }

    public static Scores frame(boolean predicted, boolean actual) {
        return new Scores(predicted && actual ? 1 : 0, predicted && !actual ? 1 : 0, !predicted && actual ? 1 : 0,
                !predicted && !actual ? 1 : 0);
    }

    /** Greedy one-to-one matching by IoU, best pairs first (the usual detection protocol). */
    public static Scores match(List<Box> predicted, List<Box> truth, double iou) {
        var p = new ArrayList<>(predicted);
        var t = new ArrayList<>(truth);
        long tp = 0;
        while (true) {
            double best = iou;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < p.size(); i++) {
                for (int j = 0; j < t.size(); j++) {
                    double v = p.get(i).iou(t.get(j));
                    if (v >= best) {
                        best = v;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            p.remove(bi);
            t.remove(bj);
            tp++;
        }
        return new Scores(tp, p.size(), t.size(), 0);
    }
}
