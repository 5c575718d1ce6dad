package org.vigie.vision.rules;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.geom.Box;
import org.vigie.vision.motion.Regions;

/**
 * Fire start: flame-coloured pixels (red over green over blue, bright) whose shape flickers and tends to grow.
 *
 * <p>The flicker test is what keeps signs, lamps and beacons out. A flame's outline changes a little every frame,
 * irregularly: between two frames, a part of its pixels changes (here 8 to 85% of the union of both masks). A
 * lamp or a lit sign does not change at all; a blinking sign or a beacon switches as a whole, so between two
 * frames either nothing or everything changes. Only partial, repeated change is flame-like. To start a fire, the
 * pixels that changed must also have changed colour by more than a surface's noise ({@link #START_STEP}): a wall whose
 * colour sits at the edge of the flame range (an ochre facade as the light rises) crosses it pixel by pixel, a few
 * levels at a time, as partially as a flame, while a flame's edge moves by its whole contrast.
 *
 * <p>One fire is one finding, however its flames split and merge. A blob of flame colour is followed from frame to
 * frame; once it has flickered for {@code after} seconds it is burning. A flame's flicker comes and goes from second
 * to second, and a fire does not go out that fast, so a blob that stops passing the test stays burning while it is
 * there, for as long as it had been passing it, up to {@link #HOLD_SECONDS}: a fire seen for a minute survives a
 * pause, a facade whose noise passed the test once does not. Burning blobs near one another are one fire: blobs within
 * {@link #NEAR_FRACTION} of the frame's width of each other, or of what a fire has covered so far (or within a
 * quarter of that area's size), join it, and the fire keeps the key it started with, so it is one episode from its
 * start to its end. Nothing here can make a blob burn that the flicker test did not pass: the grouping and the hold
 * only keep a fire that was seen as one.
 *
 * <p>A flame flickers where it burns; a thing of flame colour that travels (an orange coat, a high-visibility vest,
 * a red car) changes its mask partially from frame to frame too, because its front and back edges move. So a blob
 * whose centre moved further than its own extent within {@link #TRAVEL_SECONDS} does not flicker, whatever its mask
 * does, and does not keep a fire burning. A fire that spreads, or splits and merges, stays within the place it took.
 *
 * <p>A person or vehicle passing in front of a flame-coloured surface that stays put (an orange kiosk, a shop sign, a
 * terracotta wall) hides part of it and uncovers it as they go on: a partial change of its mask that is theirs. The
 * flicker test leaves out the changes under the boxes of person and vehicle tracks, in either of the two frames it
 * compares. It cannot leave out a passer-by the detector missed.
 */
public final class FireRule implements SceneRule {
    static final int WIDTH = 320;
    private static final int HISTORY = 8;
    /** How long a burning blob stays burning without flickering, in seconds, while its flame colour is there. */
    static final double HOLD_SECONDS = 10;
    /**
     * A fire starts only from flicker whose changing pixels changed colour by this much on average (levels of the
     * largest channel, after the blur). Chosen between 4, below which an ochre facade's noise in a changing light
     * starts fires, and 15, from which the first flames of a real fire begin to be missed (docs/video.md).
     */
    static final double START_STEP = 8;
    /** Burning blobs this close (share of the frame's width) are one fire. */
    static final double NEAR_FRACTION = 0.05;
    /** The time over which a blob's travel is measured, in seconds. */
    static final double TRAVEL_SECONDS = 2;
    /** A blob whose centre moved more than this many times its extent within {@link #TRAVEL_SECONDS} travels. */
    static final double TRAVEL_SIZES = 1;
    /** ... and further than this share of the frame's width, for blobs of a few pixels whose outline jitters. */
    static final double MIN_TRAVEL = 0.025;
    private final double after;
    private final Mat small = new Mat();
    private static final Size BLUR = new Size(5, 5);
    private final Deque<byte[]> masks = new ArrayDeque<>();
    /** The (blurred) pixels of the frame of each mask, same order, 3 bytes each: how much a pixel changed. */
    private final Deque<byte[]> colours = new ArrayDeque<>();
    /** The boxes of persons and vehicles in the frame of each mask (same order), in mask pixels. */
    private final Deque<List<Box>> passers = new ArrayDeque<>();
    private final Mat maskMat = new Mat();
    /** Which pixels of the region being tested were under a passer (row by row), reused from call to call. */
    private boolean[] hiddenAt = new boolean[0];
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<Fire> fires = new ArrayList<>();
    private int w;
    private int h;
    private int nextId = 1;
    private int nextFire = 1;
    private boolean burning;
    private boolean monochrome;

