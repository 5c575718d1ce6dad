package org.vigie.vision.rules;

import java.time.Instant;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigie.vision.camera.CameraLayout;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.geom.Box;
import org.vigie.vision.motion.BackgroundModels;
import org.vigie.vision.track.Track;

/**
 * Everything the rules may look at for one analysed frame. Boxes are in pixels of the analysis frame
 * ({@code width} x {@code height}); zones and lines are normalised, hence {@link #nx}/{@link #ny}.
 * The images are only valid during the call.
 *
 * @param motionScale     analysis pixels per pixel of the background models' small frame
 * @param extraDetections detections of optional models (weapons), in analysis pixels
 * @param monochrome      the picture has no colour (see {@link PictureMode}), e.g. a camera in infrared night mode
 */
public record SceneFrame(double t, Instant at, double fps, int width, int height, Mat bgr, Mat grey,
                         BackgroundModels background, double motionScale, List<Box> motion, List<Box> stationary,
                         List<Track> tracks, List<Detection> extraDetections, CameraLayout layout, boolean monochrome) {

    public double nx(double x) {
        return x / width;
    }

    public double ny(double y) {
        return y / height;
    }

    public static boolean isPerson(Track t) {
        return t.label().equals("person");
    }

    public static boolean isVehicle(Track t) {
        return switch (t.label()) {
            case "car", "truck", "bus", "motorcycle", "motorbike", "bicycle", "van", "vehicle" -> true;
            default -> false;
        };
    }
}
