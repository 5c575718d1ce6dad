package org.vigie.stream.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.stream.EmbeddedKafka;
import org.vigie.stream.Topics;

class CameraCatalogTest {
    private static final Topics TOPICS = new Topics(new Topics.Sizes(1, 1, 1, 4, (short) 1));
    private static EmbeddedKafka kafka;
    private static CameraCatalog catalog;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka();
        try (Admin admin = kafka.admin()) {
            TOPICS.ensure(admin);
        }
        catalog = new CameraCatalog(TOPICS.cameras(), kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() throws Exception {
        catalog.close();
        kafka.close();
    }

    @Test
    void theCameraIdIsTheTopLevelIdKey() {
        assertThat(CameraCatalog.cameraId("id: cam-0142\nurl: rtsp://x")).contains("cam-0142");
        assertThat(CameraCatalog.cameraId("url: rtsp://x\nid:   cam-7   # the bridge\n")).contains("cam-7");
        assertThat(CameraCatalog.cameraId("id: \"cam 8\" # quoted")).contains("cam 8");
        assertThat(CameraCatalog.cameraId("id: 'cam-9'")).contains("cam-9");
        assertThat(CameraCatalog.cameraId("\uFEFFid: cam-10")).contains("cam-10");
        assertThat(CameraCatalog.cameraId("zones:\n  - {name: a}\n  id: nested\n")).isEmpty();
        assertThat(CameraCatalog.cameraId("identity: x\nid:\nurl: y")).isEmpty();
        assertThat(CameraCatalog.cameraId("id: # none")).isEmpty();
        assertThat(CameraCatalog.cameraId("")).isEqualTo(Optional.empty());
    }

    @Test
    void aFolderIsPublishedUnderTheIdsOfItsYamlFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pont.yaml"), "id: cam-pont\nurl: rtsp://10.0.0.1/1\n");
        Files.writeString(dir.resolve("gare.yml"), "# Saint-Charles\nid: \"cam-gare\"  # platform 1\nurl: rtsp://10.0.0.2/1\n");
        Files.writeString(dir.resolve("notes.txt"), "id: not-a-camera\n");
        Files.createDirectory(dir.resolve("old.yaml"));

        var published = catalog.publishDirectory(dir);

        assertThat(published).containsExactly(
                new SimpleEntry<>("cam-gare", dir.resolve("gare.yml")),
                new SimpleEntry<>("cam-pont", dir.resolve("pont.yaml")));
        assertThat(records()).contains(
                new SimpleEntry<>("cam-pont", Files.readString(dir.resolve("pont.yaml"))),
                new SimpleEntry<>("cam-gare", Files.readString(dir.resolve("gare.yml"))));
    }

    @Test
    void aFolderWithABadFilePublishesNothingAndNamesEveryBadFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "id: cam-folder-a\n");
        Files.writeString(dir.resolve("b.yaml"), "id: cam-folder-a\n");
        Files.writeString(dir.resolve("c.yaml"), "url: rtsp://10.0.0.3/1\n");
        Files.writeString(dir.resolve("d.yaml"), "id: cam/d\n");

        assertThatThrownBy(() -> catalog.publishDirectory(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b.yaml: id 'cam-folder-a' is also the id of " + dir.resolve("a.yaml"))
                .hasMessageContaining("c.yaml: no top-level 'id:'")
                .hasMessageContaining("d.yaml: id 'cam/d' is not");
        assertThat(records()).extracting(Map.Entry::getKey).doesNotContain("cam-folder-a");
    }

    @Test
    void aRemovedCameraIsATombstoneAfterItsFile() {
        catalog.publish("cam-gone", "id: cam-gone\n");
        catalog.remove("cam-gone");

        assertThat(records()).containsSubsequence(new SimpleEntry<>("cam-gone", "id: cam-gone\n"),
                new SimpleEntry<>("cam-gone", null));
        assertThatThrownBy(() -> catalog.remove("bad id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.publish("cam-x", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remove it instead");
    }

    /** Every record of the cameras topic, key and value, in each partition's order. */
    private static List<Map.Entry<String, String>> records() {
        var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        var topic = TOPICS.cameras();
        try (var consumer = new KafkaConsumer<>(config, topic.keys().deserializer(), topic.values().deserializer())) {
            var partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            var all = new ArrayList<Map.Entry<String, String>>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> all.add(new SimpleEntry<>(r.key(), r.value())));
            }
            return all;
        }
    }
}
