package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.audio.read.WavWriter;
import org.vigie.core.json.Json;

class AudioCliTest {
    static final Path DATA = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/audio");

    @Test
    void benchPrintsBothSpeedsAndTheirRatioFromOneRun(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("street.wav");
        float[] x = AcousticPlatformTest.streetWithShot(3);
        Files.write(wav, WavWriter.pcm16(x, 0, x.length, 22050));
        var r = CliTest.run("bench", "audio", wav.toString(), "--seconds", "0.2");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.path("read_x_realtime").asDouble()).isPositive();
        assertThat(json.path("pipeline_x_realtime").asDouble()).isPositive();
        assertThat(json.path("ratio").asDouble()).isCloseTo(
                json.path("pipeline_x_realtime").asDouble() / json.path("read_x_realtime").asDouble(),
                org.assertj.core.api.Assertions.within(0.01));
        assertThat(json.path("impulses_per_run").asInt()).isEqualTo(1);
    }

    @Test
    void detectPrintsEventsAndKeepsOnlyTheSegment(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("street.wav");
        float[] x = AcousticPlatformTest.streetWithShot(4);
        Files.write(wav, WavWriter.pcm16(x, 0, x.length, 22050));
        Files.writeString(dir.resolve("bad.wav"), "not audio at all");
        var r = CliTest.run("audio", "detect", wav.toString(), dir.resolve("bad.wav").toString(), "--evidence",
                dir.resolve("evidence").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bad.wav").contains("not a WAV or FLAC");
        JsonNode event = Json.MAPPER.readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(event.path("type").asText()).isEqualTo("gunshot");
        try (var files = Files.walk(dir.resolve("evidence"))) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".audio")).toList())
                    .singleElement().satisfies(p -> assertThat(Files.size(p)).isLessThan(2 * 22050 * 2 + 100));
        }
    }

    @Test
    void aWatchedFolderHasItsNewFilesAnalysedOnce(@TempDir Path dir) throws Exception {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        float[] x = AcousticPlatformTest.streetWithShot(5);
        Files.write(drop.resolve("a.wav"), WavWriter.pcm16(x, 0, x.length, 22050));
        var r = CliTest.run("audio", "watch", drop.toString(), "--polls", "4", "--interval", "PT0S", "--evidence",
                dir.resolve("evidence").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().satisfies(line ->
                assertThat(Json.MAPPER.readTree(line).path("file").asText()).endsWith("a.wav"));
    }

    @Test
    void trainThenEvalOnAnotherFoldPrintsPerClassScores(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Path fold1 = DATA.resolve("urbansound8k_fold1");
        var t = CliTest.run("audio", "train", fold1.toString(), "--labels", fold1.resolve("labels.csv").toString(),
                "--out", model.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(Json.MAPPER.readTree(t.out()).path("clips").asInt()).isEqualTo(Files.readAllLines(
                fold1.resolve("labels.csv")).size() - 1);
        Path fold3 = DATA.resolve("urbansound8k_fold3");
        var e = CliTest.run("audio", "eval", fold3.toString(), "--labels", fold3.resolve("labels.csv").toString(),
                "--model", model.toString());
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode gunshot = Json.MAPPER.readTree(e.out()).path("classes").path("gunshot");
        assertThat(gunshot.path("support").asInt()).isEqualTo(26);
        assertThat(gunshot.has("precision") && gunshot.has("recall") && gunshot.has("f1")).isTrue();
    }
}
