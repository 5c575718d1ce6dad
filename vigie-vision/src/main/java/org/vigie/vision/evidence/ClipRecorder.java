package org.vigie.vision.evidence;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigie.vision.geom.Box;

/**
 * Video evidence with pre-roll, per camera. Every analysed frame is pixelated (the same person regions as the
 * snapshot) and JPEG-compressed at once, and only then kept: a ring of the last {@code preSeconds} of frames in
 * memory, a few hundred kilobytes to a few megabytes, never a raw frame. When an event starts, the clip takes the
 * ring and the next {@code postSeconds} of frames, then is encoded as one WebM (VP8) file that a browser plays in
 * the console's incident page.
 *
 * <p>Not thread-safe: one per camera, used by the camera's thread.
 */
public final class ClipRecorder {
    public static final String MEDIA_TYPE = "video/webm";
    private static final int JPEG_QUALITY = 75;

    /** One pixelated frame, compressed. */
    private record Kept(double t, Instant at, byte[] jpeg) {}

    /** A clip waiting for its post-roll; events that start while it records share it. */
    private static final class Pending {
        final List<String> keys = new ArrayList<>();
        final double startsAt;
        double endsAt;
        final List<Kept> frames;

        Pending(String key, double startsAt, double endsAt, List<Kept> frames) {
            this.keys.add(key);
            this.startsAt = startsAt;
            this.endsAt = endsAt;
            this.frames = frames;
        }
    }

    /** A clip shared by events that follow one another is extended, up to this much beyond its pre- and post-roll. */
    private static final double MAX_EXTENSION_SECONDS = 20;

    /**
     * A finished clip.
     *
     * @param keys    what {@link #trigger} was given (the episodes of the events it shows), in order
     * @param offsets stream seconds of each frame of the clip, in order
     * @param startAt capture time of its first frame
     */
    public record Clip(List<String> keys, byte[] webm, List<Double> offsets, Instant startAt) {}

    private final double preSeconds;
    private final double postSeconds;
    private final double fps;
    private final Deque<Kept> ring = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();
    private long ringBytes;

    /**
     * @param fps frames per second that {@link #offer} receives (the camera's analysis rate), the clip's rate
     */
    public ClipRecorder(double preSeconds, double postSeconds, double fps) {
        this.preSeconds = preSeconds;
        this.postSeconds = postSeconds;
        this.fps = fps > 0 ? fps : 5;
    }

    /**
     * Keeps one frame, pixelated, and returns the clips that this frame completed.
     *
     * @param persons regions to pixelate, in pixels of {@code frame}
     */
    public List<Clip> offer(double t, Instant at, Mat frame, List<Box> persons) {
        var kept = new Kept(t, at, Snapshots.blurredJpeg(frame, persons, 1.0, JPEG_QUALITY));
        ring.addLast(kept);
        ringBytes += kept.jpeg().length;
        while (!ring.isEmpty() && ring.peekFirst().t() < t - preSeconds - 1e-9) {
            ringBytes -= ring.removeFirst().jpeg().length;
        }
        var done = new ArrayList<Clip>();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            p.frames.add(kept);
            if (t >= p.endsAt - 1e-9) {
                it.remove();
                done.add(encode(p));
            }
        }
        return done;
    }

    /**
     * Starts a clip: the frames kept so far (up to the current one) and those of the next post-roll seconds. An event
     * that starts while a clip is still recording joins that clip (extended to its own post-roll) instead of encoding
     * the same frames twice: one scene often raises several events at once.
     */
    public void trigger(String key, double t) {
        for (Pending p : pending) {
            double end = Math.max(p.endsAt, t + postSeconds);
            if (t <= p.endsAt && end - p.startsAt <= preSeconds + postSeconds + MAX_EXTENSION_SECONDS) {
                p.keys.add(key);
                p.endsAt = end;
                return;
            }
        }
        var before = new ArrayList<Kept>(ring.size());
        for (Kept k : ring) {
            if (k.t() >= t - preSeconds - 1e-9) {
                before.add(k);
            }
        }
        pending.add(new Pending(key, t, t + postSeconds, before));
    }

    /** The stream ended or the camera stops: pending clips are written with the frames they have. */
    public List<Clip> flush() {
        var done = new ArrayList<Clip>();
        for (Pending p : pending) {
            if (!p.frames.isEmpty()) {
                done.add(encode(p));
            }
        }
        pending.clear();
        return done;
    }

    /** Bytes held by the pre-roll ring (compressed frames). */
    public long ringBytes() {
        return ringBytes;
    }

    public int pendingClips() {
        return pending.size();
    }

    private Clip encode(Pending p) {
        var offsets = new ArrayList<Double>(p.frames.size());
        var out = new ByteArrayOutputStream();
        Mat first = decode(p.frames.get(0).jpeg());
        // VP8 needs even sizes.
        int w = first.cols() & ~1;
        int h = first.rows() & ~1;
        first.close();
        try (var rec = new FFmpegFrameRecorder(out, w, h, 0); var conv = new OpenCVFrameConverter.ToMat()) {
            rec.setFormat("webm");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_VP8);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            // generous: compression artefacts would add detail back where persons are pixelated into flat blocks
            rec.setVideoBitrate(Math.max(400_000, (int) (w * h * fps / 2)));
            rec.setVideoOption("deadline", "realtime");
            rec.setVideoOption("cpu-used", "8");
            rec.start();
            for (Kept k : p.frames) {
                try (Mat m = decode(k.jpeg()); Mat even = m.cols() == w && m.rows() == h ? null
                        : new Mat(m, new org.bytedeco.opencv.opencv_core.Rect(0, 0, w, h))) {
                    rec.record(conv.convert(even == null ? m : even));
                }
                offsets.add(k.t());
            }
            rec.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("cannot encode the clip for " + p.keys + ": " + e.getMessage(), e);
        }
        return new Clip(List.copyOf(p.keys), out.toByteArray(), offsets, p.frames.get(0).at());
    }

    private static Mat decode(byte[] jpeg) {
        try (BytePointer bp = new BytePointer(jpeg); Mat buf = new Mat(bp)) {
            return opencv_imgcodecs.imdecode(buf, opencv_imgcodecs.IMREAD_COLOR);
        }
    }
}
