package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.config.ConfigException;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.camera.DirectionLine;
import org.vigie.vision.camera.Zone;

/** Camera files in the platform's configuration run inside it and appear in the console, health and layout API. */
class VideoPlatformTest {
    static final int FRAMES = 40;

    /** A grey street with a dark block walking across: enough for the decoder, the motion gate and a snapshot. */
    static void writeClip(Path file) throws Exception {
        TestClips.walker(file, FRAMES);
    }

    static final String CAMERA_FILE = """
            id: cam-gare
            url: street.ts
            location: {lat: 43.3027, lon: 5.3806, accuracy: 15}
            analysis: {fps: 25, width: 320}
            masks: [[[0, 0], [1, 0], [1, 0.05], [0, 0.05]]]
            zones:
              - {name: quai, kind: forbidden, polygon: [[0.1, 0.7], [0.5, 0.7], [0.5, 1], [0.1, 1]]}
            lines:
              - {name: escalier, from: [0.2, 0.5], to: [0.8, 0.5], allowed: left_to_right, band: 0.3}
            """;

    @Test
    void aConfiguredCameraRunsAndItsLayoutIsEditedLiveFromTheConsole(@TempDir Path dir) throws Exception {
        writeClip(dir.resolve("street.ts"));
        Files.writeString(dir.resolve("gare.yaml"), CAMERA_FILE);
        VigieConfig.Video video = ConfigLoader.parse("vigie.yaml", "video: {cameras: [gare.yaml]}", dir).video();
        assertThat(video.cameras()).singleElement().satisfies(c ->
                assertThat(c.url()).isEqualTo(dir.resolve("street.ts").toString())); // relative to the camera file
        var still = new CameraDirectory.Camera("cam-vieux-port", "Vieux-Port", 43.2951, 5.3739);
        VigieConfig config = VigieConfig.embedded(dir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withVideo(video)
                .withConsole(new VigieConfig.Console("", "", List.of(still), List.of()));
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var http = new TestHttp(platform.url());
            JsonNode list = http.get("/api/v1/cameras").json();
            assertThat(list.path("cameras").findValuesAsText("id")).containsExactly("cam-gare", "cam-vieux-port");
            JsonNode gare = list.path("cameras").get(0);
            assertThat(gare.path("lat").asDouble()).isEqualTo(43.3027);
            assertThat(gare.path("lon").asDouble()).isEqualTo(5.3806);

            JsonNode health = AcousticPlatformTest.eventually(() -> http.get("/health").json(),
                    h -> h.path("checks").path("video_cam-gare").path("decodedFrames").asLong() == FRAMES);
            JsonNode cam = health.path("checks").path("video_cam-gare");
            assertThat(cam.path("lastFrame").isTextual()).as("last frame in %s", cam).isTrue();
            assertThat(cam.path("decodeErrors").asLong()).isZero();
            assertThat(cam.has("analysedFps")).isTrue();
            assertThat(cam.path("unavailableRules").has("weapon")).as("no weapon model configured").isTrue();
            assertThat(health.path("status").asText()).isEqualTo("up");
            // the clip has almost no colour (grey-beige on grey-blue, as at night in infrared): the fire rule says it
            // cannot see, and the gauge an operator alerts on counts it
            assertThat(cam.path("unavailableRules").path("fire").asText()).contains("monochrome");
            assertThat(cam.path("sceneChanges").asLong()).as("one steady view").isZero();
            String scrape = http.as(org.vigie.server.access.Role.AUDITOR).get("/metrics").body();
            assertThat(scrape).contains("vigie_video_rules_blind{camera=\"cam-gare\"} 1.0",
                    "vigie_video_scene_changes_total{camera=\"cam-gare\"} 0.0");

            var snapshot = http.get("/api/v1/cameras/cam-gare/snapshot");
            assertThat(snapshot.status()).isEqualTo(200);
            assertThat(snapshot.contentType()).startsWith("image/jpeg");

            JsonNode layout = http.get("/api/v1/cameras/cam-gare/layout").json();
            assertThat(layout.path("zones").get(0).path("name").asText()).isEqualTo("quai");
            assertThat(layout.path("zones").get(0).path("kind").asText()).isEqualTo("forbidden");
            assertThat(layout.path("lines").get(0).path("allowed").asText()).isEqualTo("left-to-right");

            var put = http.send("PUT", "/api/v1/cameras/cam-gare/layout", """
                    {"zones": [{"name": "parvis", "kind": "counting", "points": [[0, 0.5], [1, 0.5], [1, 1], [0, 1]]}],
                     "lines": [{"name": "escalier", "a": [0.3, 0.4], "b": [0.7, 0.4], "allowed": "right-to-left"},
                               {"name": "sortie", "a": [0.9, 0.1], "b": [0.9, 0.9], "allowed": "both"}]}
                    """);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().path("persisted").asBoolean()).as(put.body()).isTrue();
            // Written back into the camera file: what a restart reads is the edit, and the rest of the file stays.
            String written = Files.readString(dir.resolve("gare.yaml"));
            assertThat(written).startsWith(CAMERA_FILE.substring(0, CAMERA_FILE.indexOf("zones:"))).contains("parvis")
                    .doesNotContain("quai");
            CameraLayout reread = ConfigLoader.parse("vigie.yaml", "video: {cameras: [gare.yaml]}", dir).video().cameras()
                    .getFirst().layout();
            assertThat(reread.zones()).extracting(Zone::name).containsExactly("parvis");
            assertThat(reread.lines()).extracting(DirectionLine::name, DirectionLine::band)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("escalier", 0.3),
                            org.assertj.core.groups.Tuple.tuple("sortie", 0.15));
            assertThat(reread.masks()).hasSize(1);

