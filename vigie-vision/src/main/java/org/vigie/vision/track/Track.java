package org.vigie.vision.track;

import java.util.ArrayDeque;
import java.util.Deque;
import org.vigie.vision.geom.Box;

/**
 * One anonymous object followed inside one camera. Its id is a counter local to the camera's tracker and is
 * forgotten with the track; nothing about its appearance is kept, only where its box has been lately.
 */
public final class Track {
    /** Boxes kept for the rules (about 12 s at 5 fps): enough to see a fall or a direction, not a route. */
    static final int HISTORY = 60;

    private final int id;
    private final String label;
    private final Kalman kx;
    private final Kalman ky;
    private final Kalman kw;
    private final Kalman kh;
    private final Deque<Sample> history = new ArrayDeque<>();
    private final double bornAt;
    private int hits;
    private int misses;
    private boolean held;
    private double lastSeenAt;

    /**
     * A position of the track at a time; {@code detected} is false when a foreground blob held it instead (a still
     * blob, or one about the track's size). Blobs the track only coasted along are not recorded.
     */
    public record Sample(double t, Box box, boolean detected) {}

    Track(int id, String label, Box box, double t) {
        this.id = id;
        this.label = label;
        this.kx = new Kalman(box.cx());
        this.ky = new Kalman(box.cy());
        this.kw = new Kalman(box.w());
        this.kh = new Kalman(box.h());
        this.bornAt = t;
        this.lastSeenAt = t;
        this.hits = 1;
        history.addLast(new Sample(t, box, true));
    }

    void predict(double dt) {
        kx.predict(dt);
        ky.predict(dt);
        kw.predict(dt);
        kh.predict(dt);
    }

    /** The detector found this track's object at {@code b}. */
    void correct(Box b, double t) {
        measure(b);
        seen(b, t, true);
    }

    /**
     * A foreground blob held this track, which the detector missed. When {@code measured} (the blob is still, or about
     * the track's size) the blob is where the track was seen: the estimate follows it, and the rules judge a fall
     * from such boxes. Otherwise the blob is mostly something else (walkers merged into one blob, half a person), whose
     * box would drag the estimate off the person: the track only stays alive on its predicted course, and the blob is
     * not recorded.
     */
    void hold(Box b, double t, boolean measured) {
        if (measured) {
            measure(b);
            seen(b, t, false);
        } else {
            coast();
            misses = 0;
            held = true;
            lastSeenAt = t;
        }
    }

    /**
     * Without a measurement the box keeps its size: a size that was changing (a person turning, falling, walking
     * into a merged blob) would otherwise be extrapolated into a needle.
     */
    private void coast() {
        kw.stop();
        kh.stop();
    }

    private void measure(Box b) {
        kx.correct(b.cx());
        ky.correct(b.cy());
        kw.correct(b.w());
        kh.correct(b.h());
    }

    private void seen(Box b, double t, boolean detected) {
        hits++;
        misses = 0;
        held = !detected;
        lastSeenAt = t;
        history.addLast(new Sample(t, b, detected));
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    void miss() {
        coast();
        misses++;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Current estimate of the box (Kalman state). */
    public Box box() {
        double w = Math.max(1, kw.x());
        double h = Math.max(1, kh.x());
        return new Box(kx.x() - w / 2, ky.x() - h / 2, w, h);
    }

    /** Last measured box: rules that judge shape (a fall) use measurements, not the smoothed estimate. */
    public Box lastBox() {
        return history.getLast().box();
    }

    /** Velocity of the box centre, pixels per second. */
    public double vx() {
        return kx.v();
    }

    public double vy() {
        return ky.v();
    }

    public int hits() {
        return hits;
    }

    public int misses() {
        return misses;
    }

    /** True when the detector missed the track in the last update and a foreground blob held it (followed or coasted). */
    public boolean held() {
        return held;
    }

    public boolean confirmed() {
        return hits >= 3;
    }

    public double bornAt() {
        return bornAt;
    }

    public double lastSeenAt() {
        return lastSeenAt;
    }

    public Deque<Sample> history() {
        return history;
    }

    /** Constant-velocity Kalman filter of one coordinate (state: position, velocity). */
    static final class Kalman {
        private static final double PROCESS = 30;      // px/s² of acceleration noise
        private static final double MEASUREMENT = 4;   // px of measurement noise
        private double x;
        private double v;
        private double p00 = 100;
        private double p01;
        private double p11 = 400;

        Kalman(double x0) {
            x = x0;
        }

        void predict(double dt) {
            x += v * dt;
            double q = PROCESS * PROCESS;
            double n00 = p00 + dt * (2 * p01 + dt * p11) + q * dt * dt * dt * dt / 4;
            double n01 = p01 + dt * p11 + q * dt * dt * dt / 2;
            double n11 = p11 + q * dt * dt;
            p00 = n00;
            p01 = n01;
            p11 = n11;
        }

        void correct(double z) {
            double s = p00 + MEASUREMENT * MEASUREMENT;
            double k0 = p00 / s;
            double k1 = p01 / s;
            double y = z - x;
            x += k0 * y;
            v += k1 * y;
            double n00 = (1 - k0) * p00;
            double n01 = (1 - k0) * p01;
            double n11 = p11 - k1 * p01;
            p00 = n00;
            p01 = n01;
            p11 = n11;
        }

        double x() {
            return x;
        }

        double v() {
            return v;
        }

        void stop() {
            v = 0;
        }
    }
}
