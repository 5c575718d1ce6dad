package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.core.accountability.CostModel;
import org.vigie.core.accountability.Equipment;
import org.vigie.core.accountability.EquipmentKind;
import org.vigie.core.accountability.SmallCounts;

/** Verdicts given through the API come back as measured precision, costs and coverage. */
class AccountabilityApiTest {
    @TempDir
    static Path dataDir;

    static Platform platform;
    static TestHttp http;

    @BeforeAll
    static void start() {
        var settings = new AccountabilitySettings(CostModel.defaults(), Map.of(),
                List.of(new Equipment(EquipmentKind.CAMERA, "cam-a", 43.2965, 5.3698)), new SmallCounts(5));
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withAccountability(settings);
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        http = new TestHttp(platform.url());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void verdictsBecomePrecisionPerCameraWithCausesAndEvaluationsBeside() throws Exception {
        for (int k = 0; k < 4; k++) {
            double[] here = {43.26 + k * 0.01, 5.38};
            var r = http.post("/api/v1/events", "[" + FusionApiTest.event(FusionApiTest.id(), "camera", "cam-a", "fire", here,
                    Instant.now().minusSeconds(30), 0.9) + "]");
            assertThat(r.status()).isEqualTo(202);
        }
        JsonNode page = ApiTest.eventually(() -> http.get("/api/v1/incidents?status=new&limit=10").json(),
                p -> p.path("total").asInt() == 4);
        int n = 0;
        for (JsonNode incident : page.path("items")) {
            String path = "/api/v1/incidents/" + incident.path("id").asText() + "/verdict";
            long v = incident.path("version").asLong();
            assertThat(http.post(path, "{\"status\": \"acknowledged\", \"version\": " + v + ", \"by\": \"op\"}").status())
                    .isEqualTo(200);
            String verdict = n++ == 0 ? "{\"status\": \"dismissed\", \"reason\": \"reflection: sun on a window\""
                    : "{\"status\": \"confirmed\"";
            assertThat(http.post(path, verdict + ", \"version\": " + (v + 1) + ", \"by\": \"op\"}").status()).isEqualTo(200);
        }
        ApiTest.eventually(() -> http.get("/api/v1/incidents?status=new,acknowledged&limit=10").json(),
                p -> p.path("total").asInt() == 0);

        var posted = http.post("/api/v1/accountability/evaluations", """
                {"detector": "video.fire", "version": "0.3", "dataset": "furg-fire", "runAt": "2026-11-20T10:00:00Z",
                 "classes": {"fire": {"precision": 0.8, "recall": 0.6, "support": 120}}}""");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);

        JsonNode byCamera = http.get("/api/v1/accountability/quality?by=camera&bucket=week").json();
        JsonNode cam = byCamera.path("groups").get(0);
        assertThat(cam.path("key").asText()).isEqualTo("camera/cam-a");
        assertThat(cam.path("alerts").asInt()).isEqualTo(4);
        assertThat(cam.path("confirmed").asInt()).isEqualTo(3);
        assertThat(cam.path("dismissed").asInt()).isEqualTo(1);
        assertThat(cam.path("precision").path("value").asDouble()).isEqualTo(0.75);
        assertThat(cam.path("precision").path("low").asDouble()).isCloseTo(0.3006418, within(1e-6));
        assertThat(cam.path("precision").path("high").asDouble()).isCloseTo(0.9544127, within(1e-6));
        assertThat(byCamera.path("evidenceUsed").path("trials").asInt()).isEqualTo(3); // read from the audit log
        assertThat(byCamera.path("evidenceUsed").path("value").asDouble()).isZero(); // nothing opened: 0, not unknown
        JsonNode causes = byCamera.path("dismissalCauses").get(0);
        assertThat(causes.path("detector").asText()).isEqualTo("camera/fire");
        assertThat(causes.path("causes").get(0).path("code").asText()).isEqualTo("reflection");

        JsonNode byType = http.get("/api/v1/accountability/quality?by=type").json();
        JsonNode fire = byType.path("groups").get(0);
        assertThat(fire.path("key").asText()).isEqualTo("fire");
        assertThat(fire.path("evaluations").get(0).path("classes").path("fire").path("precision").asDouble()).isEqualTo(0.8);

        JsonNode costs = http.get("/api/v1/accountability/costs").json();
        assertThat(costs.path("kinds").get(0).path("units").asInt()).isEqualTo(1);
        assertThat(costs.path("alerts").path("alerts").asInt()).isEqualTo(4);
        assertThat(costs.path("perConfirmed").path("low").asDouble()).isPositive();
        JsonNode coverage = http.get("/api/v1/accountability/coverage").json();
        assertThat(coverage.path("districts")).hasSize(16);
        assertThat(coverage.path("districts").findValues("cameras").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(1);

        var bad = http.get("/api/v1/accountability/quality?by=district&bucket=month&from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("details").findValuesAsText("field")).containsExactlyInAnyOrder("from/to", "by", "bucket");
        assertThat(http.get("/transparency").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/transparency/figures").status()).isEqualTo(200);
    }
}
