package org.vigie.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vigie.vision.PaintedPersonDetector;
import org.vigie.vision.Scene;
import org.vigie.vision.camera.CameraLayout;

class CoveredLensTest {
    @Test
    void whileTheLensIsCoveredEveryRuleSaysItCannotSeeAndAfterwardsNoneDoes() {
        var seen = new HashMap<Double, Map<String, String>>();
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), new PaintedPersonDetector(), 15,
                (t, m) -> {
                    // a street has contrast: facades, windows, a doorway (the plain test background has little)
                    for (int x = 20; x < 620; x += 80) {
                        Scene.box(m, x, 40, 40, 60, new Scalar(40, 50, 60, 0));
                        Scene.box(m, x + 10, 130, 30, 40, new Scalar(180, 190, 200, 0));
                    }
                    Scene.person(m, 100 + 20 * t, 300, 24, 64);
                    if (t >= 5 && t < 10) {
                        m.put(new Scalar(14, 15, 13, 0)); // a hand, a bag or paint over the lens
                    }
                },
                (t, p) -> seen.put(t, p.unavailableRules()));
        // unavailableRules before the frame at t describes the frame before it
        Map<String, String> covered = seen.get(8.0);
        assertThat(covered).containsKeys("fire", "abandoned_object", "person_down", "crowd_density");
        assertThat(covered.get("person_down")).contains("no contrast");
        assertThat(seen.get(4.0)).doesNotContainKeys("fire", "person_down");
        assertThat(run.pipeline().unavailableRules()).doesNotContainKeys("fire", "person_down");
        assertThat(run.pipeline().blindness().get("person_down").frames()).isEqualTo(25);
        // darkness is a change of light, which the background models compensate: no change of scene
        assertThat(run.pipeline().sceneChanges()).isZero();
    }

    @Test
    void aCameraTurnedAwayIsASceneChangeInItsHealthAndForItsDetector() {
        var detector = new PaintedPersonDetector();
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), detector, 10,
                (t, m) -> {
                    // paving seen from above; at 5 s the camera is turned by half a slab
                    int shift = t < 5 ? 0 : 40;
                    for (int y = 0; y < Scene.H; y += 40) {
                        for (int x = -80; x < Scene.W; x += 80) {
                            int x0 = x + shift + (y / 40 % 2) * 40;
                            Scene.box(m, x0, y, 40, 40, new Scalar(170, 175, 180, 0));
                        }
                    }
                },
                null);
        assertThat(run.pipeline().sceneChanges()).isEqualTo(1);
        assertThat(detector.sceneChanges()).isEqualTo(1); // what it learned of the old view (person heights) is forgotten
        assertThat(run.events()).isEmpty();
    }
}
