package org.vigie.vision.pipeline;

import java.util.List;
import java.util.Optional;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraLayout;

/**
 * The cameras running on this node, as the console sees them: their layout (editable live), a blurred picture to
 * draw zones on, and their health. Implementations are thread-safe.
 */
public interface CameraFleet {

    List<CameraConfig> cameras();

    /** The layout in force, or empty for an unknown camera. */
    Optional<CameraLayout> layout(String cameraId);

    /**
     * Replaces the layout of a running camera; it applies from the next analysed frame, without restart.
     *
     * @return false when no such camera runs
     */
    boolean replaceLayout(String cameraId, CameraLayout layout);

    /** The latest snapshot as JPEG with persons pixelated, or empty before the first frame. Never a raw frame. */
    Optional<byte[]> latestSnapshot(String cameraId);

    Optional<CameraHealth> health(String cameraId);

    /** Recent anonymous counts per minute (per counting zone and line), oldest first; empty for an unknown camera. */
    List<CountSample> counts(String cameraId);
}
