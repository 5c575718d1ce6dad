package org.vigie.stream.correlate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.stream.correlate.TestCity.EAST;
import static org.vigie.stream.correlate.TestCity.PARTITIONER;
import static org.vigie.stream.correlate.TestCity.RULES;
import static org.vigie.stream.correlate.TestCity.WEST;
import static org.vigie.stream.correlate.TestCity.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.PartitionedCorrelation;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.priority.Triage;
import org.vigie.stream.EmbeddedKafka;
import org.vigie.stream.Topics;

/**
 * The correlator on a real broker, exactly-once: events in, incident changes out, unreadable records to the
 * quarantine; then an instance that lost its disk rebuilds its partitions from the changelogs and carries on
 * with the same incident.
 */
class CorrelationServiceTest {
    /** How long to wait for the cluster to do something; never part of what is checked. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void correlatesExactlyOnceAndAfterLosingItsStateCarriesOnFromTheChangelogs() throws Exception {
        var topics = new Topics(new Topics.Sizes(2, PARTITIONER.partitions(), 2, 1, (short) 1));
        Path state = temp.resolve("streams");
        // Event times an hour back: the broker keeps records by their timestamps, which are event times here.
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Event west = report(EventType.THEFT, t0, WEST);
        Event east = report(EventType.THEFT, t0.plusSeconds(30), EAST);
        String incident = PartitionedCorrelation.incidentIdFor(west.id()).toString();

        try (var kafka = new EmbeddedKafka();
             var producer = new KafkaProducer<byte[], byte[]>(producerSettings(kafka), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            var settings = new StreamsSettings("vigie-correlator-test", kafka.bootstrapServers(), 1, state,
                    Duration.ofMillis(100), Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500"));

            var first = new CorrelationService(settings, topics, RULES, PARTITIONER, Triage::standard);
            List<ConsumerRecord<byte[], byte[]>> changes;
            try (first) {
                first.start();
                send(producer, topics, west);
                producer.send(new ProducerRecord<>(topics.events().name(), "bad".getBytes(UTF_8),
                        "{not json".getBytes(UTF_8))).get();
                changes = read(kafka, topics.incidents(), 1);
                List<ConsumerRecord<byte[], byte[]>> quarantined = read(kafka, topics.quarantine(), 1);
                assertThat(new String(quarantined.getFirst().value(), UTF_8)).isEqualTo("{not json");
                assertThat(new String(quarantined.getFirst().headers().lastHeader("__streams.errors.message").value(),
                        UTF_8)).contains("not JSON");
                assertThat(first.isRunning()).isTrue();
                assertThat(first.counts().events()).isEqualTo(1);
            }
            IncidentChange opened = change(topics, changes.getFirst());
            assertThat(opened.kind()).isEqualTo(IncidentChange.Kind.OPENED);
            assertThat(opened.incident().id().toString()).isEqualTo(incident);

            deleteTree(state);
            var second = new CorrelationService(settings, topics, RULES, PARTITIONER, Triage::standard);
            try (second) {
                second.start();
                send(producer, topics, west);
                send(producer, topics, east);
                int copiesOfWest = 1 + PARTITIONER.route(west).replicas().length;
                await(() -> second.counts().duplicates() == copiesOfWest && second.counts().changes() >= 1);
                changes = read(kafka, topics.incidents(), 2);
                assertThat(second.counts().changes()).isEqualTo(1);
                assertThat(changes).hasSize(2);
            }
            IncidentChange added = change(topics, changes.get(1));
            assertThat(added.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
            assertThat(added.incident().id().toString()).isEqualTo(incident);
            assertThat(added.incident().eventIds()).containsExactly(west.id(), east.id());
            assertThat(added.baseVersion()).isEqualTo(1);
        }
    }

    private static Map<String, Object> producerSettings(EmbeddedKafka kafka) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Topics topics, Event e) throws Exception {
        var t = topics.events();
        producer.send(new ProducerRecord<>(t.name(), t.keys().serializer().serialize(t.name(), e.id().toString()),
                t.values().serializer().serialize(t.name(), e))).get();
    }

    private static IncidentChange change(Topics topics, ConsumerRecord<byte[], byte[]> r) {
        return topics.incidents().values().deserializer().deserialize(r.topic(), r.value());
    }

    /** The first {@code n} committed records of a topic, from its beginning, in order of partition then offset. */
    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, Topics.Topic<?, ?> topic, int n) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = new ArrayList<TopicPartition>();
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var out = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            await(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                return out.size() >= n;
            });
            out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return out;
        }
    }

    private static void await(BooleanSupplier done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the cluster did not get there within " + PATIENCE);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
