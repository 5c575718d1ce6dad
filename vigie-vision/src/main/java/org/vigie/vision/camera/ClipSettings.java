package org.vigie.vision.camera;

/**
 * Video evidence around an event: the last {@code preSeconds} before it (kept in memory, already pixelated and
 * JPEG-compressed) and {@code postSeconds} after it, written as one WebM clip next to the snapshot.
 */
public record ClipSettings(boolean enabled, double preSeconds, double postSeconds) {
    public static ClipSettings defaults() {
        return new ClipSettings(true, 5, 5);
    }
}