    private static final class Candidate {
        final int id;
        Box box;
        final Deque<Boolean> flicker = new ArrayDeque<>();
        double flickerSince = Double.NaN;
        /** Frames of the last ten in which the blob flickered. */
        long recentFlickers;
        /** When this blob last passed the flicker test for long enough, or NaN if it never did. */
        double confirmedAt = Double.NaN;
        /** When the current run of such passes began (passes further apart than the hold are separate runs). */
        double confirmedSince = Double.NaN;
        double lastSeen;
        double firstArea;
        double area;
        /** Where the blob was over the last {@link #TRAVEL_SECONDS}, oldest first. */
        final Deque<Sighting> path = new ArrayDeque<>();
        /** The blobs matched to this candidate in the current frame, together. */
        Box matched;

        Candidate(int id, Box box, double t) {
            this.id = id;
            this.box = box;
            this.lastSeen = t;
        }

        /** Records where the blobs matched in this frame were, all together (a fire's flames split and merge). */
        void moved(double t) {
            path.addLast(new Sighting(t, matched));
            matched = null;
            while (t - path.getFirst().t() > TRAVEL_SECONDS) {
                path.removeFirst();
            }
        }

        /**
         * Whether the blob's centre moved, along either axis, further than the blob's largest extent along that axis
         * over the last seconds (and further than a few pixels, for the smallest): a thing going by. The tongues of a
         * flame, and the pieces of a fire that merged and split again, stay within the place the fire took.
         */
        boolean travels(double minPixels) {
            double width = 0;
            double height = 0;
            for (Sighting s : path) {
                width = Math.max(width, s.box().w());
                height = Math.max(height, s.box().h());
            }
            Box from = path.getFirst().box();
            Box to = path.getLast().box();
            return Math.abs(to.cx() - from.cx()) > Math.max(TRAVEL_SIZES * width, minPixels)
                    || Math.abs(to.cy() - from.cy()) > Math.max(TRAVEL_SIZES * height, minPixels);
        }
    }

    /** Where a blob was at time t. */
    private record Sighting(double t, Box box) {
    }

    /** Burning blobs taken as one fire; the key of its findings is its id, from the frame it was first seen. */
    private static final class Fire {
        final int id;
        final double firstArea;
        /** Everything this fire has covered so far. */
        Box extent;
        double lastSeen;

        Fire(int id, Box box, double firstArea, double t) {
            this.id = id;
            this.extent = box;
            this.firstArea = firstArea;
            this.lastSeen = t;
        }
    }

    public FireRule(double afterSeconds) {
        this.after = afterSeconds;
    }

    @Override
    public EventType type() {
        return EventType.FIRE;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return THINGS;
    }

    @Override
    public Optional<String> blind() {
        return monochrome ? Optional.of("the picture is monochrome (night or infrared mode): flame colours cannot be seen")
                : Optional.empty();
    }

