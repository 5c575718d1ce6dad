package org.vigie.vision.rules;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Box;
import org.vigie.vision.track.Track;

/**
 * A thing that arrived and stayed still (dual background: foreground for the long-term model, background for the
 * short-term one) for at least T seconds, with no person within d.
 *
 * <p>What it must not fire on, and why it does not:
 * <ul>
 *   <li>People sitting or lying still: their track is held on the still blob (see the tracker), so a person is
 *   "within d" — distance zero.</li>
 *   <li>Things that left: where the long-term background still shows something that has gone (a person standing
 *   there when the camera started), the bare ground differs from it and is still. Such a "ghost" has fewer edges
 *   than the background it differs from; a thing that arrived brings edges of its own.</li>
 *   <li>Lighting changes and reflections: a global change is compensated or resets the long-term model; a local
 *   one (a shadow, a puddle's glare) changes brightness but adds few edges, and candidates must differ from the
 *   background in texture (gradient), not only in brightness.</li>
 *   <li>Objects of the scene: they are in the long-term background from the start; registered furniture zones and
 *   masks are ignored.</li>
 *   <li>Places that people keep crossing or stopping at (a crossing, a doorway, a bench): what is there is still now
 *   and then (a foot in mid-stride, a person waiting), and the long-term background becomes a blend of the ground and
 *   of them, so the bare ground, once still, differs from it too. A left thing is there in every frame unless
 *   something passes in front of it: a candidate that is neither seen still nor hidden behind motion for
 *   {@value #ABSENT_SECONDS} s is dropped, so such intermittent findings cannot add up to the dwell time.</li>
 * </ul>
 */
public final class AbandonedObjectRule implements SceneRule {
    /** Mean gradient difference (grey levels) an object must add to the background. */
    private static final double MIN_TEXTURE = 6;
    /** Below this share of the background's edges left in the frame, what differs is a thing that left. */
    private static final double GHOST_EDGES = 0.5;
    /** A candidate unseen for this long was taken away (or was never a thing). */
    private static final double FORGET_SECONDS = 3;
    /** A candidate neither seen still nor hidden behind motion for this long is not a lasting thing. */
    private static final double ABSENT_SECONDS = 1;
    /** Share of a candidate's box in motion from which it counts as hidden by something passing in front. */
    private static final double HIDDEN_SHARE = 0.25;

    private final double after;
    private final double clearance;
    private final List<Candidate> candidates = new ArrayList<>();
    private int nextId = 1;

    private static final class Candidate {
        final int id;
        Box box;
        final double firstSeen;
        double lastSeen;
        /** Last time it was seen still or hidden behind motion. */
        double lastPresent;
        /** Whether it has been reported as left: from then on, people passing by do not count as its owner. */
        boolean reported;
        double texture;

        Candidate(int id, Box box, double t) {
            this.id = id;
            this.box = box;
            this.firstSeen = t;
            this.lastSeen = t;
            this.lastPresent = t;
        }
    }

    /**
     * @param clearance distance from a person, as a share of the frame height, within which the object is
     *                  considered attended
     */
    public AbandonedObjectRule(double afterSeconds, double clearance) {
        this.after = afterSeconds;
        this.clearance = clearance;
    }

    @Override
    public EventType type() {
        return EventType.ABANDONED_OBJECT;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return DECREE;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        double frameArea = (double) f.width() * f.height();
        for (Box s : f.stationary()) {
            double share = s.area() / frameArea;
            if (share < 0.0008 || share > 0.12 || ignored(f, s)) {
                continue;
            }
            Candidate match = null;
            for (Candidate c : candidates) {
                if (c.box.iou(s) > 0.3 || c.box.coveredBy(s) > 0.7 || s.coveredBy(c.box) > 0.7) {
                    match = c;
                    break;
                }
            }
            if (match == null) {
                candidates.add(new Candidate(nextId++, s, f.t()));
            } else {
                match.box = s;
                match.lastSeen = f.t();
            }
        }
        for (Candidate c : candidates) {
            if (c.lastSeen == f.t() || hidden(f, c.box)) {
                c.lastPresent = f.t();
            }
        }
        candidates.removeIf(c -> f.t() - c.lastSeen > FORGET_SECONDS || f.t() - c.lastPresent > ABSENT_SECONDS);
        var out = new ArrayList<Finding>();
        for (Iterator<Candidate> it = candidates.iterator(); it.hasNext(); ) {
            Candidate c = it.next();
            if (c.lastSeen != f.t() || f.t() - c.firstSeen < after) {
                continue;
            }
            // Attended while nobody had left it yet; once reported, passers-by do not make it anyone's again (in a busy
            // place the episode would end and start again with each one).
            if (!c.reported && personNear(f, c.box)) {
                continue;
            }
            double[] tx = texture(f, c.box);
            // New structure: edges where the background had few, or edges unlike the background's. Light added to
            // or taken from a surface keeps its structure (high correlation), whatever the brightness. Edges that are
            // in the background and gone from the frame are a "ghost": something that was there has left.
            boolean novel = tx[1] > 2 * tx[2] + MIN_TEXTURE / 2
                    || tx[3] < 0.6 && Math.max(tx[1], tx[2]) > MIN_TEXTURE / 2 && tx[1] >= GHOST_EDGES * tx[2];
            if (!novel) {
                continue;
            }
            c.texture = 1 - tx[3];
            c.reported = true;
            double still = f.t() - c.firstSeen;
            out.add(new Finding("object-" + c.id, Math.min(0.95, 0.6 + 0.3 * Math.max(0, c.texture)), c.box,
                    Map.of("still_s", Math.round(still * 10) / 10.0)));
        }
        return out;
    }

