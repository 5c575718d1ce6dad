package org.vigie.vision.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class BackgroundModelsTest {
    private static final Rect SPOT = new Rect(20, 10, 10, 10);

    /** Bare ground (grey 130), with the spot at {@code spot}. */
    private static Mat frame(int spot) {
        Mat m = new Mat(36, 64, CV_8U, new Scalar(130));
        try (Mat s = new Mat(m, SPOT)) {
            s.put(new Scalar(spot));
        }
        return m;
    }

    @Test
    void aGhostOfTheFirstFrameIsNotConfirmedByFeetThatPassOverItAndMatchIt() {
        // The first frame has someone's legs (grey 100) on the spot, and people keep walking there: first brisk strides
        // (dark and bright in turn, always moving), then feet as dark as those legs every other frame, too close to the
        // short-term average of feet and ground to count as moving. Such a foot agrees with the ghost for a frame at a
        // time; that must not make the ghost the background, or the bare ground stands out as a left thing.
        try (var models = new BackgroundModels(5, 4, 900)) {
            models.update(frame(100));
            for (int i = 1; i < 30; i++) {
                models.update(frame(i % 2 == 1 ? 60 : 170));
            }
            for (int i = 30; i < 150; i++) {
                models.update(frame(i % 2 == 0 ? 100 : 130));
            }
            Mat last = frame(130); // bare ground, nobody there
            models.update(last);
            try (Mat spot = new Mat(models.stationary(), SPOT)) {
                assertThat(countNonZero(spot)).as("bare ground taken for a left thing").isZero();
            }
        }
    }

    @Test
    void aThingLeftOnGroundSeenQuietlyForASecondIsStillFound() {
        try (var models = new BackgroundModels(5, 4, 900)) {
            for (int i = 0; i < 40; i++) {
                models.update(frame(130)); // 8 s of empty ground: confirmed
            }
            for (int i = 0; i < 40; i++) {
                models.update(frame(60)); // a dark bag put down, absorbed by the short-term model within seconds
            }
            try (Mat spot = new Mat(models.stationary(), SPOT)) {
                assertThat(countNonZero(spot)).isGreaterThan(50);
            }
        }
    }
}
