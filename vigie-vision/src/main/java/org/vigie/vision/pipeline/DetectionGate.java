package org.vigie.vision.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.geom.Box;
import org.vigie.vision.motion.Regions;
import org.vigie.vision.track.Track;

/**
 * Decides where, and whether, the person/vehicle detector runs in a frame. The detector is by far the most expensive
 * step, and on a street camera most motion in most frames belongs to something already known: a confirmed track
 * (the tracker predicts and follows it between two runs), or a place where the detector already looked and found
 * nobody since the last refresh (foliage, a flag, a shadow, a car's outline). The detector is asked only about
 * motion that neither explains, plus, every {@code refreshEvery} analysed frames, about every moving region, every
 * confirmed track and every newly still thing, so that tracks are re-anchored on fresh detections, persons who stopped
 * are recognised, and a passer-by who walked into a region judged empty is not missed for long.
 *
 * <p>Regions are padded and merged before they are asked about, so overlapping crops are not searched twice.
 */
final class DetectionGate {
    /**
     * Share of a moving region that detected, confirmed tracks must cover for the region to be explained. High: in a
     * group, a region mostly covered by the tracks of some of its members may still hold a person not yet found.
     */
    private static final double EXPLAINED_BY_TRACKS = 0.8;
    /**
     * Share of a moving region inside places the detector found empty since the last refresh. Lower: a moving thing
     * found to be nobody (a car's outline, foliage) leaves regions that split and shift from frame to frame.
     */
    private static final double EXPLAINED_BY_QUIET = 0.5;
    /**
     * Moving regions smaller than this share of the frame do not trigger the detector on their own (a fragment of a
     * car's outline, a flickering leaf); a person that small is found at the next refresh, or when its region grows.
     */
    private static final double MIN_ASK_SHARE = 0.002;
    /**
     * Track boxes are grown this much before coverage is measured: arms, a bag, a shadow at the feet. Person boxes
     * are tight to the body (the detector trims its window's margin), so this is most of a window's margin again.
     */
    private static final double TRACK_MARGIN = 0.45;

    private final int refreshEvery;
    private final List<Box> quiet = new ArrayList<>();
    private long frame;
    private long lastRefresh;
    private boolean refreshed;

    /** @param refreshEvery analysed frames between two runs of the detector on everything that moves (at least 1) */
    DetectionGate(int refreshEvery) {
        this.refreshEvery = Math.max(1, refreshEvery);
        this.lastRefresh = -this.refreshEvery;
    }

    /**
     * @param motion     moving regions of this frame (analysis pixels)
     * @param stationary regions of things that arrived and stay still
     * @param tracks     the tracks before this frame's update
     * @return the regions to run the detector on; empty when the frame needs no detection
     */
    List<Box> select(List<Box> motion, List<Box> stationary, List<Track> tracks, int width, int height) {
        frame++;
        refreshed = frame - lastRefresh >= refreshEvery;
        if (refreshed) {
            lastRefresh = frame;
            quiet.clear();
            var all = new ArrayList<Box>(motion.size() + stationary.size() + tracks.size());
            all.addAll(motion);
            all.addAll(stationary);
            for (Track t : tracks) {
                if (t.confirmed()) {
                    all.add(t.box());
                }
            }
            return Regions.merge(all, 0);
        }
        double minArea = MIN_ASK_SHARE * width * height;
        var ask = new ArrayList<Box>();
        for (Box r : motion) {
            if (r.area() >= minArea && coveredByTracks(r, tracks) < EXPLAINED_BY_TRACKS && !isQuiet(r)) {
                ask.add(r);
            }
        }
        // Quiet places stay where they were found empty (they do not follow the motion): a person the detector
        // missed once is asked about again as soon as it walks out of that place, not only at the refresh.
        return Regions.merge(ask, 0);
    }

    /** Regions where the detector found nothing become quiet until the next refresh. */
    void observed(List<Box> asked, List<Detection> found) {
        for (Box r : asked) {
            boolean any = false;
            for (Detection d : found) {
                if (d.box().intersection(r) > 0) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                quiet.add(r);
            }
        }
    }

    /** Whether the last {@link #select} was a refresh (the detector looked at everything that moves). */
    boolean refreshed() {
        return refreshed;
    }

    private boolean isQuiet(Box r) {
        double area = r.area();
        double covered = 0;
        for (Box q : quiet) {
            covered += r.intersection(q.grow(0.3));
            if (covered >= EXPLAINED_BY_QUIET * area) {
                return true;
            }
        }
        return false;
    }

    /**
     * Share of {@code r} inside the grown boxes of confirmed tracks that the detector saw last. A held track does not
     * explain motion: the detector would then not look again at a person it missed until the refresh (measured in
     * docs/video.md: half the detector's work on TUD-Campus, for 9 points of tracked recall). Capped at 1: overlapping
     * tracks count twice.
     */
    private static double coveredByTracks(Box r, List<Track> tracks) {
        double area = r.area();
        if (area <= 0) {
            return 1;
        }
        double covered = 0;
        for (Track t : tracks) {
            if (t.confirmed() && !t.held()) {
                covered += r.intersection(t.box().grow(TRACK_MARGIN));
            }
        }
        return Math.min(1, covered / area);
    }
}
