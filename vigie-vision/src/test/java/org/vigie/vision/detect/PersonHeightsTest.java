package org.vigie.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vigie.vision.geom.Box;

class PersonHeightsTest {
    /** A camera whose horizon is at row 100: a person with feet at row y is 0.5 (y − 100) pixels tall. */
    private static double trueHeight(double footRow) {
        return 0.5 * (footRow - 100);
    }

    private static Box person(double footRow, double height) {
        return new Box(300, footRow - height, height / 2.5, height);
    }

    @Test
    void learnsTheGroundLineFromNoisyDetectionsAndIgnoresOutliers() {
        var rnd = new SplittableRandom(7);
        var heights = new PersonHeights();
        for (int i = 0; i < 300; i++) {
            double foot = 200 + 270 * rnd.nextDouble();
            double h = i % 5 == 0 ? 20 + 280 * rnd.nextDouble() // one in five is a false detection of any size
                    : trueHeight(foot) * Math.exp(0.04 * gaussian(rnd));
            heights.observe(person(foot, h));
        }
        assertThat(heights.learned()).isTrue();
        assertThat(heights.line(400)).isCloseTo(150, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(heights.describe()).matches("0\\.\\d\\d × \\(foot row − \\d+\\) px, 0\\.\\d\\d to 1\\.\\d\\d times that, from 256 detections");

        // A 150 px person stands around row 400, not at row 300 (where persons are 100 px tall) nor at 600.
        PersonHeights.Rows tall = heights.feetRows(150);
        assertThat(tall.from()).isLessThan(400).isGreaterThan(300);
        assertThat(tall.to()).isGreaterThan(450).isLessThan(600);
        // A child of 0.75 the height of an adult standing there is still plausible; half of it is not.
        assertThat(heights.feetRows(0.75 * 150).from()).isLessThanOrEqualTo(400);
        assertThat(heights.feetRows(0.75 * 150).to()).isGreaterThanOrEqualTo(400);
        assertThat(heights.feetRows(0.5 * 150).to()).isLessThan(400);
        // Nobody stands above the horizon, however small.
        assertThat(heights.feetRows(5).from()).isGreaterThan(100);
    }

    @Test
    void saysNothingBeforeItHasEnoughSamples() {
        var heights = new PersonHeights();
        for (int i = 0; i < PersonHeights.MIN_SAMPLES - 1; i++) {
            double foot = 200 + 7 * i;
            heights.observe(person(foot, trueHeight(foot)));
        }
        assertThat(heights.learned()).isFalse();
        assertThat(heights.feetRows(100)).isNull();
        double foot = 450;
        heights.observe(person(foot, trueHeight(foot)));
        assertThat(heights.learned()).isTrue();
    }

    @Test
    void heightsThatDoNotFollowTheRowsTeachNothing() {
        var rnd = new SplittableRandom(11);
        var heights = new PersonHeights();
        for (int i = 0; i < 300; i++) {
            heights.observe(person(150 + 330 * rnd.nextDouble(), 40 + 260 * rnd.nextDouble()));
        }
        assertThat(heights.learned()).isFalse();
        assertThat(heights.feetRows(100)).isNull();
    }

    @Test
    void feetAllOnOneRowGiveNoSlopeToLearn() {
        var heights = new PersonHeights();
        for (int i = 0; i < 100; i++) {
            heights.observe(person(400 + (i % 3), 150 + (i % 7)));
        }
        assertThat(heights.learned()).isFalse();
    }

    @Test
    void theLineFollowsWhenTheCameraIsMoved() {
        var heights = new PersonHeights();
        for (int i = 0; i < 300; i++) {
            double foot = 200 + (i * 37) % 270;
            heights.observe(person(foot, trueHeight(foot)));
        }
        assertThat(heights.line(400)).isCloseTo(150, org.assertj.core.data.Percentage.withPercentage(2));
        // Zoomed in twice: a full ring of new samples replaces the old line.
        for (int i = 0; i < PersonHeights.CAPACITY; i++) {
            double foot = 200 + (i * 37) % 270;
            heights.observe(person(foot, 2 * trueHeight(foot)));
        }
        assertThat(heights.line(400)).isCloseTo(300, org.assertj.core.data.Percentage.withPercentage(2));

        // Told the view changed, it forgets at once and learns again from scratch.
        heights.forget();
        assertThat(heights.learned()).isFalse();
        assertThat(heights.feetRows(150)).isNull();
        assertThat(heights.describe()).isNull();
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
