package org.vigie.stream.cameras;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignedCamerasTest {
    private final RecordingHost host = new RecordingHost(file -> file.contains("broken"));
    private final AssignedCameras cameras = new AssignedCameras("w1", host);

    @Test
    void aLoadingPartitionStartsOnlyEachCamerasLatestFileOnceLoaded() {
        cameras.loading(3);
        cameras.record(3, "a", "a1");
        cameras.record(3, "b", "b1");
        cameras.record(3, "a", "a2");
        cameras.record(3, "b", null);
        cameras.record(3, "c", "c1");
        assertThat(host.calls()).isEmpty();

        cameras.loaded(3);

        assertThat(host.running).isEqualTo(Map.of("a", "a2", "c", "c1"));
        assertThat(host.calls()).hasSize(2);
        assertThat(cameras.running()).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void aNewFileRestartsTheSameFileDoesNotATombstoneStopsANewCameraStarts() {
        cameras.loading(0);
        cameras.record(0, "a", "a1");
        cameras.loaded(0);

        cameras.record(0, "a", "a2");
        cameras.record(0, "a", "a2");
        cameras.record(0, "b", "b1");
        cameras.record(0, "a", null);

        assertThat(host.calls()).containsExactly("start a a1", "stop a", "start a a2", "start b b1", "stop a");
        assertThat(cameras.running()).containsExactly("b");
        assertThat(host.broken).isEmpty();
    }

    @Test
    void aCameraThatFailsToStartIsReportedAndTriedAgainOnItsNextFile() {
        cameras.loading(0);
        cameras.record(0, "a", "a broken");
        cameras.record(0, "b", "b1");
        cameras.loaded(0);

        assertThat(cameras.failed()).isEqualTo(Map.of("a", "camera a: stream does not open"));
        assertThat(cameras.running()).containsExactly("b");
        assertThat(cameras.startFailures()).isEqualTo(1);

        cameras.record(0, "a", "a fixed");

        assertThat(cameras.failed()).isEmpty();
        assertThat(host.running).containsEntry("a", "a fixed");
    }

    @Test
    void aRunningCameraWhoseNewFileFailsIsStoppedAndReported() {
        cameras.loading(0);
        cameras.record(0, "a", "a1");
        cameras.loaded(0);

        cameras.record(0, "a", "a broken");

        assertThat(cameras.running()).isEmpty();
        assertThat(cameras.failed()).containsKey("a");
        cameras.record(0, "a", null);
        assertThat(cameras.failed()).isEmpty();
        assertThat(host.broken).isEmpty();
    }

    @Test
    void aRemovedPartitionStopsOnlyItsCamerasAndForgetsItsFailures() {
        cameras.loading(0);
        cameras.record(0, "a", "a1");
        cameras.record(0, "x", "x broken");
        cameras.loaded(0);
        cameras.loading(1);
        cameras.record(1, "b", "b1");
        cameras.loaded(1);

        cameras.removed(0);

        assertThat(cameras.running()).containsExactly("b");
        assertThat(cameras.failed()).isEmpty();
        assertThat(host.running).containsOnlyKeys("b");

        cameras.removeAll();

        assertThat(cameras.running()).isEmpty();
        assertThat(cameras.started()).isEqualTo(2);
        assertThat(cameras.stopped()).isEqualTo(2);
        assertThat(host.broken).isEmpty();
    }

    @Test
    void aPartitionRemovedBeforeItLoadedStartsNothing() {
        cameras.loading(0);
        cameras.record(0, "a", "a1");
        cameras.removed(0);

        assertThat(host.calls()).isEmpty();
    }

    @Test
    void aHostThatThrowsOnStopStillLosesTheCamera() {
        var stubborn = new CameraHost() {
            @Override
            public void start(String cameraId, String cameraFile) {
            }

            @Override
            public void stop(String cameraId) {
                throw new IllegalStateException("pipeline stuck");
            }
        };
        var owned = new AssignedCameras("w1", stubborn);
        owned.loading(0);
        owned.record(0, "a", "a1");
        owned.loaded(0);

        owned.removed(0);

        assertThat(owned.running()).isEmpty();
        assertThat(owned.stopped()).isEqualTo(1);
        assertThat(owned.failed()).isEmpty();
    }
}
