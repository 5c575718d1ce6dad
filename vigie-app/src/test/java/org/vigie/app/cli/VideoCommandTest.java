package org.vigie.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.Main;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.EventReadResult;
import org.vigie.core.json.Json;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

class VideoCommandTest {
    static final Path DATA = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/video");

    @TempDir
    Path dir;

    private static String run(String... args) {
        PrintStream old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void analyzeWritesFireEventsInTheApiShapeWithTheirOffsetAndBlurredSnapshots() throws Exception {
        Path out = dir.resolve("events.jsonl");
        Path snaps = dir.resolve("snapshots");
        run("video", "analyze", DATA.resolve("furg-fire/house6.mp4").toString(), "--out", out.toString(), "--snapshots", snaps.toString());
        var lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty();
        boolean fire = false;
        for (String l : lines) {
            JsonNode n = Json.MAPPER.readTree(l);
            assertThat(n.path("attributes").path("offsetSeconds").isNumber()).isTrue();
            // the API reads back what the command wrote (without the extra offsetSeconds, which is output only)
            ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("attributes")).remove("offsetSeconds");
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("capCategory");
            assertThat(EventJson.read(n, java.time.Instant.now().plusSeconds(3600))).isInstanceOf(EventReadResult.Valid.class);
            fire |= n.path("type").asText().equals("fire") && n.path("attributes").path("phase").asText().equals("start");
            if (n.path("attributes").path("phase").asText().equals("start")) {
                assertThat(n.path("evidence").get(0).path("uri").asText()).startsWith("evidence:");
            }
        }
        assertThat(fire).isTrue();
    }

    @Test
    void evalFirePrintsFrameLevelScoresAndBenchPrintsTheRatio() throws Exception {
        JsonNode eval = Json.MAPPER.readTree(run("video", "eval", "--task", "fire", "--video", DATA.resolve("furg-fire/house6.mp4").toString(),
                "--labels", DATA.resolve("furg-fire/house6.xml").toString()));
        assertThat(eval.path("frame_level").path("recall").asDouble()).isGreaterThanOrEqualTo(0.9);

        Path clip = dir.resolve("clip.ts");
        try (var rec = new FFmpegFrameRecorder(clip.toFile(), 320, 240, 0); var conv = new OpenCVFrameConverter.ToMat();
             Mat m = new Mat(240, 320, CV_8UC3)) {
            rec.setFormat("mpegts");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setFrameRate(25);
            rec.start();
            for (int i = 0; i < 50; i++) {
                m.put(new Scalar(90, 100, 100, 0));
                opencv_imgproc.rectangle(m, new Point(10 + 3 * i, 80), new Point(40 + 3 * i, 160), new Scalar(20, 20, 220, 0), -1, 8, 0);
                rec.record(conv.convert(m));
            }
            rec.stop();
        }
        // 10 frames are due for analysis in the 2 s clip: a warm-up of 25 reads it three times
        JsonNode bench = Json.MAPPER.readTree(run("bench", "video", clip.toString(), "--warmup-frames", "25"));
        assertThat(bench.path("warmup_analysed_frames").asLong()).isEqualTo(25);
        assertThat(bench.path("decode_fps").asDouble()).isPositive();
        assertThat(bench.path("pipeline_fps").asDouble()).isPositive();
        assertThat(bench.path("ratio").asDouble()).isBetween(0.0, 2.0);
        assertThat(bench.path("frames").asLong()).isEqualTo(50);
    }
}
