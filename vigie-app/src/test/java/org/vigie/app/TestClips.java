package org.vigie.app;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Small video files made by the tests that run cameras. */
public final class TestClips {
    private TestClips() {
    }

    /** A grey street with a dark block walking across, {@code frames} long: a clip is told apart by its length. */
    public static Path walker(Path file, int frames) throws Exception {
        int w = 320;
        int h = 240;
        try (var rec = new FFmpegFrameRecorder(file.toFile(), w, h, 0); var conv = new Java2DFrameConverter()) {
            rec.setFormat("mpegts");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setFrameRate(25);
            rec.setGopSize(25);
            rec.setVideoBitrate(w * h * 2);
            rec.start();
            for (int i = 0; i < frames; i++) {
                var img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(110, 105, 100));
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(40, 40, 50));
                g.fillRect(40 + 4 * i, 120, 16, 48);
                g.dispose();
                rec.record(conv.convert(img));
            }
            rec.stop();
        }
        return file;
    }
}