    /** Whether a fire is being reported in the current frame (for frame-level evaluation). */
    public boolean burning() {
        return burning;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        w = Math.min(WIDTH, f.width());
        h = Math.max(1, (int) Math.round(w * f.height() / (double) f.width()));
        opencv_imgproc.resize(f.bgr(), small, new Size(w, h), 0, 0, opencv_imgproc.INTER_AREA);
        // Sensor noise on a surface whose colour sits at the edge of the flame range (an ochre facade in the sun)
        // flips scattered pixels in and out of the mask in every frame, which would look like flicker; a flame's
        // flicker is whole tongues of colour, which a light blur keeps.
        opencv_imgproc.GaussianBlur(small, small, BLUR, 0);
        // The oldest mask's array is reused for the newest, and the pixel and mask buffers are kept from frame to
        // frame: this rule runs on every analysed frame and would otherwise allocate ~0.25 MB per frame.
        byte[] mask = null;
        byte[] colour = null;
        if (masks.size() >= HISTORY) {
            mask = masks.removeFirst();
            colour = colours.removeFirst();
            passers.removeFirst();
        }
        if (mask == null || mask.length != w * h) {
            if (mask != null) {
                masks.clear(); // the frame size changed: older masks no longer compare
                colours.clear();
                passers.clear();
            }
            mask = new byte[w * h];
            colour = new byte[w * h * 3];
        }
        monochrome = f.monochrome();
        colourMask(small, colour, mask);
        masks.addLast(mask);
        colours.addLast(colour);
        passers.addLast(passers(f, w / (double) f.width()));
        maskMat.create(h, w, CV_8U);
        maskMat.data().put(mask);
        List<Box> blobs = Regions.of(maskMat, 4, 3);
        double scale = f.width() / (double) w;
        for (Box b : blobs) {
            Candidate match = null;
            for (Candidate c : candidates) {
                if (c.box.grow(0.3).intersection(b) > 0) {
                    match = c;
                    break;
                }
            }
            if (match == null) {
                match = new Candidate(nextId++, b, f.t());
                match.firstArea = count(mask, b);
                candidates.add(match);
            }
            match.box = b;
            match.lastSeen = f.t();
            match.matched = match.matched == null ? b : match.matched.union(b);
        }
        for (Candidate c : candidates) {
            if (c.matched != null) {
                c.moved(f.t());
            }
        }
        candidates.removeIf(c -> f.t() - c.lastSeen > 2);
        var lit = new ArrayList<Candidate>();
        var glowing = new ArrayList<Candidate>();
        for (Candidate c : candidates) {
            Box region = c.box.grow(0.3).clip(w, h);
            boolean travels = c.travels(MIN_TRAVEL * w);
            // A blob that would start a fire (not burning lately, nowhere near a fire) must flicker in steps larger
            // than a surface's noise; a fire that burns, spreads or splits goes on with any partial change.
            boolean starting = !(f.t() - c.confirmedAt <= HOLD_SECONDS) && nearest(region, NEAR_FRACTION * w) == null;
            boolean flickers = !travels && flickers(region, starting ? START_STEP : 0);
            c.flicker.addLast(flickers);
            while (c.flicker.size() > 10) {
                c.flicker.removeFirst();
            }
            long yes = c.flicker.stream().filter(x -> x).count();
            c.recentFlickers = yes;
            boolean sustained = c.flicker.size() >= 3 && yes >= 0.6 * c.flicker.size();
            if (!sustained) {
                c.flickerSince = Double.NaN;
            } else {
                if (Double.isNaN(c.flickerSince)) {
                    c.flickerSince = f.t();
                }
                if (f.t() - c.flickerSince >= after) {
                    if (!(f.t() - c.confirmedAt <= HOLD_SECONDS)) { // also when confirmedAt is NaN
                        c.confirmedSince = f.t();
                    }
                    c.confirmedAt = f.t();
                }
            }
            if (c.lastSeen == f.t()) {
                c.area = count(masks.getLast(), region);
                // A blob is held as long as it has been confirmed, up to the hold: a surface that passed the test
                // once, by chance, is not kept burning. (NaN until the first pass: the comparison is then false.)
                double hold = Math.min(HOLD_SECONDS, c.confirmedAt - c.confirmedSince);
                (!travels && f.t() - c.confirmedAt <= hold ? lit : glowing).add(c);
            }
        }
        List<Finding> out = fires(lit, glowing, f.t(), scale);
        burning = !out.isEmpty();
        return out;
    }

