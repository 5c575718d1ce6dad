package org.vigie.server.cameras;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cameras the console shows and edits: where they are, what they saw last, and the zones and direction lines
 * their scene rules watch. The video workers own the real cameras; an adapter exposes them here. Replacing a
 * layout applies to the running camera at once, without a restart.
 */
public interface CameraDirectory {

    List<Camera> cameras();

    default Optional<Camera> find(String id) {
        return cameras().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The latest (already blurred) image of the camera, or empty when it has sent none yet. */
    Optional<Snapshot> latestSnapshot(String id);

    /** @throws java.util.NoSuchElementException when there is no such camera */
    CameraLayout layout(String id);

    /**
     * Makes {@code layout} the camera's layout from now on, and writes it where the camera is configured when it
     * can, so that a restart keeps it.
     *
     * @return whether the layout was also written down; it applies to the running camera either way
     * @throws java.util.NoSuchElementException when there is no such camera
     */
    Saved replaceLayout(String id, CameraLayout layout);

    /**
     * @param persisted whether a restart keeps the layout
     * @param note      why not, or where it was written, for the person who edited it
     */
    record Saved(boolean persisted, String note) {
        public static Saved written(String where) {
            return new Saved(true, "written to " + where);
        }

        public static Saved notPersisted(String why) {
            return new Saved(false, why);
        }
    }

    record Camera(String id, String name, double lat, double lon) {
        public Camera {
            if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("camera id must be 1..64 letters, digits, '.', '_' or '-', got " + id);
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("camera " + id + " needs a name");
            }
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException("camera " + id + " has an impossible position " + lat + ", " + lon);
            }
        }
    }

    record Snapshot(String mediaType, byte[] bytes, Instant capturedAt) {
    }
}
