package org.vigie.app.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.store.Store;
import org.vigie.store.StoreConfig;
import org.vigie.vision.pipeline.CountSample;

/** Camera counts go from the cameras to the store and the metrics. */
class CountSinkTest {
    private static final Instant M0 = Instant.parse("2026-07-14T10:00:00Z");

    @Test
    void samplesFromTheCamerasAreStoredAndCountedInTheMetrics(@TempDir Path dir) {
        try (Store store = Store.open(StoreConfig.sqlite(dir.resolve("vigie.db")))) {
            var registry = new SimpleMeterRegistry();
            var sink = VideoService.countSink(store, new VideoService.CountMetrics(registry));
            sink.accept(List.of(new CountSample("cam-1", M0, "parvis", "entries", "person", 7),
                    new CountSample("cam-1", M0, "parvis", "peak", "person", 3)));
            sink.accept(List.of(new CountSample("cam-1", M0.plusSeconds(60), "parvis", "entries", "person", 5),
                    new CountSample("cam-1", M0.plusSeconds(60), "parvis", "peak", "person", 2)));

            assertThat(store.videoCounts().find("cam-1", M0, M0.plusSeconds(120))).hasSize(4);
            assertThat(registry.get("vigie.video.counted").tags("camera", "cam-1", "place", "parvis", "objects", "person",
                    "measure", "entries").counter().count()).isEqualTo(12.0);
            assertThat(registry.get("vigie.video.zone.peak").tags("camera", "cam-1", "place", "parvis", "objects", "person")
                    .gauge().value()).isEqualTo(2.0);
        }
    }
}