    /**
     * Groups the burning blobs of this frame into fires and reports each fire once. Burning blobs near one another
     * are one group (single linkage); a group continues the oldest fire whose extent (everything it has covered)
     * it is near, or starts a fire. Flame-coloured blobs that have not passed the flicker test yet (a flame that
     * just split off, the glow beside it) join a fire they are near, and never start or keep one alive.
     */
    private List<Finding> fires(List<Candidate> lit, List<Candidate> glowing, double t, double scale) {
        double near = NEAR_FRACTION * w;
        int[] group = new int[lit.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = i;
        }
        for (int i = 0; i < lit.size(); i++) {
            for (int j = i + 1; j < lit.size(); j++) {
                if (lit.get(i).box.distanceTo(lit.get(j).box) <= near) {
                    relabel(group, group[j], group[i]);
                }
            }
        }
        var boxes = new LinkedHashMap<Fire, Box>();
        var confidence = new HashMap<Fire, Double>();
        for (int g = 0; g < lit.size(); g++) {
            Box union = null;
            double best = 0;
            for (int i = 0; i < lit.size(); i++) {
                if (group[i] == g) {
                    Candidate c = lit.get(i);
                    union = union == null ? c.box : union.union(c.box);
                    best = Math.max(best, confidenceOf(c));
                }
            }
            if (union == null) {
                continue;
            }
            Fire fire = nearest(union, near);
            if (fire == null) {
                fire = new Fire(nextFire++, union, count(masks.getLast(), union), t);
                fires.add(fire);
            }
            boxes.merge(fire, union, Box::union);
            confidence.merge(fire, best, Math::max);
        }
        for (Candidate c : glowing) {
            Fire fire = nearest(c.box, near);
            if (fire != null && boxes.containsKey(fire)) {
                boxes.merge(fire, c.box, Box::union);
            }
        }
        var out = new ArrayList<Finding>();
        for (var e : boxes.entrySet()) {
            Fire fire = e.getKey();
            Box now = e.getValue();
            fire.extent = fire.extent.union(now);
            fire.lastSeen = t;
            double area = count(masks.getLast(), now);
            double growth = fire.firstArea > 0 ? area / fire.firstArea : 1;
            out.add(new Finding("fire-" + fire.id, confidence.get(fire), now.scale(scale, scale),
                    Map.of("growth", Math.round(growth * 100) / 100.0,
                            "area_pct", Math.round(1000.0 * area / (w * h)) / 10.0)));
        }
        fires.removeIf(fire -> t - fire.lastSeen > HOLD_SECONDS);
        return out;
    }

    /** The oldest fire whose extent is within reach of the box: {@code near}, or a quarter of the extent's size. */
    private Fire nearest(Box box, double near) {
        for (Fire fire : fires) {
            if (fire.extent.distanceTo(box) <= Math.max(near, 0.25 * Math.max(fire.extent.w(), fire.extent.h()))) {
                return fire;
            }
        }
        return null;
    }

    private static void relabel(int[] group, int from, int to) {
        for (int i = 0; i < group.length; i++) {
            if (group[i] == from) {
                group[i] = to;
            }
        }
    }

    /** More sure the more often the blob flickered lately, and if it grew. */
    private static double confidenceOf(Candidate c) {
        double growth = c.firstArea > 0 ? c.area / c.firstArea : 1;
        return 0.55 + 0.25 * c.recentFlickers / 10.0 + (growth > 1.2 ? 0.15 : 0);
    }

    /**
     * Where persons and vehicles are, grown a little: a passer-by in front of a flame-coloured surface (an orange
     * kiosk, a shop sign, a terracotta wall) hides part of it and uncovers it again as they walk on, a partial
     * change of its mask from frame to frame that is theirs, not a flame's.
     */
    private static List<Box> passers(SceneFrame f, double scale) {
        var out = new ArrayList<Box>();
        for (var t : f.tracks()) {
            if (SceneFrame.isPerson(t) || SceneFrame.isVehicle(t)) {
                out.add(t.box().grow(0.1).scale(scale, scale));
            }
        }
        return out;
    }

