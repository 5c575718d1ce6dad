package org.vigie.app.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.app.cluster.IncidentFeed;
import org.vigie.app.cluster.KafkaEventLog;
import org.vigie.stream.Topics;

/**
 * A city-scale deployment as a load target, reached through its Kafka cluster:
 * <ul>
 * <li>{@code send} writes each event to {@code vigie.events} as the ingest role does (keyed by id, timestamped
 * with its occurrence, idempotent producer, {@code acks=all}) and returns once every record is acknowledged;
 * <li>an incident change is visible once it is committed on {@code vigie.incidents} (read as
 * {@code read_committed}, from the end of the topic as it was when the target connected): that is what the
 * api role's live updates show, and what the store role writes to the database;
 * <li>{@code lag} is what the correlator (its Kafka Streams application, whose id is its consumer group) has not
 * committed yet on the topics it reads, events and events by cell;
 * <li>an event is held when it is in {@code vigie.events}, read back from where the topic ended at connection.
 * </ul>
 * The correlator and the other roles run elsewhere ({@code vigie serve} with a {@code cluster} section).
 */
public final class ClusterTarget implements LoadTarget {
    /** How long a batch, an offset query or the read-back may take before the cluster counts as unavailable. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final Topics topics;
    private final String correlatorGroup;
    private final Admin admin;
    private final KafkaEventLog events;
    private final Map<TopicPartition, Long> eventsFrom;
    private final IncidentFeed incidents;
    private volatile Consumer<IncidentChange> listener = change -> { };

    private ClusterTarget(String bootstrapServers, Topics topics, String correlatorGroup, Admin admin) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.correlatorGroup = correlatorGroup;
        this.admin = admin;
        this.eventsFrom = offsets(partitions(topics.events()), OffsetSpec.latest());
        this.events = new KafkaEventLog(bootstrapServers, topics, TIMEOUT);
        this.incidents = new IncidentFeed(bootstrapServers, topics, changes -> changes.forEach(listener)).start();
    }

    /**
     * Connects to the cluster, creating the topics that are missing (the correlator may start later).
     *
     * @param correlatorGroup the correlator's Kafka Streams application id ({@code cluster.application-id})
     */
    public static ClusterTarget connect(String bootstrapServers, Topics topics, String correlatorGroup) {
        var p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        Admin admin = Admin.create(p);
        try {
            topics.ensure(admin);
            return new ClusterTarget(Objects.requireNonNull(bootstrapServers, "bootstrapServers"), topics,
                    Objects.requireNonNull(correlatorGroup, "correlatorGroup"), admin);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    @Override
    public void send(List<Event> batch) {
        events.append(batch, List.of());
    }

    @Override
    public void onIncidentChange(Consumer<IncidentChange> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Records on the correlator's input topics past its group's committed offsets. The ends are read as
     * {@code read_committed} readers see them, so the markers that close the router's transactions are not
     * counted as records; a partition the group has not committed yet counts from its beginning.
     */
    @Override
    public long lag() {
        var inputs = new ArrayList<TopicPartition>(partitions(topics.events()));
        inputs.addAll(partitions(topics.correlation()));
        Map<TopicPartition, Long> ends = offsets(inputs, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(inputs, OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(correlatorGroup).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (TopicPartition tp : inputs) {
            OffsetAndMetadata c = committed.get(tp);
            lag += Math.max(0, ends.get(tp) - (c == null ? starts.get(tp) : c.offset()));
        }
        return lag;
    }

    /** The ids among these that are in {@code vigie.events}, read back from where the topic ended at connection. */
    @Override
    public Set<EventId> storedAmong(Collection<EventId> ids) {
        var wanted = new HashSet<String>();
        ids.forEach(id -> wanted.add(id.toString()));
        var found = new HashSet<EventId>();
        if (wanted.isEmpty()) {
            return found;
        }
        List<TopicPartition> partitions = partitions(topics.events());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        try (var events = new KafkaConsumer<>(readCommitted(), new StringDeserializer(), new ByteArrayDeserializer())) {
            events.assign(partitions);
            eventsFrom.forEach(events::seek);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> events.position(tp) < ends.get(tp))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("could not read " + topics.events().name() + " back within "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : events.poll(POLL)) {
                    if (wanted.contains(r.key())) {
                        found.add(EventId.parse(r.key()));
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        incidents.close();
        events.close();
        admin.close(Duration.ofSeconds(10));
    }

    private Properties readCommitted() {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigie-sim-city");
        return p;
    }

    private static List<TopicPartition> partitions(Topics.Topic<?, ?> topic) {
        var out = new ArrayList<TopicPartition>(topic.partitions());
        for (int i = 0; i < topic.partitions(); i++) {
            out.add(new TopicPartition(topic.name(), i));
        }
        return out;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        var query = new HashMap<TopicPartition, OffsetSpec>();
        partitions.forEach(tp -> query.put(tp, spec));
        var answer = await(admin.listOffsets(query, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
        var out = new HashMap<TopicPartition, Long>();
        answer.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Kafka cluster did not answer: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
