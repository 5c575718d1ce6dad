package org.vigie.stream.cameras;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.stream.EmbeddedKafka;
import org.vigie.stream.Topics;

class CameraWorkerTest {
    private static final int PARTITIONS = 12;
    private static final Duration SESSION = Duration.ofSeconds(2);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);

    private final Topics topics = new Topics(new Topics.Sizes(1, 1, 1, PARTITIONS, (short) 1));
    private EmbeddedKafka kafka;
    private CameraCatalog catalog;

    @BeforeEach
    void start() throws Exception {
        kafka = new EmbeddedKafka();
        try (Admin admin = kafka.admin()) {
            topics.ensure(admin);
        }
        catalog = new CameraCatalog(topics.cameras(), kafka.bootstrapServers());
    }

    @AfterEach
    void stop() throws Exception {
        catalog.close();
        kafka.close();
    }

    @Test
    void twoWorkersShareTheCamerasAndOneThatLeavesHandsItsCamerasToTheOther() {
        // Eight cameras on eight partitions: the group gives each worker six of the twelve, so both get cameras.
        Map<String, String> files = publish(camerasOnDistinctPartitions(8));
        var host1 = new RecordingHost();
        var host2 = new RecordingHost();
        var w1 = worker("w1", host1);
        try (var w2 = worker("w2", host2)) {
            w1.start();
            Eventually.holds(() -> assertThat(host1.running).isEqualTo(files));
            w2.start();
            Eventually.holds(() -> {
                assertThat(host1.running).isNotEmpty();
                assertThat(host2.running).isNotEmpty();
                var both = new HashMap<>(host1.running);
                both.putAll(host2.running);
                assertThat(both).isEqualTo(files);
                assertThat(host1.running.size() + host2.running.size()).isEqualTo(files.size());
                assertThat(w1.runningCameras()).isEqualTo(host1.running.keySet());
                assertThat(w2.runningCameras()).isEqualTo(host2.running.keySet());
            });
            // A rebalance moves only what must move: the cameras that stayed on w1 were started once.
            for (String kept : host1.running.keySet()) {
                assertThat(host1.calls()).containsOnlyOnce("start " + kept + " " + files.get(kept));
            }
            String changed = host1.running.keySet().iterator().next();
            files.put(changed, file(changed, 2));
            catalog.publish(changed, files.get(changed));
            Eventually.holds(() -> assertThat(host1.running).containsEntry(changed, files.get(changed)));

            w1.close();

            assertThat(w1.isRunning()).isFalse();
            assertThat(w1.runningCameras()).isEmpty();
            assertThat(host1.running).isEmpty();
            Eventually.holds(() -> {
                assertThat(host2.running).isEqualTo(files);
                assertThat(w2.runningCameras()).isEqualTo(files.keySet());
            });
            assertThat(host2.calls()).noneMatch(call -> call.startsWith("stop"));
            assertThat(w2.counters().camerasStarted()).isEqualTo(files.size());
            assertThat(w2.counters().assignments()).isEqualTo(2);
            assertThat(host1.broken).isEmpty();
            assertThat(host2.broken).isEmpty();
        } finally {
            w1.close();
        }
    }

    @Test
    void theCamerasOfAWorkerThatDiesMoveToTheSurvivorWithTheirLatestFiles() throws Exception {
        Map<String, String> files = publish(camerasOnDistinctPartitions(8));
        var survivorHost = new RecordingHost();
        Map<String, String> doomedRunning = new ConcurrentHashMap<>();
        Process doomed = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), CameraWorkerProcess.class.getName(),
                kafka.bootstrapServers(), "doomed", String.valueOf(SESSION.toMillis()),
                String.valueOf(HEARTBEAT.toMillis()))
                .redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().start(() -> follow(doomed, doomedRunning));
        try (var survivor = worker("survivor", survivorHost)) {
            survivor.start();
            Eventually.holds(() -> {
                assertThat(doomedRunning).isNotEmpty();
                assertThat(survivorHost.running).isNotEmpty();
                var both = new HashMap<>(doomedRunning);
                both.putAll(survivorHost.running);
                assertThat(both).isEqualTo(files);
            });
            String changed = doomedRunning.keySet().iterator().next();
            files.put(changed, file(changed, 2));
            catalog.publish(changed, files.get(changed));
            Eventually.holds(() -> assertThat(doomedRunning).containsEntry(changed, files.get(changed)));

            doomed.destroyForcibly().waitFor();

            Eventually.holds(() -> assertThat(survivorHost.running).isEqualTo(files));
            assertThat(survivor.runningCameras()).isEqualTo(files.keySet());
            assertThat(survivorHost.broken).isEmpty();
        } finally {
            doomed.destroyForcibly();
        }
    }

    @Test
    void aNewFileRestartsItsCameraARemovalStopsItAndAFailedStartIsRetriedOnTheNextFile() {
        var host = new RecordingHost(file -> file.contains("broken"));
        catalog.publish("cam-a", file("cam-a", 1));
        catalog.publish("cam-b", file("cam-b", 1));
        try (var w = worker("w", host)) {
            w.start();
            Eventually.holds(() -> assertThat(host.running)
                    .isEqualTo(Map.of("cam-a", file("cam-a", 1), "cam-b", file("cam-b", 1))));

            catalog.publish("cam-a", file("cam-a", 2));
            catalog.remove("cam-b");
            catalog.publish("cam-c", file("cam-c", 1) + "\nbroken: yes");

            Eventually.holds(() -> {
                assertThat(host.running).isEqualTo(Map.of("cam-a", file("cam-a", 2)));
                assertThat(w.failedCameras()).isEqualTo(Map.of("cam-c", "camera cam-c: stream does not open"));
            });
            assertThat(host.calls()).containsSubsequence("stop cam-a", "start cam-a " + file("cam-a", 2));
            assertThat(host.calls()).contains("stop cam-b");
            assertThat(w.runningCameras()).containsExactly("cam-a");
            assertThat(w.isRunning()).isTrue();

            catalog.publish("cam-c", file("cam-c", 2));

            Eventually.holds(() -> assertThat(host.running).containsEntry("cam-c", file("cam-c", 2)));
            assertThat(w.failedCameras()).isEmpty();
            assertThat(w.counters()).isEqualTo(new CameraWorker.Counters(1, 4, 2, 1, 0));
            assertThat(host.broken).isEmpty();
        }
    }

    private CameraWorker worker(String id, CameraHost host) {
        return new CameraWorker(topics.cameras(),
                CameraWorker.Settings.of(kafka.bootstrapServers(), id).withTimeouts(SESSION, HEARTBEAT), host);
    }

    private Map<String, String> publish(List<String> cameraIds) {
        var files = new ConcurrentHashMap<String, String>();
        for (String id : cameraIds) {
            files.put(id, file(id, 1));
            catalog.publish(id, files.get(id));
        }
        return files;
    }

    private static String file(String cameraId, int version) {
        return "id: " + cameraId + "\nurl: rtsp://cameras.test/" + cameraId + "?v=" + version;
    }

    /** Camera ids whose records land on as many different partitions, by the producer's own partitioner. */
    private List<String> camerasOnDistinctPartitions(int count) {
        var byPartition = new TreeMap<Integer, String>();
        try (var keys = topics.cameras().keys().serializer()) {
            for (int i = 0; byPartition.size() < count; i++) {
                String id = "cam-%02d".formatted(i);
                byPartition.putIfAbsent(
                        BuiltInPartitioner.partitionForKey(keys.serialize(Topics.CAMERAS, id), PARTITIONS), id);
            }
        }
        return List.copyOf(byPartition.values());
    }

    /** Keeps which cameras the worker process runs, from what its host prints. */
    private static void follow(Process process, Map<String, String> running) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                String[] call = line.split(" ", 4);
                if (call[0].equals("CAMERA") && call[1].equals("started")) {
                    running.put(call[2], call[3].replace("\\n", "\n"));
                } else if (call[0].equals("CAMERA") && call[1].equals("stopped")) {
                    running.remove(call[2]);
                } else {
                    System.out.println("doomed worker: " + line);
                }
            }
        } catch (java.io.IOException e) {
            // The process was killed while a line was read: nothing more to follow.
        }
    }
}
