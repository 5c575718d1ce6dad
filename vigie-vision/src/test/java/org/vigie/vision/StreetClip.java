package org.vigie.vision;

import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Writes a 1280x720 H.264 clip of street-like motion (walkers, cars, a textured pavement and facades) for
 * {@code vigie bench video}. Not committed: run {@code java ... org.vigie.vision.StreetClip OUT.mp4 SECONDS}.
 */
public final class StreetClip {
    private StreetClip() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var rnd = new Random(1);
        int n = 14;
        double[][] walkers = new double[n][4];
        for (double[] w : walkers) {
            w[0] = rnd.nextInt(1280);
            w[1] = 420 + rnd.nextInt(280);
            w[2] = (rnd.nextBoolean() ? 1 : -1) * (30 + rnd.nextInt(50));
            w[3] = 80 + (w[1] - 420) / 2.5;
        }
        SyntheticVideo.write(out, "mp4", avcodec.AV_CODEC_ID_H264, 1280, 720, 25, seconds * 25, (i, m) -> {
            double t = i / 25.0;
            // facades and pavement with texture
            opencv_imgproc.rectangle(m, new Point(0, 0), new Point(1280, 380), new Scalar(120, 130, 150, 0), -1, 8, 0);
            for (int x = 0; x < 1280; x += 90) {
                opencv_imgproc.rectangle(m, new Point(x + 15, 60), new Point(x + 65, 160), new Scalar(60, 70, 80, 0), -1, 8, 0);
                opencv_imgproc.rectangle(m, new Point(x + 15, 200), new Point(x + 65, 300), new Scalar(60, 70, 80, 0), -1, 8, 0);
            }
            for (int y = 400; y < 720; y += 30) {
                opencv_imgproc.line(m, new Point(0, y), new Point(1280, y), new Scalar(80, 85, 90, 0), 1, 8, 0);
            }
            // cars on the road
            for (int k = 0; k < 3; k++) {
                int x = (int) ((k * 500 + t * (120 + 40 * k)) % 1600) - 200;
                opencv_imgproc.rectangle(m, new Point(x, 330 + 20 * k), new Point(x + 180, 400 + 20 * k),
                        new Scalar(40 + 60 * k, 40, 160 - 40 * k, 0), -1, 8, 0);
            }
            // walkers
            for (double[] w : walkers) {
                double x = ((w[0] + w[2] * t) % 1400 + 1400) % 1400 - 60;
                double h = w[3];
                double sway = 4 * Math.sin(t * 6 + w[0]);
                opencv_imgproc.rectangle(m, new Point((int) (x - h / 5 + sway), (int) (w[1] - h)), new Point((int) (x + h / 5 + sway), (int) w[1]),
                        new Scalar(50 + (int) w[0] % 150, 60, 90, 0), -1, 8, 0);
                opencv_imgproc.circle(m, new Point((int) (x + sway), (int) (w[1] - h - h / 8)), (int) (h / 8), new Scalar(90, 120, 170, 0), -1, 8, 0);
            }
        });
    }
}
