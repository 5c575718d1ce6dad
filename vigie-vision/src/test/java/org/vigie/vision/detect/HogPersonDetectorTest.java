package org.vigie.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.vision.eval.MotLabels;
import org.vigie.vision.eval.Scores;
import org.vigie.vision.geom.Box;
import org.vigie.vision.source.FfmpegFrameSource;

/** HOG on the real pedestrians of TUD-Campus (640×480, persons 120–310 px tall). */
class HogPersonDetectorTest {
    private static final Path TUD = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/video/mot15/TUD-Campus");
    private static final List<Mat> FRAMES = new ArrayList<>();
    private static MotLabels labels;

    @BeforeAll
    static void readFrames() throws Exception {
        labels = MotLabels.read(TUD.resolve("gt/gt.txt"));
        try (var source = new FfmpegFrameSource(TUD.resolve("TUD-Campus.mp4").toString(), FfmpegFrameSource.Settings.defaults()
                .withAnalysisFps(1000).withSkipNonReference(false), InstantSource.system(), d -> { })) {
            for (var f = source.next(); f.isPresent(); f = source.next()) {
                FRAMES.add(f.get().image().clone());
            }
        }
        assertThat(FRAMES).hasSize(71);
    }

    @AfterAll
    static void release() {
        FRAMES.forEach(Mat::close);
        FRAMES.clear();
    }

    private static List<Box> whole(Mat frame) {
        return List.of(new Box(0, 0, frame.cols(), frame.rows()));
    }

    /**
     * The banded search is OpenCV's pyramid searched in part: with bands as wide as every level it must find exactly
     * what {@code detectMultiScale} finds (same windows, same scores, same grouping).
     */
    @Test
    void bandsCoveringEveryRowFindExactlyWhatTheWholePyramidFinds() {
        var everywhere = PersonHeights.line(0, 1, 1e-9, 1e9);
        try (var pyramid = new HogPersonDetector(0, 24, null, 1);
             var banded = new HogPersonDetector(0, 24, everywhere, Integer.MAX_VALUE)) {
            banded.detect(FRAMES.get(0), whole(FRAMES.get(0))); // the first call of a learning detector searches everything
            int found = 0;
            for (int i = 10; i < 71; i += 15) {
                Mat frame = FRAMES.get(i);
                var expected = sorted(pyramid.detect(frame, whole(frame)));
                var actual = sorted(banded.detect(frame, whole(frame)));
                assertThat(actual).as("frame %d", i + 1).isEqualTo(expected);
                found += actual.size();
            }
            assertThat(found).isGreaterThan(5);
        }
    }

    /**
     * Learning how tall persons are at each row, the detector searches about half of what the whole pyramid costs
     * once it has learned, and finds the annotated persons as well (IoU 0.5): the windows it skips could only have held
     * persons of impossible sizes there.
     */
    @Test
    void learnedHeightsSearchLessAndFindTheAnnotatedPersonsAsWell() {
        try (var pyramid = new HogPersonDetector(0, 24, null, 1); var learning = new HogPersonDetector()) {
            Scores everywhere = new Scores(0, 0, 0, 0);
            Scores learned = new Scores(0, 0, 0, 0);
            long pyramidBefore = 0;
            long learningBefore = 0;
            for (int i = 0; i < FRAMES.size(); i++) {
                Mat frame = FRAMES.get(i);
                var a = pyramid.detect(frame, whole(frame));
                var b = learning.detect(frame, whole(frame));
                if (i == 20) { // both have learned by now (the bands are used from the 40th confident detection on)
                    pyramidBefore = pyramid.searchedPixels();
                    learningBefore = learning.searchedPixels();
                }
                if (i >= 20) {
                    List<Box> truth = labels.boxes(i + 1);
                    everywhere = everywhere.plus(Scores.match(boxes(a), truth, 0.5));
                    learned = learned.plus(Scores.match(boxes(b), truth, 0.5));
                }
            }
            long pyramidPixels = pyramid.searchedPixels() - pyramidBefore;
            long learningPixels = learning.searchedPixels() - learningBefore;
            System.out.printf("TUD-Campus frames 21-71, whole frame: pyramid P=%.3f R=%.3f %d px; learned heights P=%.3f "
                            + "R=%.3f %d px; %s%n", everywhere.precision(), everywhere.recall(), pyramidPixels, learned.precision(),
                    learned.recall(), learningPixels, learning.learned());
            assertThat(learningPixels).isLessThan(pyramidPixels * 6 / 10);
            assertThat(learning.learned()).as("what its camera's health shows").startsWith("person height 1.");
            assertThat(pyramid.learned()).isNull();
            assertThat(learned.recall()).isGreaterThanOrEqualTo(everywhere.recall() - 0.01);
            assertThat(learned.precision()).isGreaterThanOrEqualTo(everywhere.precision() - 0.01);
        }
    }

    @Test
    void withoutLearningEverySearchCoversThePyramid() {
        try (var pyramid = new HogPersonDetector(0, 24, null, 1); var off = new HogPersonDetector(false)) {
            for (int i = 0; i < 71; i += 10) {
                Mat frame = FRAMES.get(i);
                assertThat(sorted(off.detect(frame, whole(frame)))).isEqualTo(sorted(pyramid.detect(frame, whole(frame))));
            }
            assertThat(off.searchedPixels()).isEqualTo(pyramid.searchedPixels());
        }
    }

    private static List<Box> boxes(List<Detection> ds) {
        return ds.stream().map(Detection::box).toList();
    }

    private static List<Detection> sorted(List<Detection> ds) {
        return ds.stream().sorted(Comparator.comparingDouble((Detection d) -> d.box().x()).thenComparingDouble(d -> d.box().y()))
                .toList();
    }
}
