package org.vigie.vision.evidence;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigie.vision.geom.Box;
import org.vigie.vision.rules.SceneFrame;
import org.vigie.vision.track.Track;

/**
 * Cuts JPEG evidence from a full-resolution frame. The frame is copied and every person is pixelated on the copy
 * before encoding: person track boxes, and moving regions that touch a person track (an arm, a bag swinging).
 * This class is the only way pixels leave the pipeline, so there is no path by which raw frames are written.
 */
public final class Snapshots {
    private Snapshots() {
    }

    static final double PERSON_MARGIN = 0.15;

    /** Regions to pixelate, in pixels of the analysis frame. */
    public static List<Box> personRegions(List<Track> tracks, List<Box> motion) {
        var out = new ArrayList<Box>();
        for (Track t : tracks) {
            if (!SceneFrame.isPerson(t)) {
                continue;
            }
            // Person boxes are drawn tight to the body (as annotations are); hair, an arm held out, a bag are
            // around it, so the pixelated area keeps a margin of 15 % on every side.
            Box b = t.lastBox().union(t.box()).grow(PERSON_MARGIN);
            out.add(b);
            for (Box m : motion) {
                if (m.intersection(b) > 0) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /**
     * @param fullRes the raw frame; not modified
     * @param regions person regions in pixels of the analysis frame
     * @param scale   full-resolution pixels per analysis pixel
     */
    public static byte[] blurredJpeg(Mat fullRes, List<Box> regions, double scale, int quality) {
        try (Mat copy = fullRes.clone()) {
            var scaled = new ArrayList<Box>(regions.size());
            for (Box b : regions) {
                scaled.add(b.scale(scale, scale));
            }
            Pixelation.apply(copy, scaled);
            try (BytePointer buf = new BytePointer(); IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality)) {
                if (!opencv_imgcodecs.imencode(".jpg", copy, buf, params)) {
                    throw new IllegalStateException("JPEG encoding failed");
                }
                byte[] bytes = new byte[(int) buf.limit()];
                buf.get(bytes);
                return bytes;
            }
        }
    }
}