    private boolean personNear(SceneFrame f, Box b) {
        double d = clearance * f.height();
        for (Track t : f.tracks()) {
            if (SceneFrame.isPerson(t) && t.lastBox().distanceTo(b) <= d) {
                return true;
            }
        }
        return false;
    }

    /** Whether something moving covers enough of the box to hide what may lie there. */
    private static boolean hidden(SceneFrame f, Box b) {
        Mat motion = f.background().motion();
        Box m = b.scale(1 / f.motionScale(), 1 / f.motionScale()).clip(motion.cols(), motion.rows());
        int x = (int) m.x();
        int y = (int) m.y();
        if (x >= motion.cols() || y >= motion.rows()) {
            return false;
        }
        int w = Math.max(1, Math.min(motion.cols() - x, (int) Math.ceil(m.right()) - x));
        int h = Math.max(1, Math.min(motion.rows() - y, (int) Math.ceil(m.bottom()) - y));
        try (Rect r = new Rect(x, y, w, h); Mat roi = new Mat(motion, r)) {
            return countNonZero(roi) >= HIDDEN_SHARE * w * h;
        }
    }

    private static boolean ignored(SceneFrame f, Box b) {
        double x = f.nx(b.cx());
        double y = f.ny(b.cy());
        if (f.layout().masked(x, y)) {
            return true;
        }
        for (Zone z : f.layout().zones(Zone.Kind.FURNITURE)) {
            if (z.polygon().contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inside the box: mean absolute difference of Laplacians between the frame and the long-term background, mean
     * Laplacian magnitude of the frame and of the background, and the correlation of the two Laplacians.
     */
    private static double[] texture(SceneFrame f, Box b) {
        Box m = b.scale(1 / f.motionScale(), 1 / f.motionScale()).grow(0.1);
        Mat bg = f.background().longBackground();
        m = m.clip(bg.cols(), bg.rows());
        if (m.w() < 2 || m.h() < 2) {
            return new double[4];
        }
        Mat small = f.background().frame();
        try (Rect r = new Rect((int) m.x(), (int) m.y(), (int) Math.ceil(m.w()), (int) Math.ceil(m.h()))) {
            Rect rr = new Rect(r.x(), r.y(), Math.min(r.width(), bg.cols() - r.x()), Math.min(r.height(), bg.rows() - r.y()));
            try (Mat a = new Mat(small, rr); Mat c = new Mat(bg, rr); Mat ga = new Mat(); Mat gc = new Mat(); Mat d = new Mat()) {
                opencv_imgproc.Laplacian(a, ga, CV_32F);
                opencv_imgproc.Laplacian(c, gc, CV_32F);
                absdiff(ga, gc, d);
                double diff = mean(d).get(0);
                double sf = 0;
                double sb = 0;
                double sfb = 0;
                double af = 0;
                double ab = 0;
                try (FloatIndexer fi = ga.createIndexer(); FloatIndexer bi = gc.createIndexer()) {
                    for (int y = 0; y < ga.rows(); y++) {
                        for (int x = 0; x < ga.cols(); x++) {
                            double p = fi.get(y, x);
                            double q = bi.get(y, x);
                            sf += p * p;
                            sb += q * q;
                            sfb += p * q;
                            af += Math.abs(p);
                            ab += Math.abs(q);
                        }
                    }
                }
                double n = Math.max(1, ga.total());
                double ncc = sf > 0 && sb > 0 ? sfb / Math.sqrt(sf * sb) : 0;
                return new double[] {diff, af / n, ab / n, ncc};
            } finally {
                rr.close();
            }
        }
    }
}
