package org.vigie.vision.detect;

import java.util.ArrayList;
import java.util.List;
import org.vigie.vision.geom.Box;

/**
 * Turns the raw output of a YOLO-style detector into detections. Two layouts exist in the wild and are told
 * apart by shape: YOLOv5/v7 rows {@code [cx, cy, w, h, objectness, class scores...]} ({@code [N, 5+C]}) and
 * YOLOv8/v11 columns {@code [cx, cy, w, h, class scores...]} ({@code [4+C, N]}, no objectness).
 * Coordinates are in pixels of the model input; {@link Letterbox} maps them back to the frame.
 */
public final class YoloDecoder {
    private final List<String> classes;
    private final double scoreThreshold;
    private final double nmsThreshold;

    public YoloDecoder(List<String> classes, double scoreThreshold, double nmsThreshold) {
        this.classes = List.copyOf(classes);
        this.scoreThreshold = scoreThreshold;
        this.nmsThreshold = nmsThreshold;
    }

    /**
     * @param out  the output tensor for one image, flattened row-major
     * @param dim0 its first dimension (after the batch), {@code dim1} its second
     */
    public List<Detection> decode(float[] out, int dim0, int dim1, Letterbox lb) {
        int c = classes.size();
        boolean v8 = dim0 == 4 + c && dim1 != 5 + c || dim0 < dim1 && dim0 == 4 + c;
        boolean v5 = !v8 && dim1 == 5 + c;
        if (!v8 && !v5) {
            throw new IllegalArgumentException("output of shape [" + dim0 + ", " + dim1 + "] does not fit " + c
                    + " classes: expected [" + (4 + c) + ", N] (YOLOv8) or [N, " + (5 + c) + "] (YOLOv5)");
        }
        int n = v8 ? dim1 : dim0;
        var found = new ArrayList<Detection>();
        for (int i = 0; i < n; i++) {
            float cx = v8 ? out[i] : out[i * dim1];
            float cy = v8 ? out[n + i] : out[i * dim1 + 1];
            float w = v8 ? out[2 * n + i] : out[i * dim1 + 2];
            float h = v8 ? out[3 * n + i] : out[i * dim1 + 3];
            float objectness = v8 ? 1f : out[i * dim1 + 4];
            if (objectness < scoreThreshold) {
                continue;
            }
            int best = -1;
            float bestScore = 0;
            for (int k = 0; k < c; k++) {
                float s = v8 ? out[(4 + k) * n + i] : out[i * dim1 + 5 + k];
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            double score = objectness * bestScore;
            if (best < 0 || score < scoreThreshold || !(w > 0 && h > 0)) {
                continue;
            }
            found.add(new Detection(lb.toFrame(new Box(cx - w / 2, cy - h / 2, w, h)), classes.get(best), score));
        }
        return NonMaximum.suppress(found, nmsThreshold);
    }

    /**
     * How a crop of the frame was fitted into the square model input: scaled by {@code scale}, padded by
     * {@code padX, padY}, the crop starting at {@code cropX, cropY} of the frame.
     */
    public record Letterbox(double scale, double padX, double padY, double cropX, double cropY) {
        public static Letterbox fit(double cropX, double cropY, double cropW, double cropH, int input) {
            double s = Math.min(input / cropW, input / cropH);
            return new Letterbox(s, (input - cropW * s) / 2, (input - cropH * s) / 2, cropX, cropY);
        }

        public Box toFrame(Box b) {
            return new Box((b.x() - padX) / scale + cropX, (b.y() - padY) / scale + cropY, b.w() / scale, b.h() / scale);
        }
    }
}
