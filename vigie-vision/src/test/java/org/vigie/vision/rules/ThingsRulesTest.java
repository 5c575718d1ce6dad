package org.vigie.vision.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.EventType;
import org.vigie.vision.Scene;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.camera.Zone;

/** Rules about things (left objects, fire, walls, furniture) on rendered scenes, positive and negative. */
class ThingsRulesTest {
    static final Scalar BAG = new Scalar(30, 60, 90, 0);

    @Test
    void aBoxDroppedByAPersonWhoWalksAwayIsAbandoned() {
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 30, (t, m) -> {
            double x = 60 + 40 * t;
            if (t < 6) {
                Scene.person(m, x, 300, 24, 64);
                Scene.box(m, x + 14, 280, 18, 16, BAG);
            } else {
                Scene.box(m, 60 + 40 * 6 + 14, 280, 18, 16, BAG); // stays where it was dropped
                if (x < 700) {
                    Scene.person(m, x, 300, 24, 64);
                }
            }
        });
        var starts = run.starts(EventType.ABANDONED_OBJECT);
        assertThat(starts).hasSize(1);
        // dropped at 6 s, reported 10 s later (the test camera's T) once the person is far away
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isBetween(16.0, 20.0);
        assertThat(starts.get(0).attributes().findNumber("box_x").orElseThrow()).isBetween(0.4, 0.6);
    }

    @Test
    void aBoxLeftWherePeopleKeepWalkingPastIsStillAbandoned() {
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 40, (t, m) -> {
            if (t < 6) {
                Scene.person(m, 60 + 40 * t, 300, 24, 64);
            }
            if (t >= 6) {
                Scene.box(m, 314, 280, 18, 16, BAG);
            }
            // from 8 s on, someone strolls past in front of the box every 6 s, hiding it for over a second
            if (t >= 8) {
                double phase = (t - 8) % 6;
                Scene.person(m, 200 + 40 * phase, 304, 24, 64);
            }
        });
        var starts = run.starts(EventType.ABANDONED_OBJECT);
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).attributes().findNumber("box_x").orElseThrow()).isBetween(0.4, 0.6);
    }

    @Test
    void aBagNextToItsOwnerIsNotAbandoned() {
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 30, (t, m) -> {
            double x = Math.min(60 + 40 * t, 300);
            Scene.person(m, x, 300, 24, 64);
            Scene.box(m, x + 16, 284, 18, 16, BAG);
        });
        assertThat(run.of(EventType.ABANDONED_OBJECT)).isEmpty();
    }

    @Test
    void aPersonSittingStillIsNotAnAbandonedObject() {
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 30, (t, m) -> {
            if (t < 5) {
                Scene.person(m, 100 + 30 * t, 300, 24, 64);
            } else {
                Scene.box(m, 238, 262, 26, 38, Scene.PERSON); // sitting: lower, not upright enough for the detector
            }
        });
        assertThat(run.of(EventType.ABANDONED_OBJECT)).isEmpty();
    }

    @Test
    void lightingChangesAndObjectsOfTheSceneAreNotAbandoned() {
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 30, (t, m) -> {
            // a bin that was always there
            Scene.box(m, 500, 250, 30, 40, BAG);
            // a cloud: the whole scene darkens then brightens
            double gain = 1 - 0.3 * Math.sin(Math.min(t, 20) / 20 * Math.PI);
            m.convertTo(m, -1, gain, 0);
            // a lamp's pool of light appears at 5 s on the pavement (smooth, no edges)
            if (t > 5) {
                try (Mat spot = new Mat(m.size(), m.type(), new Scalar(0, 0, 0, 0))) {
                    opencv_imgproc.circle(spot, new Point(200, 300), 40, new Scalar(60, 60, 60, 0), -1, 8, 0);
                    opencv_imgproc.GaussianBlur(spot, spot, new Size(61, 61), 0);
                    opencv_core.add(m, spot, m);
                }
            }
        });
        assertThat(run.events()).isEmpty();
    }

    /** A flame: a jagged polygon that changes every frame and grows, yellow at the core, orange outside. */
    static void flame(Mat m, double t, Random rnd, double cx, double baseY) {
        double size = 20 + 3 * t;
        var outer = new java.util.ArrayList<Point>();
        for (int k = 0; k <= 12; k++) {
            double a = Math.PI * k / 12;
            double r = size * (0.6 + 0.6 * rnd.nextDouble()) * (k > 3 && k < 9 ? 1.8 : 1);
            outer.add(new Point((int) (cx - Math.cos(a) * size * 0.8), (int) (baseY - Math.sin(a) * r)));
        }
        try (MatVector pv = new MatVector(1); Mat pts = new Mat(outer.size(), 1, opencv_core.CV_32SC2)) {
            var idx = pts.<org.bytedeco.javacpp.indexer.IntIndexer>createIndexer();
            for (int i = 0; i < outer.size(); i++) {
                idx.put(i, 0, 0, outer.get(i).x());
                idx.put(i, 0, 1, outer.get(i).y());
            }
            idx.close();
            pv.put(0, pts);
            opencv_imgproc.fillPoly(m, pv, new Scalar(20, 110, 240, 0));
        }
        opencv_imgproc.ellipse(m, new Point((int) cx, (int) (baseY - size * 0.4)), new Size((int) (size * 0.3), (int) (size * (0.4 + 0.3 * rnd.nextDouble()))),
                0, 0, 360, new Scalar(60, 200, 250, 0), -1, 8, 0);
    }

    @Test
    void aFlickeringGrowingFlameIsFire() {
        var rnd = new Random(7);
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 10, (t, m) -> flame(m, t, rnd, 300, 300));
        var starts = run.starts(EventType.FIRE);
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isLessThan(5.0);
    }

    @Test
    void aFireWhoseFlamesSplitAndWhoseFlickerPausesIsOneEpisode() {
        var rnd = new Random(11);
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 30, (t, m) -> {
            // two tongues of one fire; from 10 s to 14 s they hold still (a flame's flicker comes and goes)
            boolean still = t >= 10 && t < 14;
            double at = still ? 10 : t;
            Random shape = still ? new Random(5) : rnd;
            flame(m, at, shape, 290, 300);
            flame(m, at, shape, 350, 300);
        });
        var starts = run.starts(EventType.FIRE);
        assertThat(starts).hasSize(1);
        var ends = run.of(EventType.FIRE).stream()
                .filter(e -> "end".equals(e.attributes().findText("phase").orElse(""))).toList();
        assertThat(ends).hasSize(1);
        assertThat(ends.get(0).attributes().findNumber("offset_s").orElseThrow()).isGreaterThan(29.0);
    }

    @Test
    void twoFiresFarApartAreTwoEpisodesAndAFireThatGoesOutEnds() {
        var left = new Random(3);
        var right = new Random(4);
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 25, (t, m) -> {
            flame(m, Math.min(t, 6), left, 110, 300);
            if (t < 8) {
                flame(m, t, right, 520, 300); // put out at 8 s
            }
        });
        var starts = run.starts(EventType.FIRE);
        assertThat(starts).hasSize(2);
        var ends = run.of(EventType.FIRE).stream()
                .filter(e -> "end".equals(e.attributes().findText("phase").orElse(""))).toList();
        assertThat(ends).hasSize(2);
        // the fire on the right ends where it went out (last seen just before 8 s), not at the end of the stream
        assertThat(ends).anySatisfy(e -> {
            assertThat(e.attributes().findNumber("box_x").orElseThrow()).isGreaterThan(0.6);
            assertThat(e.attributes().findNumber("offset_s").orElseThrow()).isBetween(7.0, 8.0);
        });
    }

    @Test
    void onAMonochromePictureFireSaysItCannotSeeInsteadOfStayingSilent() {
        var rnd = new Random(7);
        // a camera in infrared night mode: the same flame, in grey
        var night = Scene.run(Scene.camera(CameraLayout.EMPTY), 6, (t, m) -> {
            flame(m, t, rnd, 300, 300);
            try (Mat grey = new Mat()) {
                opencv_imgproc.cvtColor(m, grey, opencv_imgproc.COLOR_BGR2GRAY);
                opencv_imgproc.cvtColor(grey, m, opencv_imgproc.COLOR_GRAY2BGR);
            }
        });
        assertThat(night.of(EventType.FIRE)).isEmpty();
        assertThat(night.pipeline().unavailableRules()).hasEntrySatisfying("fire", why -> assertThat(why).contains("monochrome"));
        assertThat(night.pipeline().blindness().get("fire").frames()).isEqualTo(30);

        var day = Scene.run(Scene.camera(CameraLayout.EMPTY), 6, (t, m) -> flame(m, t, rnd, 300, 300));
        assertThat(day.pipeline().unavailableRules()).doesNotContainKey("fire");
        assertThat(day.pipeline().blindness().values()).noneMatch(b -> b.reason().contains("monochrome"));
    }

    @Test
    void aBlinkingOrangeSignAndASteadyLampAreNotFire() {
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 30, (t, m) -> {
            // a pharmacy-style sign blinking on and off every 0.4 s, and one switching every second
            if (((int) (t.doubleValue() / 0.4)) % 2 == 0) {
                Scene.box(m, 100, 60, 60, 30, new Scalar(20, 120, 250, 0));
            }
            if (((int) t.doubleValue()) % 2 == 0) {
                opencv_imgproc.circle(m, new Point(500, 80), 14, new Scalar(10, 140, 255, 0), -1, 8, 0);
            }
            // a sodium street lamp, always on
            opencv_imgproc.circle(m, new Point(320, 50), 18, new Scalar(40, 160, 250, 0), -1, 8, 0);
        });
        assertThat(run.of(EventType.FIRE)).isEmpty();
    }

    @Test
    void anOchreFacadeInChangingLightIsNotFireButAFireInFrontOfItIs() {
        // A sunlit ochre wall whose red sits at the edge of the flame range while the light rises and falls: the
        // camera's noise flips its pixels in and out of the mask in every frame, a partial change like a flame's.
        // Its pixels change by the noise; a flame's edge changes by its whole contrast.
        BiConsumer<Double, Mat> facade = (t, m) -> {
            double light = 1 + 0.012 * Math.sin(2 * Math.PI * t / 20);
            Scene.box(m, 120, 30, 400, 100, new Scalar(55 * light, 115 * light, 170 * light, 0));
        };
        var noise = new Random(3);
        var wall = Scene.run(Scene.camera(CameraLayout.EMPTY), 40, (t, m) -> {
            facade.accept(t, m);
            sensorNoise(m, noise);
        });
        assertThat(wall.of(EventType.FIRE)).isEmpty();

        var rnd = new Random(7);
        var burning = Scene.run(Scene.camera(CameraLayout.EMPTY), 12, (t, m) -> {
            facade.accept(t, m);
            flame(m, t, rnd, 320, 345); // below the wall, never reaching it
            sensorNoise(m, noise);
        });
        assertThat(burning.starts(EventType.FIRE)).hasSize(1);
    }

    /** Gaussian noise of a camera sensor (σ = 4 levels) over the whole picture. */
    static void sensorNoise(Mat m, Random rnd) {
        try (Mat noise = new Mat(m.size(), opencv_core.CV_16SC3);
             Mat wide = new Mat();
             Mat mean = new Mat(1, 1, opencv_core.CV_64F, new Scalar(0));
             Mat sigma = new Mat(1, 1, opencv_core.CV_64F, new Scalar(4))) {
            opencv_core.setRNGSeed(rnd.nextInt());
            opencv_core.randn(noise, mean, sigma);
            m.convertTo(wide, opencv_core.CV_16SC3);
            opencv_core.add(wide, noise, wide);
            wide.convertTo(m, opencv_core.CV_8UC3);
        }
    }

    @Test
    void aWalkerInAnOrangeCoatIsNotFire() {
        // an orange coat (a high-visibility vest would do the same) crossing the frame, arms swinging: its mask
        // changes partly from frame to frame, as a flame's does, but it goes somewhere
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 20, (t, m) -> {
            double x = 20 + 30 * t;
            double swing = 8 * Math.sin(t * 2 * Math.PI);
            Scalar coat = new Scalar(40, 130, 235, 0);
            opencv_imgproc.rectangle(m, new Point((int) x, 230), new Point((int) x + 22, 275), coat, -1, 8, 0);
            opencv_imgproc.line(m, new Point((int) x + 2, 235), new Point((int) (x + 2 - swing), 270), coat, 6, 8, 0);
            opencv_imgproc.line(m, new Point((int) x + 20, 235), new Point((int) (x + 20 + swing), 270), coat, 6, 8, 0);
            opencv_imgproc.line(m, new Point((int) x + 6, 275), new Point((int) (x + 6 + swing), 320), new Scalar(40, 30, 30, 0), 7, 8, 0);
            opencv_imgproc.line(m, new Point((int) x + 16, 275), new Point((int) (x + 16 - swing), 320), new Scalar(40, 30, 30, 0), 7, 8, 0);
        });
        assertThat(run.of(EventType.FIRE)).isEmpty();
    }

    /** Three persons walking back and forth across the frame in front of whatever is there. */
    static void passersBy(Mat m, double t) {
        for (int k = 0; k < 3; k++) {
            double x = ((k * 240 + 35 * t * (k % 2 == 0 ? 1 : -1)) % 700 + 700) % 700 - 30;
            Scene.person(m, x, 290 - 10 * k, 28, 110);
        }
    }

    @Test
    void peopleWalkingPastAnOrangeKioskAreNotFire() {
        // each passer-by hides part of the kiosk and uncovers it as they walk on: a partial change of its mask from
        // frame to frame, as a flame's, but where a person is (six false fires in a minute before)
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 60, (t, m) -> {
            opencv_imgproc.rectangle(m, new Point(300, 150), new Point(390, 230), new Scalar(40, 120, 230, 0), -1, 8, 0);
            passersBy(m, t);
        });
        assertThat(run.of(EventType.FIRE)).isEmpty();
    }

    @Test
    void aFireThatPeopleWalkPastIsStillFire() {
        var rnd = new Random(7);
        var run = Scene.run(Scene.camera(CameraLayout.EMPTY), 20, (t, m) -> {
            flame(m, Math.min(t, 8), rnd, 345, 230);
            passersBy(m, t);
        });
        var starts = run.starts(EventType.FIRE);
        assertThat(starts).hasSize(1);
        assertThat(starts.get(0).attributes().findNumber("offset_s").orElseThrow()).isLessThan(5.0);
    }

    static void wall(Mat m, double light) {
        for (int y = 40; y < 200; y += 12) {
            for (int x = 40 + (y / 12 % 2) * 10; x < 400; x += 20) {
                opencv_imgproc.rectangle(m, new Point(x, y), new Point(x + 18, y + 10),
                        new Scalar(70 * light, 90 * light, 150 * light, 0), -1, 8, 0);
            }
        }
    }

    static CameraLayout surfaces() {
        return new CameraLayout(List.of(), List.of(
                new Zone("mur", Zone.Kind.GRAFFITI_SURFACE, Scene.rect(40 / 640.0, 40 / 360.0, 400 / 640.0, 200 / 360.0)),
                new Zone("banc", Zone.Kind.FURNITURE, Scene.rect(450 / 640.0, 250 / 360.0, 600 / 640.0, 330 / 360.0))),
                List.of(), Optional.empty());
    }

    static void bench(Mat m, double light) {
        Scene.box(m, 460, 270, 130, 20, new Scalar(40 * light, 80 * light, 120 * light, 0));
        Scene.box(m, 470, 290, 10, 35, new Scalar(30 * light, 30 * light, 30 * light, 0));
        Scene.box(m, 570, 290, 10, 35, new Scalar(30 * light, 30 * light, 30 * light, 0));
    }

    /** Fourteen dark strokes sprayed across the wall of {@link #surfaces}, the same every time. */
    static void tags(Mat m) {
        var rnd = new Random(3);
        for (int i = 0; i < 14; i++) {
            opencv_imgproc.line(m, new Point(80 + rnd.nextInt(280), 60 + rnd.nextInt(120)),
                    new Point(80 + rnd.nextInt(280), 60 + rnd.nextInt(120)), new Scalar(20, 20, 20, 0), 6, 8, 0);
        }
    }

    @Test
    void newMarksOnAWallAreGraffitiAndAMissingBenchIsFurnitureDamage() {
        var run = Scene.run(Scene.camera(surfaces()), 20, (t, m) -> {
            wall(m, 1);
            if (t < 8) {
                bench(m, 1);
            }
            if (t > 6) {
                tags(m);
            }
        });
        assertThat(run.starts(EventType.GRAFFITI)).hasSize(1);
        assertThat(run.starts(EventType.GRAFFITI).get(0).attributes().findText("zone")).contains("mur");
        assertThat(run.starts(EventType.STREET_FURNITURE_DAMAGE)).hasSize(1);
        assertThat(run.starts(EventType.STREET_FURNITURE_DAMAGE).get(0).attributes().findText("zone")).contains("banc");
    }

    /** What a camera in infrared night mode sends: grey, and materials with other contrasts (here inverted). */
    static void infrared(Mat m) {
        try (Mat grey = new Mat()) {
            opencv_imgproc.cvtColor(m, grey, opencv_imgproc.COLOR_BGR2GRAY);
            opencv_core.bitwise_not(grey, grey);
            opencv_imgproc.cvtColor(grey, m, opencv_imgproc.COLOR_GRAY2BGR);
        }
    }

    @Test
    void aCameraSwitchingToInfraredIsNeitherGraffitiNorDamageAndMarksMadeAtNightAreStillFound() {
        var night = Scene.run(Scene.camera(surfaces()), 30, (t, m) -> {
            wall(m, 1);
            bench(m, 1);
            if (t >= 8) {
                infrared(m);
            }
        });
        assertThat(night.of(EventType.GRAFFITI)).isEmpty();
        assertThat(night.of(EventType.STREET_FURNITURE_DAMAGE)).isEmpty();
        assertThat(night.events()).as("nothing at all: the switch is no abandoned object either").isEmpty();

        var tagged = Scene.run(Scene.camera(surfaces()), 35, (t, m) -> {
            wall(m, 1);
            bench(m, 1);
            if (t > 18) {
                tags(m);
            }
            if (t >= 4) {
                infrared(m);
            }
        });
        assertThat(tagged.starts(EventType.GRAFFITI)).hasSize(1);
        assertThat(tagged.starts(EventType.GRAFFITI).get(0).attributes().findNumber("offset_s").orElseThrow()).isGreaterThan(18.0);
        assertThat(tagged.of(EventType.STREET_FURNITURE_DAMAGE)).isEmpty();
    }

    @Test
    void dusk_onAWallAndABenchIsNeitherGraffitiNorDamage() {
        var run = Scene.run(Scene.camera(surfaces()), 20, (t, m) -> {
            double light = 1 - 0.5 * Math.min(1, t / 10);
            wall(m, 1);
            bench(m, 1);
            m.convertTo(m, -1, light, 0);
        });
        assertThat(run.of(EventType.GRAFFITI)).isEmpty();
        assertThat(run.of(EventType.STREET_FURNITURE_DAMAGE)).isEmpty();
    }
}
