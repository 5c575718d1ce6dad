package org.vigie.vision.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class PictureModeTest {
    @Test
    void greyIsMonochromeAndASmallColouredThingMakesAColourPicture() {
        try (Mat m = new Mat(360, 640, CV_8UC3, new Scalar(90, 92, 91, 0))) {
            // grey with texture, as an infrared frame: channels within the compression's 2 or 3 levels
            opencv_imgproc.rectangle(m, new Point(100, 100), new Point(300, 200), new Scalar(200, 202, 201, 0), -1, 8, 0);
            assertThat(PictureMode.monochrome(m)).isTrue();
            // a red sign of 24 x 24 pixels: 0.25 % of the picture
            opencv_imgproc.rectangle(m, new Point(500, 40), new Point(524, 64), new Scalar(30, 30, 200, 0), -1, 8, 0);
            assertThat(PictureMode.monochrome(m)).isFalse();
        }
        try (Mat empty = new Mat()) {
            assertThat(PictureMode.monochrome(empty)).isFalse();
        }
    }
}
