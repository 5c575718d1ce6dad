package org.vigie.vision.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.vision.SyntheticVideo;

class FfmpegFrameSourceTest {
    @TempDir
    static Path dir;
    static Path ts;
    static final int FRAMES = 100; // 4 s at 25 fps

    @BeforeAll
    static void render() throws Exception {
        ts = dir.resolve("moving.ts");
        SyntheticVideo.write(ts, "mpegts", avcodec.AV_CODEC_ID_MPEG4, 320, 240, 25, FRAMES, (i, m) ->
                opencv_imgproc.rectangle(m, new Point(10 + 2 * i, 80), new Point(40 + 2 * i, 160),
                        new Scalar(20, 20, 220, 0), -1, 8, 0));
    }

    private static List<VideoFrame> readAll(FrameSource s) {
        var out = new ArrayList<VideoFrame>();
        for (var f = s.next(); f.isPresent(); f = s.next()) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void aFileIsReadAtTheAnalysisRate() {
        try (var s = new FfmpegFrameSource(ts.toString(), FfmpegFrameSource.Settings.defaults().withSkipNonReference(false),
                InstantSource.system(), d -> { })) {
            List<VideoFrame> frames = readAll(s);
            // 4 s at 5 fps
            assertThat(frames.size()).isBetween(19, 21);
            assertThat(frames.get(1).offsetSeconds() - frames.get(0).offsetSeconds()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.05));
            assertThat(s.health().decodedFrames()).isEqualTo(FRAMES);
            assertThat(frames.get(0).image().cols()).isEqualTo(320);
        }
    }

    @Test
    void corruptBytesInAFileAreSkippedAndTheRunGoesOn() throws IOException {
        byte[] bytes = Files.readAllBytes(ts);
        var rnd = new Random(42);
        // Damage ten spots after the first second, never the header.
        for (int k = 0; k < 10; k++) {
            int at = bytes.length / 4 + rnd.nextInt(bytes.length / 2);
            for (int i = 0; i < 300 && at + i < bytes.length; i++) {
                bytes[at + i] = (byte) rnd.nextInt();
            }
        }
        Path bad = dir.resolve("corrupt.ts");
        Files.write(bad, bytes);
        try (var s = new FfmpegFrameSource(bad.toString(), FfmpegFrameSource.Settings.defaults().withSkipNonReference(false),
                InstantSource.system(), d -> { })) {
            List<VideoFrame> frames = readAll(s);
            assertThat(frames.size()).isGreaterThanOrEqualTo(14);
            assertThat(frames.get(frames.size() - 1).offsetSeconds()).isGreaterThan(3.0);
        }
    }

    @Test
    void aStreamDroppedMidwayIsReopenedWithBackoffAndAnalysisGoesOn() throws IOException {
        byte[] bytes = Files.readAllBytes(ts);
        var requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cam.ts", ex -> {
            int n = requests.incrementAndGet();
            if (n == 2) { // the camera is rebooting
                ex.sendResponseHeaders(503, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "video/mp2t");
            ex.sendResponseHeaders(200, 0); // chunked: a live stream has no length
            try (OutputStream out = ex.getResponseBody()) {
                // first connection: cut after 40%, at a TS packet boundary, as a dropped network would
                int len = n == 1 ? (bytes.length * 2 / 5) / 188 * 188 : n == 3 ? bytes.length : 0;
                out.write(bytes, 0, len);
            } catch (IOException e) {
                // the client may close first
            }
        });
        server.start();
        var pauses = new ArrayList<Duration>();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cam.ts";
        try (var s = new FfmpegFrameSource(url, FfmpegFrameSource.Settings.defaults().withMaxReconnects(3)
                .withSkipNonReference(false), InstantSource.system(), pauses::add)) {
            List<VideoFrame> frames = readAll(s);
            // ~1.6 s from the first connection, ~4 s from the third
            assertThat(frames.size()).isGreaterThan(24);
            assertThat(s.health().reconnects()).isGreaterThanOrEqualTo(2);
            assertThat(pauses).isNotEmpty();
            for (int i = 1; i < pauses.size(); i++) {
                assertThat(pauses.get(i)).isGreaterThanOrEqualTo(pauses.get(i - 1));
            }
            assertThat(pauses.get(pauses.size() - 1)).isGreaterThan(pauses.get(0));
            // offsets keep growing across connections
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).offsetSeconds()).isGreaterThanOrEqualTo(frames.get(i - 1).offsetSeconds());
            }
        } finally {
            server.stop(0);
        }
    }
}
