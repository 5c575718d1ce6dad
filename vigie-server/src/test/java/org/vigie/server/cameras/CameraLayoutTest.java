package org.vigie.server.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.json.Json;
import org.vigie.server.api.ApiError;

class CameraLayoutTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void aLayoutReadsBackFromItsOwnJson() throws Exception {
        CameraLayout layout = CameraLayout.read(Json.MAPPER.readTree("""
                {"zones": [{"name": "voie", "kind": "graffiti-surface", "points": [[0, 0], [1, 0], [1, 1], [0, 1]]}],
                 "lines": [{"name": "entrée", "a": [0.1, 0.9], "b": [0.9, 0.9], "allowed": "right-to-left"}]}"""));
        assertThat(CameraLayout.read(layout.json())).isEqualTo(layout);
        assertThat(layout.zones().get(0).kind()).isEqualTo(CameraLayout.ZoneKind.GRAFFITI_SURFACE);
        assertThat(layout.lines().get(0).allowed()).isEqualTo(CameraLayout.Direction.RIGHT_TO_LEFT);
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() throws Exception {
        assertThatThrownBy(() -> CameraLayout.read(Json.MAPPER.readTree("""
                {"zones": [{"name": "", "kind": "forbidden", "points": [[0, 0], [1, 0]]},
                           {"name": "b", "kind": "forbidden", "points": [[0, 0], ["x", 0], [1, 1]]}],
                 "lines": [{"name": "b", "a": [0, 0], "b": [1, 1], "allowed": "up"}]}""")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.details()).extracting(d -> d.get("field"))
                        .contains("zones[0].name", "zones[1].points[1]", "lines[0].name", "lines[0].allowed"));
    }

    /** Random documents, valid or not: the reader answers a layout or a 400 naming fields, never anything else. */
    @Test
    void randomDocumentsGiveALayoutOrFieldErrorsNeverACrash() {
        var random = new Random(8);
        int valid = 0;
        for (int i = 0; i < 10_000; i++) {
            JsonNode doc = randomDocument(random);
            try {
                CameraLayout layout = CameraLayout.read(doc);
                assertThat(CameraLayout.read(layout.json())).isEqualTo(layout);
                valid++;
            } catch (ApiError e) {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.details()).isNotEmpty().allSatisfy(d -> assertThat(d.get("field")).isNotNull());
            }
        }
        assertThat(valid).as("some random documents are valid").isGreaterThan(100);
    }

    static JsonNode randomDocument(Random r) {
        ObjectNode doc = F.objectNode();
        if (r.nextInt(20) == 0) {
            doc.put("zones", "none");
        } else {
            ArrayNode zones = doc.putArray("zones");
            for (int i = r.nextInt(3); i > 0; i--) {
                ObjectNode z = zones.addObject().put("name", r.nextInt(10) == 0 ? "" : "z" + r.nextInt(4))
                        .put("kind", List.of("forbidden", "counting", "furniture", "moat").get(r.nextInt(4)));
                ArrayNode pts = z.putArray("points");
                for (int j = r.nextInt(6); j > 0; j--) {
                    pts.add(randomPoint(r));
                }
            }
        }
        ArrayNode lines = doc.putArray("lines");
        for (int i = r.nextInt(3); i > 0; i--) {
            lines.addObject().put("name", "l" + r.nextInt(4)).<ObjectNode>set("a", randomPoint(r))
                    .<ObjectNode>set("b", randomPoint(r))
                    .put("allowed", List.of("both", "left-to-right", "sideways").get(r.nextInt(3)));
        }
        return doc;
    }

    static JsonNode randomPoint(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> F.textNode("0.5,0.5");
            case 1 -> F.arrayNode().add(r.nextDouble() * 3 - 1).add(r.nextDouble());
            case 2 -> F.arrayNode().add(0.5);
            case 3 -> F.arrayNode().add(Double.NaN).add(0.5);
            default -> F.arrayNode().add(Math.round(r.nextDouble() * 4) / 4.0).add(Math.round(r.nextDouble() * 4) / 4.0);
        };
    }

    @Test
    void configuredCamerasKeepLayoutsPerCameraAndRefuseUnknownOnes() {
        var cameras = new ConfiguredCameras(List.of(new CameraDirectory.Camera("a", "A", 43.3, 5.4),
                new CameraDirectory.Camera("b", "B", 43.3, 5.4)), Clock.systemUTC());
        var layout = new CameraLayout(List.of(new CameraLayout.Zone("z", CameraLayout.ZoneKind.COUNTING, List.of(
                new CameraLayout.Point(0, 0), new CameraLayout.Point(1, 0), new CameraLayout.Point(0, 1)))), List.of());
        cameras.replaceLayout("a", layout);
        assertThat(cameras.layout("a")).isEqualTo(layout);
        assertThat(cameras.layout("b")).isEqualTo(CameraLayout.EMPTY);
        assertThatThrownBy(() -> cameras.replaceLayout("c", layout)).isInstanceOf(NoSuchElementException.class);
        assertThat(cameras.latestSnapshot("a")).hasValueSatisfying(s -> assertThat(java.util.Arrays.copyOf(s.bytes(), 4))
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertThatThrownBy(() -> new ConfiguredCameras(List.of(new CameraDirectory.Camera("a", "A", 43.3, 5.4),
                new CameraDirectory.Camera("a", "A again", 43.3, 5.4)), Clock.systemUTC()))
                .hasMessageContaining("configured twice");
    }
}
