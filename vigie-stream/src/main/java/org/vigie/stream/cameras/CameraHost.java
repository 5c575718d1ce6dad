package org.vigie.stream.cameras;

/**
 * What a video worker does with the cameras the group gives it. The app runs its video pipeline here; this module
 * knows only camera ids and their files (YAML text), so it depends on no video code.
 *
 * <p>A {@link CameraWorker} calls its host from its one polling thread, one call at a time, so a host needs no
 * locking for these calls. A call should return promptly (start the camera's own threads and return): while it runs
 * the worker does not poll, and a worker that has not polled for {@code max.poll.interval.ms} (5 minutes) loses its
 * cameras to the others.
 */
public interface CameraHost {
    /**
     * Starts a camera this worker now owns. Called once per ownership: a camera is stopped before it is started
     * again with a new file.
     *
     * @param cameraFile the camera's latest configuration file, YAML text
     * @throws RuntimeException when the camera cannot start (its file is invalid, its stream does not open); the
     *                          worker reports the camera as failed and tries again on its next file or reassignment
     */
    void start(String cameraId, String cameraFile);

    /**
     * Stops a camera this worker no longer owns, or whose file changed. When the worker loses its partitions
     * without a clean rebalance (its session expired), another worker may already have started the camera.
     */
    void stop(String cameraId);
}
