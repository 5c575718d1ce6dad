package org.vigie.vision.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vigie.core.config.ConfigException;

class CameraConfigReaderTest {
    static final String GOOD = """
            id: cam-0142
            url: rtsp://10.0.0.42/stream1
            location: {lat: 43.2965, lon: 5.3698, accuracy: 20, heading: 90}
            analysis: {fps: 4, width: 480}
            profile: fr-2023-828
            masks: [[[0, 0], [1, 0], [1, 0.08], [0, 0.08]]]
            zones:
              - {name: voie-1, kind: forbidden, polygon: [[0.1, 0.6], [0.5, 0.6], [0.5, 1], [0.1, 1]]}
              - {name: parvis, kind: counting, polygon: [[0, 0], [1, 0], [1, 1]]}
              - {name: mur, kind: graffiti-surface, polygon: [[0, 0], [0.2, 0], [0.2, 0.2], [0, 0.2]]}
            lines:
              - {name: escalier, from: [0.2, 0.5], to: [0.8, 0.5], allowed: left_to_right}
            homography: [[12.0, 0, 0], [0, 8.0, 0], [0, 0, 1]]
            rules:
              abandoned_object: {after: 90s, clearance: 0.2}
              disabled: [crowd_movement]
            """;

    @Test
    void aCompleteCameraFileIsRead() {
        CameraConfig c = CameraConfigReader.read("cam.yaml", GOOD);
        assertThat(c.id()).isEqualTo("cam-0142");
        assertThat(c.analysisFps()).isEqualTo(4);
        assertThat(c.analysisWidth()).isEqualTo(480);
        assertThat(c.layout().zones()).hasSize(3);
        assertThat(c.layout().zones(Zone.Kind.GRAFFITI_SURFACE)).hasSize(1);
        assertThat(c.layout().masked(0.5, 0.05)).isTrue();
        assertThat(c.layout().lines().get(0).allowed()).isEqualTo(DirectionLine.Allowed.LEFT_TO_RIGHT);
        assertThat(c.layout().homography().orElseThrow().groundArea(c.layout().zones().get(0).polygon())).isCloseTo(0.16 * 96, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.rules().abandonedAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.rules().enabled("crowd_movement")).isFalse();
        assertThat(c.weaponDetector()).isEmpty();
        assertThat(c.detector().learnHeights()).isTrue();
        assertThat(CameraConfigReader.read("cam.yaml", GOOD + "detector: {kind: hog, learn_heights: false}\n").detector()
                .learnHeights()).isFalse();
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        String bad = """
                id: cam 1
                url: rtsp://x
                location: {lat: 143, lon: 5}
                profile: anything-goes
                zones:
                  - {name: a, kind: forbiden, polygon: [[0, 0], [1, 0], [1, 1]]}
                  - {name: b, kind: counting, polygon: [[0, 0], [2, 0], [1, 1]]}
                  - {name: c, kind: counting, polygon: [[0, 0], [1, 0]]}
                lines:
                  - {name: l, from: [0, 0], to: [1, 1], allowed: sideways, colour: red}
                rules: {fire: {after: soon}, disabled: [everything]}
                detector: {kind: onnx}
                extra: 1
                clip: {enabled: maybe}
                """;
        assertThatThrownBy(() -> CameraConfigReader.read("cam.yaml", bad))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    var p = ((ConfigException) e).problems();
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:1:") && s.contains("id"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:3:") && s.contains("lat"));
                    assertThat(p).anyMatch(s -> s.contains("anything-goes"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:6:") && s.contains("forbiden"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:7:") && s.contains("between 0 and 1"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:8:") && s.contains("at least 3"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:10:") && s.contains("sideways"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:10:") && s.contains("colour"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:11:") && s.contains("soon"));
                    assertThat(p).anyMatch(s -> s.contains("everything"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:12:") && s.contains("model"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:13:") && s.contains("extra"));
                    assertThat(p).anyMatch(s -> s.startsWith("cam.yaml:14:") && s.contains("clip.enabled: expected true or false, got 'maybe'"));
                });
    }

    @Test
    void aLayoutAloneCanBeReadForTheZoneEditor() {
        var l = CameraConfigReader.readLayout("layout.yaml", """
                zones:
                  - {name: quai, kind: sensitive, polygon: [[0, 0.5], [1, 0.5], [1, 1], [0, 1]]}
                """);
        assertThat(l.zones()).extracting(Zone::name).containsExactly("quai");
        assertThatThrownBy(() -> CameraConfigReader.readLayout("layout.yaml", "id: x\n")).isInstanceOf(ConfigException.class);
    }
}
