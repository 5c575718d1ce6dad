package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.vigie.core.model.EvidenceRef;
import org.vigie.server.access.Role;

/** An operator opening an incident's evidence is counted, through the audit log, in the share of evidence used. */
class EvidenceUseApiTest {
    @TempDir
    static Path dataDir;

    static ZoneId zone;
    static Platform platform;
    static TestHttp http;

    @BeforeAll
    static void start() {
        // k = 1 so that the public page shows the counts of this small fixture (its suppression is tested elsewhere)
        var settings = new AccountabilitySettings(CostModel.defaults(), Map.of(),
                List.of(new Equipment(EquipmentKind.CAMERA, "cam-e", 43.2965, 5.3698)), new SmallCounts(1));
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withAccountability(settings);
        zone = config.city().timeZone();
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        http = new TestHttp(platform.url());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String event(String id, double[] at, Instant when, EvidenceRef ref) {
        return """
                {"id": "%s", "occurredAt": "%s", "source": {"kind": "camera", "id": "cam-e"}, "type": "fire",
                 "location": {"lat": %s, "lon": %s, "accuracyMeters": 20}, "confidence": 0.9,
                 "evidence": [{"kind": "snapshot", "uri": "%s", "sha256": "%s"}]}"""
                .formatted(id, when, at[0], at[1], ref.uri(), ref.sha256());
    }

    @Test
    void openingTheEvidenceOfOneOfThreeConfirmedIncidentsIsAShareOfOneThird() throws Exception {
        // In the month that is over: the public page publishes only those.
        YearMonth last = YearMonth.now(zone).minusMonths(1);
        Instant when = last.atDay(15).atTime(12, 0).atZone(zone).toInstant();
        String period = "?from=" + last.atDay(1) + "&to=" + last.atEndOfMonth();
        var refs = new ArrayList<EvidenceRef>();
        var events = new ArrayList<String>();
        for (int k = 0; k < 3; k++) {
            EvidenceRef ref = platform.evidence().put(EvidenceRef.Kind.SNAPSHOT, "image/png",
                    ("pixelated snapshot " + k).getBytes(StandardCharsets.UTF_8), when);
            refs.add(ref);
            events.add(event(FusionApiTest.id(), new double[] {43.26 + k * 0.01, 5.38}, when, ref));
        }
        var r = http.post("/api/v1/events", "[" + String.join(",", events) + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode page = ApiTest.eventually(() -> http.get("/api/v1/incidents?status=new&limit=10").json(),
                p -> p.path("total").asInt() == 3);
        for (JsonNode incident : page.path("items")) {
            String path = "/api/v1/incidents/" + incident.path("id").asText() + "/verdict";
            long v = incident.path("version").asLong();
            assertThat(http.post(path, "{\"status\": \"acknowledged\", \"version\": " + v + ", \"by\": \"op\"}").status())
                    .isEqualTo(200);
            assertThat(http.post(path, "{\"status\": \"confirmed\", \"version\": " + (v + 1) + ", \"by\": \"op\"}").status())
                    .isEqualTo(200);
        }
        ApiTest.eventually(() -> http.get("/api/v1/incidents?status=new,acknowledged&limit=10").json(),
                p -> p.path("total").asInt() == 0);

        JsonNode before = http.get("/api/v1/accountability/quality" + period).json();
        assertThat(before.path("evidenceUsed").path("successes").asInt()).isZero();
        assertThat(before.path("evidenceUsed").path("trials").asInt()).isEqualTo(3);
        assertThat(before.path("evidenceUsed").path("value").asDouble()).isZero(); // known: nothing opened, not null

        TestHttp operator = http.as(Role.OPERATOR);
        String file = "/api/v1/evidence/" + refs.get(0).uri().substring("evidence:".length());
        for (int look = 0; look < 2; look++) { // a second look at the same evidence is the same use
            var opened = operator.get(file);
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(opened.body()).isEqualTo("pixelated snapshot 0");
        }

        JsonNode after = http.get("/api/v1/accountability/quality" + period).json();
        JsonNode used = after.path("evidenceUsed");
        assertThat(used.path("successes").asInt()).isEqualTo(1);
        assertThat(used.path("trials").asInt()).isEqualTo(3);
        assertThat(used.path("value").isNumber()).isTrue();
        assertThat(used.path("value").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(used.path("low").asDouble()).isPositive();

        var shares = http.anonymous().get("/api/v1/transparency/shares.csv?month=" + last);
        assertThat(shares.status()).isEqualTo(200);
        assertThat(shares.body()).containsPattern("evidence_opened_of_confirmed,1,3,0\\.33");
    }
}
