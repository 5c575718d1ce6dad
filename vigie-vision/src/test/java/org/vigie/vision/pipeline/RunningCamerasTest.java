package org.vigie.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.model.Event;
import org.vigie.vision.PaintedPersonDetector;
import org.vigie.vision.Scene;
import org.vigie.vision.SyntheticVideo;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.camera.Zone;

/** The fleet the console edits: live layout replacement, blurred snapshot, health. */
class RunningCamerasTest {
    @TempDir
    Path dir;

    private static void await(BooleanSupplier condition, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met in time").isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void camerasExposeLayoutSnapshotAndHealthAndTakeANewLayoutWhileRunning() throws Exception {
        Path clip = dir.resolve("street.ts");
        SyntheticVideo.write(clip, "mpegts", avcodec.AV_CODEC_ID_MPEG4, Scene.W, Scene.H, 25, 250, (i, m) -> {
            Scene.background(m, 1);
            Scene.person(m, 100 + 2 * i, 300, 24, 64);
        });
        CameraConfig cam = Scene.camera(CameraLayout.EMPTY).withUrl(clip.toString());
        var events = new CopyOnWriteArrayList<Event>();
        try (var fleet = new RunningCameras(List.of(cam), c -> new PaintedPersonDetector(), c -> Optional.empty(),
                Optional.empty(), events::add, counts -> { })) {
            assertThat(fleet.cameras()).extracting(CameraConfig::id).containsExactly("cam-test");
            await(() -> fleet.latestSnapshot("cam-test").isPresent(), Duration.ofSeconds(30));
            byte[] jpeg = fleet.latestSnapshot("cam-test").orElseThrow();
            assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
            var layout = new CameraLayout(List.of(), List.of(new Zone("all", Zone.Kind.SENSITIVE, Scene.rect(0, 0, 1, 1))),
                    List.of(), Optional.empty());
            assertThat(fleet.replaceLayout("cam-test", layout)).isTrue();
            assertThat(fleet.layout("cam-test")).contains(layout);
            assertThat(fleet.replaceLayout("nope", layout)).isFalse();
            assertThat(fleet.latestSnapshot("nope")).isEmpty();
            await(() -> fleet.health("cam-test").orElseThrow().decodedFrames() == 250, Duration.ofSeconds(60));
            var h = fleet.health("cam-test").orElseThrow();
            assertThat(h.decodeErrors()).isZero();
            assertThat(h.unavailableRules()).containsKey("weapon");
        }
    }
}
