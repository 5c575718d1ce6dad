package org.vigie.vision.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.EventType;
import org.vigie.vision.Scene;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.camera.DirectionLine;
import org.vigie.vision.camera.RuleSettings;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Polygon;
import org.vigie.vision.geom.Polygon.Point;

/** Rules about persons on rendered scenes, each with a scene that must fire and one that must not. */
class PeopleRulesTest {
    static CameraConfig camera(CameraLayout layout) {
        return Scene.camera(layout);
    }

    static Polygon rect(double x1, double y1, double x2, double y2) {
        return Scene.rect(x1, y1, x2, y2);
    }

    static CameraLayout zones(Zone... z) {
        return new CameraLayout(List.of(), List.of(z), List.of(), Optional.empty());
    }

    @Test
    void aPersonEnteringAForbiddenZoneAndStayingIsAnIntrusion() {
        var layout = zones(new Zone("voie", Zone.Kind.FORBIDDEN, rect(0.6, 0.5, 1, 1)));
        // walks from the left into the zone and waits there
        var run = Scene.run(camera(layout), 12, (t, m) -> Scene.person(m, Math.min(40 + 50 * t, 480), 300, 24, 64));
        var starts = run.starts(EventType.ZONE_INTRUSION);
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).attributes().findText("zone")).contains("voie");
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isBetween(9.0, 11.5);
        assertThat(run.of(EventType.ZONE_INTRUSION)).anyMatch(e -> e.attributes().findText("phase").orElseThrow().equals("end"));
    }

    @Test
    void twoPeopleInTheZoneAreOneIntrusionThatCountsThem() {
        var layout = zones(new Zone("voie", Zone.Kind.FORBIDDEN, rect(0.5, 0.5, 1, 1)));
        // one walks in and waits; a second joins three seconds later and waits beside the first
        var run = Scene.run(camera(layout), 16, (t, m) -> {
            Scene.person(m, Math.min(40 + 50 * t, 400), 300, 24, 64);
            if (t >= 3) {
                Scene.person(m, Math.min(40 + 50 * (t - 3), 520), 300, 24, 64);
            }
        });
        var starts = run.starts(EventType.ZONE_INTRUSION);
        assertThat(starts).hasSize(1);
        assertThat(run.of(EventType.ZONE_INTRUSION)).anyMatch(e -> e.attributes().findNumber("persons").orElse(0.0) == 2);
    }

    @Test
    void aPersonTheTrackerLosesForAMomentIsStillOneIntrusionAndAnEmptyZoneEndsIt() {
        var layout = zones(new Zone("voie", Zone.Kind.FORBIDDEN, rect(0.6, 0.5, 1, 1)));
        var run = Scene.run(camera(layout), 40, (t, m) -> {
            // walks in, paces slowly through the zone, hidden from 12 s to 13.8 s (a passing bus, a missed
            // detection), and walks out at the right edge at 20.6 s
            double x = t < 7 ? 40 + 50 * t : t < 16 ? 390 + 16 * (t - 7) : 534 + 50 * (t - 16);
            if (x < 640 && !(t >= 12 && t < 13.8)) {
                Scene.person(m, x, 300, 24, 64);
            }
            // after a zone empty for ten seconds, someone else walks in
            if (t >= 26) {
                Scene.person(m, Math.min(40 + 50 * (t - 26), 470), 300, 24, 64);
            }
        });
        var starts = run.starts(EventType.ZONE_INTRUSION);
        assertThat(starts).hasSize(2);
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isBetween(8.0, 11.0);
        assertThat(starts.get(1).attributes().findNumber("offset_s").orElseThrow()).isBetween(33.0, 37.0);
    }

    @Test
    void aPersonWalkingPastTheZoneIsNoIntrusion() {
        var layout = zones(new Zone("voie", Zone.Kind.FORBIDDEN, rect(0.6, 0.5, 1, 1)));
        // walks along the top, above the zone, back and forth
        var run = Scene.run(camera(layout), 12, (t, m) -> Scene.person(m, 40 + 30 * t, 160, 24, 64));
        assertThat(run.of(EventType.ZONE_INTRUSION)).isEmpty();
    }

    @Test
    void aZoneDrawnOnARunningCameraTakesEffectWithoutRestart() {
        var newLayout = zones(new Zone("chantier", Zone.Kind.SENSITIVE, rect(0, 0, 1, 1)));
        var run = Scene.run(camera(CameraLayout.EMPTY), new org.vigie.vision.PaintedPersonDetector(), 10,
                (t, m) -> Scene.person(m, 100 + 10 * t, 300, 24, 64),
                (t, p) -> {
                    if (t == 5.0) {
                        p.replaceLayout(newLayout);
                    }
                });
        var starts = run.starts(EventType.ZONE_INTRUSION);
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isGreaterThanOrEqualTo(7.0);
    }

    static CameraLayout corridor() {
        // a horizontal line across the middle; crossing downwards (top to bottom) is allowed
        var line = new DirectionLine("couloir", new Point(1, 0.6), new Point(0, 0.6), DirectionLine.Allowed.LEFT_TO_RIGHT, 0.5);
        return new CameraLayout(List.of(), List.of(), List.of(line), Optional.empty());
    }

    @Test
    void directionOfTheLineIsWhatTheConfigurationSays() {
        var line = corridor().lines().get(0);
        // standing at (1, .6) facing (0, .6), the left is down the image
        assertThat(line.side(0.5, 0.9)).isEqualTo(-1);
        assertThat(line.allowedDirection()[1]).isNegative();
    }

    @Test
    void aBlobWalkingAgainstTheAllowedDirectionIsWrongWay() {
        // allowed: from the left side (bottom) to the right side (top): walking up is allowed, down is wrong
        var run = Scene.run(camera(corridor()), 8, (t, m) -> Scene.person(m, 320, 120 + 25 * t, 24, 64));
        assertThat(run.starts(EventType.WRONG_WAY)).hasSize(1);
    }

    @Test
    void aGroupWalkingTheWrongWayTogetherIsOneEpisodeCountingThem() {
        var run = Scene.run(camera(corridor()), 8, (t, m) -> {
            Scene.person(m, 200, 120 + 25 * t, 24, 64);
            Scene.person(m, 320, 110 + 25 * t, 24, 64);
            Scene.person(m, 440, 125 + 25 * t, 24, 64);
        });
        assertThat(run.starts(EventType.WRONG_WAY)).hasSize(1);
        assertThat(run.of(EventType.WRONG_WAY)).anyMatch(e -> e.attributes().findNumber("persons").orElse(0.0) == 3);
    }

    @Test
    void aBlobWalkingTheAllowedWayIsNot() {
        var run = Scene.run(camera(corridor()), 8, (t, m) -> Scene.person(m, 320, 340 - 25 * t, 24, 64));
        assertThat(run.of(EventType.WRONG_WAY)).isEmpty();
    }

    @Test
    void aPersonWhoFallsAndStaysDownIsReported() {
        // (after the background's first seconds of start-up, as on any camera that has been running)
        var run = Scene.run(camera(CameraLayout.EMPTY), 20, (t, m) -> {
            if (t < 7) {
                Scene.person(m, 150 + 15 * t, 300, 24, 64);
            } else {
                Scene.box(m, 250, 278, 66, 22, Scene.PERSON); // lying, not seen by the detector any more
            }
        });
        var starts = run.starts(EventType.PERSON_DOWN);
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isBetween(12.5, 15.5);
        assertThat(run.of(EventType.ABANDONED_OBJECT)).isEmpty();
    }

    @Test
    void aPersonStandingStillIsNotDown() {
        var run = Scene.run(camera(CameraLayout.EMPTY), 18, (t, m) -> Scene.person(m, Math.min(200 + 20 * t, 260), 300, 24, 64));
        assertThat(run.of(EventType.PERSON_DOWN)).isEmpty();
        assertThat(run.of(EventType.ABANDONED_OBJECT)).isEmpty();
    }

    @Test
    void crowdDensityAboveThePerZoneThresholdIsReportedAndBelowItIsNot() {
        var layout = zones(new Zone("parvis", Zone.Kind.COUNTING, rect(0, 0.3, 1, 1)));
        var dense = Scene.run(camera(layout), 8, (t, m) -> {
            for (int i = 0; i < 6; i++) {
                Scene.person(m, 60 + 90 * i + 8 * t, 250 + 15 * (i % 3), 24, 64);
            }
        });
        assertThat(dense.starts(EventType.CROWD_DENSITY)).hasSize(1);
        assertThat(dense.starts(EventType.CROWD_DENSITY).get(0).attributes().findNumber("count").orElseThrow()).isGreaterThanOrEqualTo(5);
        var sparse = Scene.run(camera(layout), 8, (t, m) -> {
            for (int i = 0; i < 3; i++) {
                Scene.person(m, 60 + 180 * i + 8 * t, 260, 24, 64);
            }
        });
        assertThat(sparse.of(EventType.CROWD_DENSITY)).isEmpty();
        // counting is a time series, not events
        assertThat(dense.counts()).anyMatch(c -> c.place().equals("parvis") && c.measure().equals("peak") && c.value() >= 5);
    }

    @Test
    void peopleRunningApartSuddenlyIsCrowdMovementAndSteadyWalkingIsNot() {
        var calm = Scene.run(camera(CameraLayout.EMPTY), 45, (t, m) -> {
            for (int i = 0; i < 6; i++) {
                Scene.person(m, 120 + 80 * i + 10 * Math.sin(t + i), 200 + 20 * (i % 2), 24, 64);
            }
        });
        assertThat(calm.of(EventType.CROWD_MOVEMENT)).isEmpty();
        var panic = Scene.run(camera(CameraLayout.EMPTY), 45, (t, m) -> {
            for (int i = 0; i < 6; i++) {
                double dx = 120 + 80 * i - 320;
                double run = t < 35 ? 0 : (t - 35) * 4;
                Scene.person(m, 320 + dx * (1 + run * 0.4) + 10 * Math.sin(t + i), 200 + 20 * (i % 2) + (i % 2 == 0 ? -1 : 1) * run * 12, 24, 64);
            }
        });
        var starts = panic.starts(EventType.CROWD_MOVEMENT);
        assertThat(starts).isNotEmpty();
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isGreaterThanOrEqualTo(35.0);
        // the flow is measured every other frame: between two measures the finding stands, one episode, not many
        assertThat(starts).hasSize(1);
    }

    @Test
    void nothingHappensInAMaskedRegion() {
        var layout = new CameraLayout(List.of(rect(0.5, 0, 1, 1)),
                List.of(new Zone("voie", Zone.Kind.FORBIDDEN, rect(0.6, 0.5, 1, 1))), List.of(), Optional.empty());
        var run = Scene.run(camera(layout), 12, (t, m) -> Scene.person(m, Math.min(340 + 50 * t, 480), 300, 24, 64));
        assertThat(run.events()).isEmpty();
    }

    @Test
    void weaponRuleSaysItIsUnavailableWithoutAModel() {
        var run = Scene.run(camera(CameraLayout.EMPTY), 1, (t, m) -> { });
        assertThat(run.pipeline().unavailableRules()).containsKey("weapon");
        assertThat(run.pipeline().unavailableRules().get("weapon")).contains("weapon_detector");
    }
}
