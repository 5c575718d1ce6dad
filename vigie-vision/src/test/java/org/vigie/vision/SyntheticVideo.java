package org.vigie.vision;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Writes rendered scenes to a video file, for tests of the sources and the benchmark. */
public final class SyntheticVideo {
    private SyntheticVideo() {
    }

    /**
     * @param format  container, e.g. "mpegts" or "mp4"
     * @param codec   e.g. avcodec.AV_CODEC_ID_MPEG4 (always built in) or AV_CODEC_ID_H264
     * @param painter draws frame i on a background-filled image
     */
    public static void write(Path file, String format, int codec, int width, int height, double fps, int frames,
                             BiConsumer<Integer, Mat> painter) throws FrameRecorder.Exception {
        try (var rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             var conv = new OpenCVFrameConverter.ToMat()) {
            rec.setFormat(format);
            rec.setVideoCodec(codec);
            rec.setFrameRate(fps);
            rec.setGopSize((int) Math.round(fps));
            rec.setVideoBitrate(width * height * 2);
            if (codec == avcodec.AV_CODEC_ID_H264) {
                rec.setVideoOption("preset", "veryfast");
            }
            rec.start();
            Mat m = new Mat(height, width, CV_8UC3);
            for (int i = 0; i < frames; i++) {
                m.put(new Scalar(90, 100, 100, 0));
                painter.accept(i, m);
                rec.record(conv.convert(m));
            }
            rec.stop();
            m.close();
        }
    }
}
