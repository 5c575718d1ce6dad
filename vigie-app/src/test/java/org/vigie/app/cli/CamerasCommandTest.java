package org.vigie.app.cli;

import org.vigie.app.TestCli;
import org.vigie.app.TestCli.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.stream.EmbeddedKafka;
import org.vigie.stream.Topics;

/** {@code vigie cameras publish|remove}: camera files onto the compacted topic the video workers share. */
class CamerasCommandTest {
    @TempDir
    Path dir;


    private static Run run(String... args) {
        return TestCli.run(args);
    }

    @Test
    void publishesAFolderUnderTheCamerasIdsAndRemovesOne() throws Exception {
        try (var kafka = new EmbeddedKafka()) {
            Path config = dir.resolve("vigie.yaml");
            Files.writeString(config, """
                    store: {url: "jdbc:postgresql://db.example/vigie"}
                    cluster:
                      bootstrap-servers: %s
                      roles: [video-worker]
                      replication: 1
                      partitions: {events: 1, correlation: 1, incidents: 1, cameras: 4}
                    """.formatted(kafka.bootstrapServers()));
            Path cameras = Files.createDirectories(dir.resolve("cameras"));
            for (String id : List.of("vieux-port", "saint-charles")) {
                Files.writeString(cameras.resolve(id + ".yaml"), """
                        id: %s
                        url: rtsp://cameras.example/%s
                        location: {lat: 43.295, lon: 5.374, accuracy: 15}
                        """.formatted(id, id));
            }
            Run published = run("cameras", "publish", cameras.toString(), "--config", config.toString());
            assertThat(published.exit()).as(published.err()).isZero();
            assertThat(published.out()).contains("vieux-port", "saint-charles", "2 camera file(s) published");

            Run removed = run("cameras", "remove", "vieux-port", "--config", config.toString());
            assertThat(removed.exit()).as(removed.err()).isZero();
            assertThat(latest(kafka.bootstrapServers())).containsOnlyKeys("vieux-port", "saint-charles")
                    .containsEntry("vieux-port", null)
                    .hasEntrySatisfying("saint-charles", file -> assertThat(file).contains("rtsp://cameras.example/saint-charles"));
        }
    }

    @Test
    void aConfigurationWithoutAClusterSectionIsRefusedWithTheReason() throws Exception {
        Path config = Files.writeString(dir.resolve("embedded.yaml"), "server: {port: 0}\n");
        Run run = run("cameras", "publish", dir.toString(), "--config", config.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("has no cluster section");
    }

    /** The topic read as a table: the latest file of each camera (null once removed). */
    private static Map<String, String> latest(String bootstrap) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "cameras-command-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var table = new HashMap<String, String>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CAMERAS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (table.size() < 2 || !table.containsKey("vieux-port") || table.get("vieux-port") != null) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> table.put(r.key(), r.value()));
            }
        }
        return table;
    }
}
