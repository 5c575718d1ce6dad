package org.vigie.vision.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.geom.Box;

/**
 * SORT-like anonymous tracking inside one camera: Kalman prediction, greedy association by IoU, tracks confirmed
 * after a few hits and dropped after a few misses. Ids are a per-camera counter and mean nothing outside it.
 *
 * <p>A detector sees upright persons; a person who sits or falls is often missed. A confirmed track that the
 * detector missed may therefore be held by a foreground blob it overlaps (something still there where the person
 * was), which is what lets the rules tell a person lying still from a left object. The track's estimate follows
 * the blob when the blob is still or about the track's size; a moving blob of another size (walkers merged into one,
 * half a person) only keeps the track alive, on its predicted course and where that course still meets the blob
 * (docs/video.md, "Tracks held by blobs").
 */
public final class Tracker {
    private static final double MATCH_IOU = 0.2;
    private static final double HOLD_IOU = 0.15;
    /** A blob whose sides are within this factor of the track's is taken as a measurement of it. */
    private static final double SAME_SIZE = 1.6;
    /** A blob that lies this much within still regions is still. */
    private static final double STILL_SHARE = 0.5;

    private final double maxMissSeconds;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;
    private double lastT = Double.NaN;

    public Tracker(double maxMissSeconds) {
        this.maxMissSeconds = maxMissSeconds;
    }

    /** {@link #update(List, List, List, double)} without knowing which blobs are still. */
    public List<Track> update(List<Detection> detections, List<Box> blobs, double t) {
        return update(detections, blobs, List.of(), t);
    }

    /**
     * @param detections what the detector found in this frame
     * @param blobs      foreground regions (moving or still) that may hold a confirmed track the detector missed
     * @param still      regions of things that arrived and stay still
     * @param t          seconds since the start of the stream
     */
    public List<Track> update(List<Detection> detections, List<Box> blobs, List<Box> still, double t) {
        double dt = Double.isNaN(lastT) ? 0 : Math.max(0, t - lastT);
        lastT = t;
        for (Track tr : tracks) {
            tr.predict(dt);
        }
        var unmatchedTracks = new ArrayList<>(tracks);
        var unmatchedDetections = new ArrayList<>(detections);
        greedy(unmatchedTracks, unmatchedDetections, t);
        // Misses: hold confirmed tracks on a blob, else count a miss.
        var freeBlobs = new ArrayList<>(blobs);
        for (Track tr : unmatchedTracks) {
            Box best = null;
            double bestIou = HOLD_IOU;
            for (Box b : freeBlobs) {
                double iou = Math.max(b.iou(tr.lastBox()), b.iou(tr.box()));
                if (iou > bestIou) {
                    bestIou = iou;
                    best = b;
                }
            }
            boolean measured = best != null
                    && (sameSize(best, tr.lastBox()) || sameSize(best, tr.box()) || isStill(best, still));
            // A blob that is not a measurement holds the track only where its predicted course still is, so that
            // a track does not stay on a bag the person put down and walked away from.
            if (best != null && tr.confirmed() && (measured || best.iou(tr.box()) > HOLD_IOU)) {
                tr.hold(best, t, measured);
                freeBlobs.remove(best);
            } else {
                tr.miss();
            }
        }
        tracks.removeIf(tr -> t - tr.lastSeenAt() > maxMissSeconds || !tr.confirmed() && tr.misses() > 1);
        for (Detection d : unmatchedDetections) {
            tracks.add(new Track(nextId++, d.label(), d.box(), t));
        }
        return List.copyOf(tracks);
    }

    private static void greedy(List<Track> ts, List<Detection> ds, double t) {
        record Pair(Track t, Detection d, double iou) {}
        var pairs = new ArrayList<Pair>();
        for (Track tr : ts) {
            for (Detection d : ds) {
                if (!d.label().equals(tr.label())) {
                    continue;
                }
                double iou = Math.max(d.box().iou(tr.box()), d.box().iou(tr.lastBox()));
                if (iou >= MATCH_IOU) {
                    pairs.add(new Pair(tr, d, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        for (Pair p : pairs) {
            if (ts.contains(p.t) && ds.contains(p.d)) {
                p.t.correct(p.d.box(), t);
                ts.remove(p.t);
                ds.remove(p.d);
            }
        }
    }

    /** Whether the blob is about the track's size, standing or lying down (width and height swapped: a fall). */
    private static boolean sameSize(Box blob, Box track) {
        return near(blob.w(), track.w()) && near(blob.h(), track.h()) || near(blob.w(), track.h()) && near(blob.h(), track.w());
    }

    private static boolean near(double a, double b) {
        return a <= SAME_SIZE * b && b <= SAME_SIZE * a;
    }

    private static boolean isStill(Box blob, List<Box> still) {
        double covered = 0;
        for (Box s : still) {
            covered += blob.intersection(s);
        }
        return covered >= STILL_SHARE * blob.area();
    }

    public List<Track> tracks() {
        return List.copyOf(tracks);
    }
}
