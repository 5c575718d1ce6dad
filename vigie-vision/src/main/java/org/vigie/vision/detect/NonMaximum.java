package org.vigie.vision.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression per class: the best box of a cluster wins. */
public final class NonMaximum {
    private NonMaximum() {
    }

    public static List<Detection> suppress(List<Detection> in, double iouThreshold) {
        var sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        var kept = new ArrayList<Detection>();
        for (Detection d : sorted) {
            boolean overlaps = false;
            for (Detection k : kept) {
                if (k.label().equals(d.label()) && (k.box().iou(d.box()) > iouThreshold
                        || d.box().coveredBy(k.box()) > 0.8)) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(d);
            }
        }
        return kept;
    }
}
