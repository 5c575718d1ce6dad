package org.vigie.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Writes a 1280x720 H.264 clip of street-like motion for {@code vigie bench video}: a textured background (facades
 * with windows, paving, grain), sensor noise that changes every frame, a slow change of light, swaying foliage,
 * cars, and walkers of several sizes with swinging legs entering and leaving. A flat synthetic scene decodes
 * several times faster than a real camera stream and makes motion detection trivially clean, so the decode/pipeline
 * ratio it gives means little; this one is closer to a street camera.
 *
 * <p>The encoder is the one JavaCV's FFmpeg build has for H.264 (OpenH264: constrained baseline, so no B-frames),
 * with a 2 s GOP and about 3 Mbit/s, like a typical IP camera's main stream. Not committed: run
 * {@code java -cp ... org.vigie.vision.StreetClip OUT.mp4 [SECONDS]}.
 */
public final class StreetClip {
    private static final int W = 1280;
    private static final int H = 720;
    private static final int FPS = 25;

    private StreetClip() {
    }

    public static void main(String[] args) throws Exception {
        write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 30);
    }

    public static void write(Path out, int seconds) throws Exception {
        var rnd = new Random(1);
        try (Mat background = background(rnd);
             Mat frame = new Mat(H, W, CV_8UC3);
             Mat noise = new Mat(H, W, CV_16SC3);
             Mat wide = new Mat();
             Mat zeroMean = scalar(0);
             Mat noiseSigma = scalar(4);
             var rec = new FFmpegFrameRecorder(out.toFile(), W, H, 0);
             var conv = new OpenCVFrameConverter.ToMat()) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setFrameRate(FPS);
            rec.setGopSize(2 * FPS);
            rec.setVideoBitrate(3_000_000);
            rec.start();
            Walker[] walkers = new Walker[12];
            for (int i = 0; i < walkers.length; i++) {
                walkers[i] = Walker.random(rnd, rnd.nextDouble() * 30);
            }
            opencv_core.setRNGSeed(7);
            for (int i = 0; i < seconds * FPS; i++) {
                double t = i / (double) FPS;
                // slow change of light (a cloud), applied to the whole scene
                double light = 1 + 0.06 * Math.sin(t * 0.4);
                background.convertTo(frame, CV_8UC3, light, 0);
                foliage(frame, t);
                for (int k = 0; k < 3; k++) {
                    int x = (int) ((k * 600 + t * (110 + 45 * k)) % 1900) - 300;
                    int y = 330 + 22 * k;
                    opencv_imgproc.rectangle(frame, new Point(x, y), new Point(x + 200, y + 70), new Scalar(40 + 60 * k, 45, 150 - 40 * k, 0), -1, opencv_imgproc.LINE_AA, 0);
                    opencv_imgproc.rectangle(frame, new Point(x + 40, y - 28), new Point(x + 150, y + 5), new Scalar(30 + 50 * k, 40, 120 - 30 * k, 0), -1, opencv_imgproc.LINE_AA, 0);
                    opencv_imgproc.circle(frame, new Point(x + 40, y + 70), 16, new Scalar(20, 20, 20, 0), -1, opencv_imgproc.LINE_AA, 0);
                    opencv_imgproc.circle(frame, new Point(x + 160, y + 70), 16, new Scalar(20, 20, 20, 0), -1, opencv_imgproc.LINE_AA, 0);
                }
                for (int k = 0; k < walkers.length; k++) {
                    if (!walkers[k].draw(frame, t)) {
                        walkers[k] = Walker.random(rnd, t);
                    }
                }
                // sensor noise, different in every frame
                opencv_core.randn(noise, zeroMean, noiseSigma);
                frame.convertTo(wide, CV_16SC3);
                opencv_core.add(wide, noise, wide);
                wide.convertTo(frame, CV_8UC3);
                rec.record(conv.convert(frame));
            }
            rec.stop();
        }
    }

    /** A 1x1 double matrix: randn's form of "the same value for every channel". */
    private static Mat scalar(double v) {
        return new Mat(1, 1, opencv_core.CV_64F, new Scalar(v));
    }

    private static Mat background(Random rnd) {
        Mat m = new Mat(H, W, CV_8UC3, new Scalar(110, 120, 135, 0));
        // facades of different colours with rows of windows
        for (int x = 0, b = 0; x < W; b++) {
            int w = 180 + rnd.nextInt(160);
            opencv_imgproc.rectangle(m, new Point(x, 0), new Point(x + w, 320), new Scalar(100 + rnd.nextInt(60), 110 + rnd.nextInt(50), 130 + rnd.nextInt(60), 0), -1, 8, 0);
            for (int wx = x + 15; wx + 40 < x + w; wx += 60) {
                for (int wy = 30; wy < 280; wy += 85) {
                    int shade = 40 + rnd.nextInt(50);
                    opencv_imgproc.rectangle(m, new Point(wx, wy), new Point(wx + 35, wy + 55), new Scalar(shade, shade + 10, shade + 15, 0), -1, 8, 0);
                    opencv_imgproc.rectangle(m, new Point(wx - 3, wy - 3), new Point(wx + 38, wy + 58), new Scalar(200, 205, 210, 0), 2, 8, 0);
                }
            }
            x += w;
        }
        // road and pavement with tiles
        opencv_imgproc.rectangle(m, new Point(0, 320), new Point(W, 420), new Scalar(70, 72, 75, 0), -1, 8, 0);
        for (int x = 0; x < W; x += 120) {
            opencv_imgproc.rectangle(m, new Point(x, 368), new Point(x + 60, 372), new Scalar(210, 210, 210, 0), -1, 8, 0);
        }
        opencv_imgproc.rectangle(m, new Point(0, 420), new Point(W, H), new Scalar(150, 155, 160, 0), -1, 8, 0);
        for (int y = 420; y < H; y += 28) {
            opencv_imgproc.line(m, new Point(0, y), new Point(W, y), new Scalar(115, 118, 122, 0), 2, 8, 0);
        }
        for (int x = -400; x < W + 400; x += 55) {
            opencv_imgproc.line(m, new Point(x, 420), new Point(x + (x - W / 2) / 2, H), new Scalar(115, 118, 122, 0), 2, 8, 0);
        }
        // grain of stone and render: fixed noise, slightly blurred
        try (Mat grain = new Mat(H, W, CV_16SC3); Mat wide = new Mat()) {
            opencv_core.setRNGSeed(3);
            opencv_core.randn(grain, scalar(0), scalar(14));
            m.convertTo(wide, CV_16SC3);
            opencv_core.add(wide, grain, wide);
            wide.convertTo(m, CV_8UC3);
        }
        opencv_imgproc.GaussianBlur(m, m, new Size(3, 3), 0);
        return m;
    }

    /** Two trees whose leaves move a little all the time: motion that is nobody. */
    private static void foliage(Mat m, double t) {
        for (int k = 0; k < 2; k++) {
            int cx = 250 + k * 700;
            opencv_imgproc.rectangle(m, new Point(cx - 8, 300), new Point(cx + 8, 440), new Scalar(40, 60, 80, 0), -1, 8, 0);
            for (int j = 0; j < 30; j++) {
                double a = j * 2.4;
                int r = 20 + (j * 37) % 70;
                int x = cx + (int) (r * Math.cos(a) + 4 * Math.sin(t * 3 + j));
                int y = 230 + (int) (0.7 * r * Math.sin(a) + 3 * Math.cos(t * 2.5 + j));
                opencv_imgproc.circle(m, new Point(x, y), 18, new Scalar(40 + j % 3 * 15, 110 + j % 4 * 12, 50, 0), -1, 8, 0);
            }
        }
    }

    /** A pedestrian: body, head, two swinging legs and arms, crossing the pavement at its own pace. */
    private record Walker(double x0, double baseY, double speed, double height, double born, Scalar coat, Scalar trousers) {
        static Walker random(Random rnd, double t) {
            double y = 440 + rnd.nextInt(270);
            boolean right = rnd.nextBoolean();
            double speed = (right ? 1 : -1) * (35 + rnd.nextInt(45));
            double h = 90 + (y - 440) * 0.55;
            double x0 = right ? -60 - rnd.nextInt(200) : W + 60 + rnd.nextInt(200);
            return new Walker(x0, y, speed, h, t,
                    new Scalar(30 + rnd.nextInt(180), 30 + rnd.nextInt(180), 30 + rnd.nextInt(180), 0),
                    new Scalar(20 + rnd.nextInt(80), 20 + rnd.nextInt(80), 30 + rnd.nextInt(80), 0));
        }

        /** @return false once the walker has left the image */
        boolean draw(Mat m, double t) {
            double x = x0 + speed * (t - born);
            if (speed > 0 && x > W + 80 || speed < 0 && x < -80) {
                return false;
            }
            double h = height;
            double feet = baseY;
            double hip = feet - 0.47 * h;
            double shoulder = feet - 0.82 * h;
            double swing = Math.sin((t - born) * Math.abs(speed) / h * 5) * 0.18 * h;
            int lw = Math.max(2, (int) (h / 14));
            opencv_imgproc.line(m, new Point((int) x, (int) hip), new Point((int) (x + swing), (int) feet), trousers, lw, opencv_imgproc.LINE_AA, 0);
            opencv_imgproc.line(m, new Point((int) x, (int) hip), new Point((int) (x - swing), (int) feet), trousers, lw, opencv_imgproc.LINE_AA, 0);
            opencv_imgproc.ellipse(m, new Point((int) x, (int) ((hip + shoulder) / 2)), new Size((int) (h / 9), (int) ((hip - shoulder) / 2 + 2)),
                    0, 0, 360, coat, -1, opencv_imgproc.LINE_AA, 0);
            opencv_imgproc.line(m, new Point((int) x, (int) shoulder + 3), new Point((int) (x - swing * 0.7), (int) (hip + 0.05 * h)), coat, Math.max(2, lw - 2), opencv_imgproc.LINE_AA, 0);
            opencv_imgproc.line(m, new Point((int) x, (int) shoulder + 3), new Point((int) (x + swing * 0.7), (int) (hip + 0.05 * h)), coat, Math.max(2, lw - 2), opencv_imgproc.LINE_AA, 0);
            opencv_imgproc.circle(m, new Point((int) x, (int) (shoulder - 0.08 * h)), (int) (h / 13), new Scalar(80, 110, 160, 0), -1, opencv_imgproc.LINE_AA, 0);
            return true;
        }
    }
}