    /**
     * Partial change between consecutive masks in most of the recent frames, with the blob present. Changes where a
     * person or vehicle was in either frame do not count: they are its passing, not flicker. With {@code minStep}, the
     * pixels that entered or left the mask must also have changed colour by that much on average (largest channel): a
     * flame's edge moves, a surface whose colour sits at the edge of the flame range only crosses it with its noise.
     */
    private boolean flickers(Box r, double minStep) {
        if (masks.size() < 4) {
            return false;
        }
        byte[] prev = null;
        byte[] prevColour = null;
        var colouring = colours.iterator();
        List<Box> prevPassers = List.of();
        int partial = 0;
        int pairs = 0;
        int present = 0;
        int x0 = (int) r.x();
        int y0 = (int) r.y();
        int x1 = Math.min(w, (int) Math.ceil(r.right()));
        int y1 = Math.min(h, (int) Math.ceil(r.bottom()));
        var passing = passers.iterator();
        for (byte[] m : masks) {
            byte[] colour = colouring.next();
            long steps = 0;
            List<Box> now = passing.next();
            boolean hidden = prev != null && hide(x0, y0, x1, y1, prevPassers, now);
            prevPassers = now;
            // one pass per mask: is the blob there, and how much changed since the previous mask
            int on = 0;
            int or = 0;
            int xor = 0;
            for (int y = y0; y < y1; y++) {
                for (int i = y * w + x0, end = y * w + x1; i < end; i++) {
                    boolean b = m[i] != 0;
                    on += b ? 1 : 0;
                    if (prev != null && !(hidden && hiddenAt[(y - y0) * (x1 - x0) + i - y * w - x0])) {
                        boolean a = prev[i] != 0;
                        or += a || b ? 1 : 0;
                        if (a != b) {
                            xor++;
                            steps += step(prevColour, colour, 3 * i);
                        }
                    }
                }
            }
            if (on > 0) {
                present++;
            }
            if (prev != null) {
                double c = or == 0 ? 0 : xor / (double) or;
                if (c > 0.08 && c < 0.85 && steps >= minStep * xor) {
                    partial++;
                }
                pairs++;
            }
            prev = m;
            prevColour = colour;
        }
        return present >= 0.75 * masks.size() && partial >= 0.5 * pairs;
    }

    /** The largest change of one channel of pixel {@code q} (its first byte) between two frames' pixels. */
    private static int step(byte[] before, byte[] after, int q) {
        int b = Math.abs((after[q] & 0xff) - (before[q] & 0xff));
        int g = Math.abs((after[q + 1] & 0xff) - (before[q + 1] & 0xff));
        int r = Math.abs((after[q + 2] & 0xff) - (before[q + 2] & 0xff));
        return Math.max(b, Math.max(g, r));
    }

    /** Marks in {@link #hiddenAt} the pixels of [x0, x1) × [y0, y1) under the given boxes; returns whether any is. */
    private boolean hide(int x0, int y0, int x1, int y1, List<Box> before, List<Box> after) {
        if (before.isEmpty() && after.isEmpty()) {
            return false;
        }
        int rw = x1 - x0;
        int n = rw * Math.max(0, y1 - y0);
        if (hiddenAt.length < n) {
            hiddenAt = new boolean[n];
        }
        Arrays.fill(hiddenAt, 0, n, false);
        boolean any = false;
        for (List<Box> boxes : List.of(before, after)) {
            for (Box b : boxes) {
                int bx0 = Math.max(x0, (int) Math.floor(b.x()));
                int by0 = Math.max(y0, (int) Math.floor(b.y()));
                int bx1 = Math.min(x1, (int) Math.ceil(b.right()));
                int by1 = Math.min(y1, (int) Math.ceil(b.bottom()));
                if (bx1 <= bx0 || by1 <= by0) {
                    continue;
                }
                for (int y = by0; y < by1; y++) {
                    Arrays.fill(hiddenAt, (y - y0) * rw + bx0 - x0, (y - y0) * rw + bx1 - x0, true);
                }
                any = true;
            }
        }
        return any;
    }

    private int count(byte[] m, Box r) {
        int n = 0;
        for (int y = (int) r.y(); y < Math.ceil(r.bottom()) && y < h; y++) {
            for (int x = (int) r.x(); x < Math.ceil(r.right()) && x < w; x++) {
                n += m[y * w + x] != 0 ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * Flame colours: bright, red over green over blue, or near-white at the core next to such pixels.
     *
     * @param px  buffer for the pixels, 3 bytes per pixel
     * @param out the mask, one byte per pixel, fully overwritten
     */
    static void colourMask(Mat bgr, byte[] px, byte[] out) {
        int n = bgr.cols() * bgr.rows();
        // One bulk copy, then plain array reads: an indexer call per channel is most of this rule's cost.
        try (Mat packed = bgr.isContinuous() ? null : bgr.clone()) {
            (packed == null ? bgr : packed).data().get(px, 0, n * 3);
        }
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            int b = px[p] & 0xff;
            int g = px[p + 1] & 0xff;
            int r = px[p + 2] & 0xff;
            out[i] = r >= 170 && r >= g && g > b && r - b >= 60 && g >= 0.35 * r ? (byte) 255 : 0;
        }
    }

    @Override
    public void close() {
        small.close();
        maskMat.close();
    }
}
