package org.vigie.stream.cameras;

import java.time.Duration;
import org.vigie.stream.Topics;

/**
 * A camera worker in a JVM of its own, so that a test can kill it the way a machine dies: no leave, no more
 * heartbeats. (A worker abandoned inside the test JVM would not do: its consumer's heartbeat thread would keep it
 * in the group.) It prints each host call on standard output as {@code CAMERA started <id> <file>} or
 * {@code CAMERA stopped <id>}, with the file's line breaks written {@code \n}.
 *
 * <p>Arguments: bootstrap servers, worker id, session timeout and heartbeat interval in milliseconds.
 */
public final class CameraWorkerProcess {
    private CameraWorkerProcess() {
    }

    public static void main(String[] args) {
        var settings = CameraWorker.Settings.of(args[0], args[1])
                .withTimeouts(Duration.ofMillis(Long.parseLong(args[2])), Duration.ofMillis(Long.parseLong(args[3])));
        var host = new CameraHost() {
            @Override
            public void start(String cameraId, String cameraFile) {
                print("CAMERA started " + cameraId + " " + cameraFile.replace("\n", "\\n"));
            }

            @Override
            public void stop(String cameraId) {
                print("CAMERA stopped " + cameraId);
            }
        };
        var worker = new CameraWorker(new Topics(Topics.Sizes.SINGLE_BROKER).cameras(), settings, host);
        // The polling thread keeps this JVM alive until it is killed.
        worker.start();
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
