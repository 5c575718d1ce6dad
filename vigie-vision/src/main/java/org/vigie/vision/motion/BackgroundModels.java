package org.vigie.vision.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.accumulateWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Two running-average backgrounds of the small grey frame (the dual-background method of Porikli et al.): the
 * short-term one absorbs a thing that stopped moving within seconds, the long-term one within many minutes. A
 * pixel that differs from the long-term background but not from the short-term one belongs to something that
 * arrived and stayed still: a left object, a parked car, a person sitting down. Moving things differ from both.
 *
 * <p>Global lighting changes (a cloud, street lights switching on) are compensated by a gain between the frame
 * and the long-term background; a change too large to compensate resets the long-term background instead of
 * turning the whole image into "new objects".
 */
public final class BackgroundModels implements AutoCloseable {
    private static final double DIFF_THRESHOLD = 22;
    /** Beyond this share of foreground pixels the scene as a whole changed (lighting, camera moved). */
    private static final double SCENE_CHANGE_SHARE = 0.45;

    private final double shortRate;
    private final double longRate;
    private final Mat shortBg = new Mat();
    private final Mat longBg = new Mat();
    private final Mat f32 = new Mat();
    private final Mat tmp = new Mat();
    private final Mat bg8 = new Mat();
    private final Mat motion = new Mat();
    private final Mat longFg = new Mat();
    private final Mat stationary = new Mat();
    private final Mat notMotion = new Mat();
    private final Mat confirmed = new Mat();
    /** Per pixel, for how many frames in a row the frame has agreed with the long-term model, not moving (saturates). */
    private final Mat agreeing = new Mat();
    private final Mat agreeingNow = new Mat();
    private final Mat one = new Mat();
    private final Mat zero = new Mat(new org.bytedeco.opencv.opencv_core.Scalar(0));
    private final Mat unconfirmed = new Mat();
    private final Mat kernel = getStructuringElement(MORPH_RECT, new Size(3, 3));
    private long frames;
    private final long bootstrapFrames;
    /** Frames of agreement in a row that confirm a pixel (one second). */
    private final int confirmFrames;
    private Mat lastFrame;
    /** Written by the camera's thread, read by the health checks. */
    private volatile long sceneChanges;

    /**
     * @param fps          analysed frames per second
     * @param shortSeconds time for the short-term background to absorb a still thing (a few seconds)
     * @param longSeconds  time for the long-term background to absorb it (longer than any rule's dwell time)
     */
    public BackgroundModels(double fps, double shortSeconds, double longSeconds) {
        this.shortRate = Math.min(1, 1 / (fps * shortSeconds));
        this.longRate = Math.min(1, 1 / (fps * longSeconds));
        this.bootstrapFrames = Math.round(fps * 5);
        this.confirmFrames = (int) Math.max(1, Math.min(250, Math.round(fps)));
    }

    /** Feeds one grey frame (CV_8U); afterwards the masks describe this frame. */
    public void update(Mat grey) {
        lastFrame = grey;
        grey.convertTo(f32, CV_32F);
        if (frames++ == 0) {
            f32.copyTo(shortBg);
            f32.copyTo(longBg);
            confirmed.create(grey.rows(), grey.cols(), CV_8U);
            confirmed.put(new org.bytedeco.opencv.opencv_core.Scalar(0));
            agreeing.create(grey.rows(), grey.cols(), CV_8U);
            agreeing.put(new org.bytedeco.opencv.opencv_core.Scalar(0));
            one.create(grey.rows(), grey.cols(), CV_8U);
            one.put(new org.bytedeco.opencv.opencv_core.Scalar(1));
        }
        diff(shortBg, grey, 1.0, motion);
        double gain = mean(grey).get(0) / Math.max(1, mean(longBg).get(0));
        diff(longBg, grey, gain, longFg);
        double share = countNonZero(longFg) / (double) longFg.total();
        if (share > SCENE_CHANGE_SHARE && frames > 1) {
            sceneChanges++;
            f32.copyTo(longBg);
            f32.copyTo(shortBg);
            longFg.put(new org.bytedeco.opencv.opencv_core.Scalar(0));
            motion.put(new org.bytedeco.opencv.opencv_core.Scalar(0));
        }
        dilate(motion, tmp, kernel);
        bitwise_not(tmp, notMotion);
        bitwise_and(longFg, notMotion, stationary);
        morphologyEx(stationary, stationary, opencv_imgproc.MORPH_OPEN, kernel);
        // The long-term model starts from the first frame, which may hold people who then leave: their "ghost"
        // would look like a left object. A pixel is confirmed once the frame has agreed with the long-term model,
        // not moving, for a second; an unconfirmed pixel that is still takes the frame's value at once. One frame of
        // agreement is not enough: where people keep walking, a passing foot that happens to match the ghost of the
        // first frame's legs confirmed it, and the bare ground then stood out as a left thing for minutes.
        if (frames > bootstrapFrames - confirmFrames) {
            bitwise_not(longFg, agreeingNow);
            bitwise_and(agreeingNow, notMotion, agreeingNow);
            org.bytedeco.opencv.global.opencv_core.add(agreeing, one, agreeing, agreeingNow, -1);
            bitwise_not(agreeingNow, tmp);
            agreeing.setTo(zero, tmp);
            if (frames > bootstrapFrames) {
                // Agreement that ended within the first seconds proves nothing: the frame was still the one the
                // model started from.
                threshold(agreeing, tmp, confirmFrames - 1, 255, THRESH_BINARY);
                org.bytedeco.opencv.global.opencv_core.bitwise_or(confirmed, tmp, confirmed);
            }
        }
        bitwise_not(confirmed, unconfirmed);
        bitwise_and(unconfirmed, stationary, unconfirmed);
        if (countNonZero(unconfirmed) > 0) {
            f32.copyTo(longBg, unconfirmed);
            org.bytedeco.opencv.global.opencv_core.bitwise_or(confirmed, unconfirmed, confirmed);
            bitwise_not(unconfirmed, tmp);
            bitwise_and(stationary, tmp, stationary);
        }
        accumulateWeighted(f32, shortBg, shortRate);
        accumulateWeighted(f32, longBg, longRate);
    }

    private void diff(Mat bg, Mat grey, double gain, Mat out) {
        bg.convertTo(bg8, CV_8U, gain, 0);
        absdiff(grey, bg8, out);
        threshold(out, out, DIFF_THRESHOLD, 255, THRESH_BINARY);
        morphologyEx(out, out, opencv_imgproc.MORPH_OPEN, kernel);
    }

    /** The last frame given to {@link #update} (small, grey, as the models see it). */
    public Mat frame() {
        return lastFrame;
    }

    /** Pixels moving now (different from the short-term background). */
    public Mat motion() {
        return motion;
    }

    /** Pixels of things that arrived and stay still (long-term foreground, not moving). */
    public Mat stationary() {
        return stationary;
    }

    /** Everything not in the long-term background: moving or newly still. */
    public Mat foreground() {
        return longFg;
    }

    /** The long-term background as 8-bit grey, for comparisons of texture. */
    public Mat longBackground() {
        longBg.convertTo(bg8, CV_8U);
        return bg8;
    }

    public long sceneChanges() {
        return sceneChanges;
    }

    public long frames() {
        return frames;
    }

    @Override
    public void close() {
        for (Mat m : new Mat[] {shortBg, longBg, f32, tmp, bg8, motion, longFg, stationary, notMotion, kernel, confirmed, unconfirmed, agreeing,
                agreeingNow, one, zero}) {
            m.close();
        }
    }
}
