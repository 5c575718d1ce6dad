package org.vigie.app.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.IncidentListener;
import org.vigie.stream.Topics;

/**
 * Every change committed on {@code vigie.incidents} from the moment {@link #start} returns, handed to a listener:
 * the api role's live updates, and what {@code vigie sim city} watches. Each reader takes every partition of the
 * topic for itself, without a group or offsets (a console that reconnects reloads the queue from the database and
 * then follows the stream). A record that cannot be read is logged and skipped here; the store role quarantines it.
 */
public final class IncidentFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final IncidentListener listener;
    private final Thread thread;
    private volatile boolean running = true;

    public IncidentFeed(String bootstrapServers, Topics topics, IncidentListener listener) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("incident-feed").daemon(true).unstarted(this::run);
    }

    /** Starts reading at the topic's current end: a change committed after this returns is handed on. */
    public IncidentFeed start() {
        var partitions = new ArrayList<TopicPartition>();
        for (int i = 0; i < topics.incidents().partitions(); i++) {
            partitions.add(new TopicPartition(topics.incidents().name(), i));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now rather than at the first poll
        thread.start();
        return this;
    }

    private void run() {
        var read = topics.incidents().values().deserializer();
        try {
            while (running) {
                var changes = new ArrayList<IncidentChange>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        changes.add(read.deserialize(r.topic(), r.value()));
                    } catch (RuntimeException e) {
                        LOG.warn("skipped an unreadable change at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                                e.getMessage());
                    }
                }
                if (!changes.isEmpty()) {
                    try {
                        listener.onChanges(changes);
                    } catch (RuntimeException e) {
                        LOG.warn("live updates failed on {} change(s)", changes.size(), e);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
