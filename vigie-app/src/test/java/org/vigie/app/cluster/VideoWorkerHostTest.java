package org.vigie.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.TestClips;
import org.vigie.core.config.ConfigException;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.server.HealthContribution;
import org.vigie.server.ingest.IngestService;
import org.vigie.store.IngestReceipt;
import org.vigie.store.Store;
import org.vigie.store.StoreConfig;
import org.vigie.vision.camera.CameraConfig;

/** A video worker runs the cameras the group gives it from their files, as the embedded platform runs its own. */
class VideoWorkerHostTest {
    @TempDir
    Path dir;
    private Store store;
    private SimpleMeterRegistry metrics;
    private VideoWorkerHost host;

    @BeforeEach
    void open() throws Exception {
        store = Store.open(StoreConfig.sqlite(dir.resolve("vigie.db")));
        metrics = new SimpleMeterRegistry();
        // At city scale the log is the events topic; what reaches it is not under test here.
        var ingest = new IngestService(store, (events, rejects) -> new IngestReceipt(List.of(), List.of(), 0),
                Clock.systemUTC(), metrics);
        host = new VideoWorkerHost(new DirectoryEvidenceStore(dir.resolve("evidence")), ingest, store, metrics,
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        host.close();
        store.close();
    }

    private Path clip(String name, int frames) throws Exception {
        return TestClips.walker(dir.resolve(name), frames);
    }

    private static String cameraFile(String id, Path clip, double lat) {
        return """
                id: %s
                url: %s
                location: {lat: %s, lon: 5.3806, accuracy: 15}
                analysis: {fps: 25, width: 320}
                zones:
                  - {name: quai, kind: forbidden, polygon: [[0.1, 0.7], [0.5, 0.7], [0.5, 1], [0.1, 1]]}
                """.formatted(id, clip, lat);
    }

    private static JsonNode eventually(HealthContribution health, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        JsonNode n = health.check();
        while (!done.test(n)) {
            assertThat(Instant.now()).as("health never got there: %s", n).isBefore(deadline);
            Thread.onSpinWait();
            n = health.check();
        }
        return n;
    }

    @Test
    void aCameraRunsFromItsFileANewFileReplacesItAndStopEndsIt() throws Exception {
        Path first = clip("first.ts", 40);
        Path second = clip("second.ts", 25);
        HealthContribution health = host.health();
        assertThat(health.name()).isEqualTo("video-worker");

        host.start("cam-gare", cameraFile("cam-gare", first, 43.3027));
        assertThat(host.running()).containsExactly("cam-gare");
        JsonNode check = eventually(health, h -> h.path("cameras").path("cam-gare").path("decodedFrames").asLong() == 40);
        JsonNode cam = check.path("cameras").path("cam-gare");
        assertThat(check.path("status").asText()).isEqualTo("up");
        assertThat(cam.path("lastFrame").isTextual()).as("analysed frames in %s", cam).isTrue();
        assertThat(cam.path("decodeErrors").asLong()).isZero();
        assertThat(cam.path("unavailableRules").has("weapon")).as("no weapon model configured").isTrue();
        assertThat(cam.path("since").isTextual()).isTrue();
        assertThat(metrics.find("vigie.video.rules.blind").tag("camera", "cam-gare").gauge()).isNotNull();

        // The same camera with a new file (moved, pointing at another stream): the new one runs in its place.
        host.start("cam-gare", cameraFile("cam-gare", second, 43.31));
        assertThat(host.running()).containsExactly("cam-gare");
        assertThat(host.findCamera("cam-gare")).map(CameraConfig::lat).contains(43.31);
        eventually(health, h -> h.path("cameras").path("cam-gare").path("decodedFrames").asLong() == 25);
        assertThat(metrics.find("vigie.video.rules.blind").tag("camera", "cam-gare").gauges()).hasSize(1);

        host.stop("cam-gare");
        assertThat(host.running()).isEmpty();
        assertThat(host.findCamera("cam-gare")).isEmpty();
        assertThat(health.check().path("cameras").size()).isZero();
        assertThat(metrics.find("vigie.video.rules.blind").tag("camera", "cam-gare").gauge())
                .as("another worker reports the camera now").isNull();
        host.stop("cam-gare"); // a second stop, or one for a camera never started here, does nothing

        host.close();
        assertThatThrownBy(() -> host.start("cam-gare", cameraFile("cam-gare", first, 43.3027)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(health.check().path("status").asText()).isEqualTo("down");
    }

    @Test
    void anotherCamerasFileOrABrokenFileIsRefusedAndTheRunningCamerasGoOn() throws Exception {
        Path street = clip("street.ts", 40);
        host.start("cam-gare", cameraFile("cam-gare", street, 43.3027));

        assertThatThrownBy(() -> host.start("cam-port", cameraFile("cam-gare-2", street, 43.29)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cam-port'").hasMessageContaining("'cam-gare-2'");
        assertThatThrownBy(() -> host.start("cam-port", "id: cam-port\nurl: [unclosed\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cam-port.yaml");
        assertThatThrownBy(() -> host.start("cam-port", "id: cam-port\nurl: " + street + "\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("location");
        // A broken new file for a running camera leaves it running on its last good file.
        assertThatThrownBy(() -> host.start("cam-gare", "id: cam-gare\nurl: " + street + "\nfps: 5\n"))
                .isInstanceOf(ConfigException.class);

        assertThat(host.running()).containsExactly("cam-gare");
        assertThat(host.findCamera("cam-gare")).map(CameraConfig::lat).contains(43.3027);
        eventually(host.health(), h -> h.path("cameras").path("cam-gare").path("decodedFrames").asLong() == 40);
    }
}
