package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.source.PcmFrame;
import org.vigie.audio.source.PcmFraming;
import org.vigie.core.config.ConfigException;

class AcousticPlatformTest {
    static final int RATE = 22050;

    /** Street noise with a muzzle blast (N-wave, then a decaying noisy tail) one second in. */
    static float[] streetWithShot(long seed) {
        Random r = new Random(seed);
        float[] x = new float[3 * RATE];
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y = 0.92 * y + 0.08 * r.nextGaussian();
            x[i] = (float) (0.01 * y);
        }
        double tail = 0;
        for (int i = 0; i < RATE / 2; i++) {
            tail = 0.56 * tail + 0.44 * r.nextGaussian();
            double v = i < 22 ? 0.5 * (1 - 2.0 * i / 22) : 0.75 * Math.exp(-i / (0.04 * RATE)) * tail;
            x[RATE + i] += (float) v;
        }
        return x;
    }

    static JsonNode eventually(Supplier<JsonNode> probe, java.util.function.Predicate<JsonNode> done) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 300; i++) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100); // polling a condition with a deadline
        }
        throw new AssertionError("condition not met within 30 s; last answer: " + last);
    }

    @Test
    void aShotStreamedByASensorBecomesAnIncidentAndTheSensorShowsInHealth(@TempDir Path dir) throws Exception {
        var sensor = new AcousticSensor("canebiere-1", 43.2976, 5.3810, 300);
        var audio = new VigieConfig.Audio("127.0.0.1", 0, List.of(sensor), null, Duration.ofMillis(10));
        VigieConfig config = VigieConfig.embedded(dir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0)).withAudio(audio);
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var http = new TestHttp(platform.url());
            int port = platform.audio().orElseThrow().port();
            float[] x = streetWithShot(1);
            Instant start = Instant.now().minusSeconds(10);
            try (var s = new Socket("127.0.0.1", port)) {
                for (int i = 0; i < x.length; i += 2205) {
                    PcmFraming.write(s.getOutputStream(), new PcmFrame("canebiere-1", RATE,
                            start.plusNanos(Math.round(i * 1e9 / RATE)), Arrays.copyOfRange(x, i, Math.min(x.length, i + 2205))));
                }
            }
            JsonNode page = eventually(() -> http.get("/api/v1/incidents?type=gunshot").json(),
                    p -> p.path("items").size() == 1);
            assertThat(page.path("items").get(0).path("type").asText()).isEqualTo("gunshot");
            JsonNode health = eventually(() -> http.get("/health").json(),
                    h -> h.path("checks").path("audio_canebiere-1").path("samples").asLong() == x.length);
            assertThat(health.path("checks").path("audio_canebiere-1").path("detections").asLong()).isEqualTo(1);
            // The sensor is on the console's map and counted in coverage, without being listed twice in config.
            assertThat(http.get("/api/v1/sensors").body()).contains("canebiere-1");
            assertThat(http.get("/api/v1/accountability/coverage").body()).contains("\"sensors\":1");
        }
    }

    @Test
    void theAudioSectionIsReadAndCheckedFromYaml(@TempDir Path dir) {
        var config = ConfigLoader.parse("vigie.yaml", """
                audio:
                  port: 7071
                  skew-bound: 5ms
                  sensors:
                    - {id: vieux-port-1, lat: 43.2951, lon: 5.3745, range-m: 400}
                    - {id: belsunce-2, lat: 43.3007, lon: 5.3767}
                """, dir);
        assertThat(config.audio().port()).isEqualTo(7071);
        assertThat(config.audio().skewBound()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.audio().sensors()).extracting(AcousticSensor::id).containsExactly("vieux-port-1", "belsunce-2");
        assertThat(config.audio().sensors().get(0).hearingRangeMeters()).isEqualTo(400);
        assertThatThrownBy(() -> ConfigLoader.parse("vigie.yaml", """
                audio:
                  sensors:
                    - {id: a, lat: 43.29}
                    - {id: a, lat: 43.29, lon: 5.37, colour: red}
                """, dir)).isInstanceOf(ConfigException.class).hasMessageContaining("lat and lon")
                .hasMessageContaining("appears twice");
    }
}
