package org.vigie.vision.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vigie.vision.eval.MotLabels;
import org.vigie.vision.geom.Box;
import org.vigie.vision.source.FfmpegFrameSource;

/** Persons are pixelated in evidence: on the real TUD-Campus street with its ground-truth person boxes. */
class PixelationOnTudCampusTest {
    static final Path DATA = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/video/mot15/TUD-Campus");

    @Test
    void detailInsidePersonBoxesCollapsesAndTheRestOfTheImageIsKept() throws Exception {
        var labels = MotLabels.read(DATA.resolve("gt/gt.txt"));
        int checked = 0;
        double detailBefore = 0;
        double detailAfter = 0;
        try (var source = new FfmpegFrameSource(DATA.resolve("TUD-Campus.mp4").toString(),
                FfmpegFrameSource.Settings.defaults().withAnalysisFps(5).withSkipNonReference(false), InstantSource.system(), d -> { })) {
            for (var f = source.next(); f.isPresent(); f = source.next()) {
                Mat raw = f.get().image();
                List<Box> persons = labels.boxes((int) f.get().index() + 1);
                if (persons.isEmpty()) {
                    continue;
                }
                byte[] jpeg = Snapshots.blurredJpeg(raw, persons, 1.0, 90);
                try (Mat out = opencv_imgcodecs.imdecode(new Mat(new BytePointer(jpeg)), opencv_imgcodecs.IMREAD_COLOR)) {
                    assertThat(out.cols()).isEqualTo(raw.cols());
                    Mat rawGrey = grey(raw);
                    Mat outGrey = grey(out);
                    var inside = new boolean[raw.rows()][raw.cols()];
                    for (Box b : persons) {
                        Box c = b.clip(raw.cols(), raw.rows());
                        for (int y = (int) c.y(); y < (int) c.bottom(); y++) {
                            for (int x = (int) c.x(); x < (int) c.right(); x++) {
                                inside[y][x] = true;
                            }
                        }
                        // fine detail (share of neighbours differing by more than 6 grey levels) inside the box;
                        // what remains after pixelation is the block borders (one column or row in ~20)
                        double before = detail(rawGrey, c);
                        double after = detail(outGrey, c);
                        if (before > 0.05) {
                            assertThat(after).as("detail inside %s", b).isLessThan(0.5 * before);
                        }
                        detailBefore += before;
                        detailAfter += after;
                    }
                    // outside every grown box, the image is the same up to JPEG noise
                    double diff = 0;
                    long n = 0;
                    try (UByteIndexer a = rawGrey.createIndexer(); UByteIndexer o = outGrey.createIndexer()) {
                        for (int y = 0; y < raw.rows(); y++) {
                            for (int x = 0; x < raw.cols(); x++) {
                                if (!nearInside(inside, x, y, 0.15 * raw.cols() / 6)) {
                                    diff += Math.abs(a.get(y, x) - o.get(y, x));
                                    n++;
                                }
                            }
                        }
                    }
                    assertThat(diff / n).isLessThan(3.0);
                    rawGrey.close();
                    outGrey.close();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(detailAfter).isLessThan(0.35 * detailBefore);
    }

    private static boolean nearInside(boolean[][] inside, int x, int y, double margin) {
        int m = (int) Math.ceil(margin);
        for (int dy = -m; dy <= m; dy += Math.max(1, m)) {
            for (int dx = -m; dx <= m; dx += Math.max(1, m)) {
                int yy = y + dy;
                int xx = x + dx;
                if (yy >= 0 && yy < inside.length && xx >= 0 && xx < inside[0].length && inside[yy][xx]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Mat grey(Mat bgr) {
        Mat g = new Mat();
        opencv_imgproc.cvtColor(bgr, g, opencv_imgproc.COLOR_BGR2GRAY);
        return g;
    }

    static double detail(Mat g, Box b) {
        double s = 0;
        long n = 0;
        try (UByteIndexer i = g.createIndexer()) {
            for (int y = (int) b.y(); y < (int) b.bottom(); y++) {
                for (int x = (int) b.x() + 1; x < (int) b.right(); x++) {
                    s += Math.abs(i.get(y, x) - i.get(y, x - 1)) > 6 ? 1 : 0;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : s / n;
    }
}