            CameraLayout running = platform.video().orElseThrow().fleet().layout("cam-gare").orElseThrow();
            assertThat(running.zones()).singleElement().satisfies(z -> {
                assertThat(z.name()).isEqualTo("parvis");
                assertThat(z.kind()).isEqualTo(Zone.Kind.COUNTING);
            });
            assertThat(running.lines()).extracting(DirectionLine::name, DirectionLine::allowed, DirectionLine::band)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("escalier", DirectionLine.Allowed.RIGHT_TO_LEFT, 0.3),
                            org.assertj.core.groups.Tuple.tuple("sortie", DirectionLine.Allowed.BOTH, 0.15));
            assertThat(running.masks()).as("the camera file's mask stays").hasSize(1);
            assertThat(http.get("/api/v1/cameras/cam-gare/layout").json().path("zones").get(0).path("kind").asText())
                    .isEqualTo("counting");

            // The camera without a pipeline is still served from console.cameras.
            var still2 = http.send("PUT", "/api/v1/cameras/cam-vieux-port/layout", """
                    {"zones": [], "lines": [{"name": "rue", "a": [0, 0.5], "b": [1, 0.5], "allowed": "both"}]}
                    """);
            assertThat(still2.status()).as(still2.body()).isEqualTo(200);
            assertThat(still2.json().path("persisted").asBoolean()).as("console.cameras live in memory").isFalse();

            // A camera file that cannot be written: the edit applies live, and the answer says it was not kept.
            Files.delete(dir.resolve("gare.yaml"));
            var unkept = http.send("PUT", "/api/v1/cameras/cam-gare/layout", "{\"zones\": [], \"lines\": []}");
            assertThat(unkept.status()).as(unkept.body()).isEqualTo(200);
            assertThat(unkept.json().path("persisted").asBoolean()).isFalse();
            assertThat(unkept.json().path("persistence").asText()).contains("gare.yaml", "restart");
            assertThat(platform.video().orElseThrow().fleet().layout("cam-gare").orElseThrow().zones()).isEmpty();
            assertThat(http.get("/api/v1/cameras/cam-vieux-port/layout").json().path("lines").size()).isEqualTo(1);
            assertThat(http.get("/api/v1/cameras/nope/layout").status()).isEqualTo(404);
        }
    }

    @Test
    void cameraFileMistakesAreReportedWithTheirFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                id: cam-1
                url: rtsp://10.0.0.1/stream
                location: {lat: 43.3, lon: 5.4}
                zones:
                  - {name: quai, kind: roof, polygon: [[0, 0], [1, 0], [1, 1]]}
                """);
        assertThatThrownBy(() -> ConfigLoader.parse("vigie.yaml", "video:\n  cameras: [bad.yaml, missing.yaml]\n", dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("bad.yaml") + ":5:")
                            .contains("roof"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("vigie.yaml:2:")
                            .contains("no such camera file").contains("missing.yaml"));
                });
    }

    @Test
    void aCameraIdInBothTheConsoleAndAVideoFileIsRefusedAtStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cam.yaml"), """
                id: cam-vieux-port
                url: /nonexistent/clip.ts
                location: {lat: 43.2951, lon: 5.3739}
                """);
        VigieConfig config = VigieConfig.embedded(dir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withVideo(ConfigLoader.parse("vigie.yaml", "video: {cameras: [cam.yaml]}", dir).video())
                .withConsole(new VigieConfig.Console("", "", List.of(
                        new CameraDirectory.Camera("cam-vieux-port", "Vieux-Port", 43.2951, 5.3739)), List.of()));
        assertThatThrownBy(() -> Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cam-vieux-port");
        // A configuration file says so before anything starts (vigie config check), with its line.
        String yaml = """
                console:
                  cameras:
                    - {id: cam-vieux-port, name: Vieux-Port, lat: 43.2951, lon: 5.3739}
                video:
                  cameras: [cam.yaml]
                """;
        assertThatThrownBy(() -> ConfigLoader.parse("vigie.yaml", yaml, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vigie.yaml:5: video.cameras: camera id 'cam-vieux-port' is both in console.cameras");
    }
}
