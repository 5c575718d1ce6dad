package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.store.VideoCountRepository;

/** GET /api/v1/cameras/{id}/counts: a camera's stored per-minute counts as time series. */
class VideoCountsApiTest {
    private static final Instant M0 = Instant.parse("2026-07-14T10:00:00Z");

    @Test
    void theApiServesACamerasCountsAsTimeSeriesAndRejectsBadPeriods(@TempDir Path dir) throws Exception {
        var camera = new CameraDirectory.Camera("cam-vieux-port", "Vieux-Port", 43.2951, 5.3739);
        VigieConfig config = VigieConfig.embedded(dir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withConsole(new VigieConfig.Console("", "", List.of(camera), List.of()));
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            platform.store().videoCounts().save(List.of(
                    new VideoCountRepository.Count("cam-vieux-port", M0, "parvis", "entries", "person", 7),
                    new VideoCountRepository.Count("cam-vieux-port", M0.plusSeconds(60), "parvis", "entries", "person", 5),
                    new VideoCountRepository.Count("cam-vieux-port", M0, "quai", "crossings_left_to_right", "vehicle", 2),
                    new VideoCountRepository.Count("cam-vieux-port", M0.plusSeconds(7200), "parvis", "entries", "person", 9)));
            var http = new TestHttp(platform.url());

            var ok = http.get("/api/v1/cameras/cam-vieux-port/counts?from=2026-07-14T10:00:00Z&to=2026-07-14T11:00:00Z");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            JsonNode doc = ok.json();
            assertThat(doc.path("camera").asText()).isEqualTo("cam-vieux-port");
            assertThat(doc.path("step").asText()).isEqualTo("PT1M");
            JsonNode series = doc.path("series");
            assertThat(series.size()).isEqualTo(2);
            JsonNode parvis = series.get(0).path("place").asText().equals("parvis") ? series.get(0) : series.get(1);
            assertThat(parvis.path("measure").asText()).isEqualTo("entries");
            assertThat(parvis.path("objects").asText()).isEqualTo("person");
            assertThat(parvis.path("points").findValuesAsText("minute"))
                    .containsExactly("2026-07-14T10:00:00Z", "2026-07-14T10:01:00Z");
            assertThat(parvis.path("points").findValuesAsText("value")).containsExactly("7", "5");

            var backwards = http.get("/api/v1/cameras/cam-vieux-port/counts?from=2026-07-14T11:00:00Z&to=2026-07-14T10:00:00Z");
            assertThat(backwards.status()).isEqualTo(400);
            assertThat(backwards.body()).contains("from");
            var garbled = http.get("/api/v1/cameras/cam-vieux-port/counts?from=yesterday");
            assertThat(garbled.status()).isEqualTo(400);
            assertThat(garbled.body()).contains("yesterday");
            assertThat(http.get("/api/v1/cameras/cam-vieux-port/counts?from=2026-01-01T00:00:00Z&to=2026-07-14T00:00:00Z")
                    .status()).isEqualTo(400);
            assertThat(http.get("/api/v1/cameras/nope/counts").status()).isEqualTo(404);

            // Days: the morning's minutes reduced by the retention, the 12:00 minute still kept; both make the day.
            platform.store().videoCounts().reduceBefore(M0.plusSeconds(3600));
            var days = http.get("/api/v1/cameras/cam-vieux-port/counts?step=P1D&from=2026-07-13T00:00:00Z"
                    + "&to=2026-07-15T00:00:00Z");
            assertThat(days.status()).as(days.body()).isEqualTo(200);
            assertThat(days.json().path("step").asText()).isEqualTo("P1D");
            JsonNode daySeries = days.json().path("series");
            assertThat(daySeries.size()).isEqualTo(2);
            JsonNode parvisDays = daySeries.get(0).path("place").asText().equals("parvis") ? daySeries.get(0) : daySeries.get(1);
            assertThat(parvisDays.path("points").findValuesAsText("day")).containsExactly("2026-07-14");
            assertThat(parvisDays.path("points").findValuesAsText("value")).containsExactly("21");
            // ten years of days at once, not more; minutes as before; nothing else
            assertThat(http.get("/api/v1/cameras/cam-vieux-port/counts?step=P1D&from=2020-01-01T00:00:00Z"
                    + "&to=2026-07-14T00:00:00Z").status()).isEqualTo(200);
            assertThat(http.get("/api/v1/cameras/cam-vieux-port/counts?step=P1D&from=2000-01-01T00:00:00Z"
                    + "&to=2026-07-14T00:00:00Z").status()).isEqualTo(400);
            var hourly = http.get("/api/v1/cameras/cam-vieux-port/counts?step=PT1H");
            assertThat(hourly.status()).isEqualTo(400);
            assertThat(hourly.body()).contains("step", "PT1H");
        }
    }
}
