package org.vigie.app.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Event;
import org.vigie.core.model.StaleVersionException;
import org.vigie.stream.Topics;
import org.vigie.store.QuarantinedRecord;
import org.vigie.store.Store;

/**
 * The store role: copies {@code vigie.events} and {@code vigie.incidents} into the shared PostgreSQL database,
 * where the API reads them. Offsets are committed only after the database committed, so a crash replays the
 * last batch; replaying is harmless because both writes are idempotent: an event id is inserted once, and an
 * incident change whose version the database already holds is skipped. Changes are read {@code read_committed},
 * so only what the correlator's transactions committed is stored.
 *
 * <p>A record that cannot be read, or a change that does not follow the stored version (the database missed a
 * change, or someone edited it), goes to the quarantine with its reason; the writer goes on. A database that is
 * down stops the writer on that batch, which it retries until the database answers: nothing is skipped.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final Store store;
    private final Thread thread;
    private final AtomicLong eventsSeen = new AtomicLong();
    private final AtomicLong changesApplied = new AtomicLong();
    private final AtomicLong changesAlreadyStored = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private volatile boolean running = true;
    private volatile Instant lastBatch = Instant.EPOCH;

    public StoreWriter(String bootstrapServers, String groupId, Topics topics, Store store) {
        var p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.store = store;
        this.thread = Thread.ofPlatform().name("store-writer").unstarted(this::run);
    }

    public StoreWriter start() {
        consumer.subscribe(List.of(topics.events().name(), topics.incidents().name()));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                boolean written = write(records);
                while (!written && running) {
                    sleep(RETRY);
                    written = write(records);
                }
                if (written) {
                    try {
                        consumer.commitSync(next(records));
                        lastBatch = Instant.now();
                    } catch (org.apache.kafka.clients.consumer.CommitFailedException e) {
                        // The group moved on while the database was down: whoever has the partitions now replays
                        // this batch, which is harmless.
                        LOG.warn("could not commit after a long retry; the batch will be read again", e);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } catch (RuntimeException e) {
            LOG.error("store writer stopped", e);
            running = false;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** One poll's records into the database; false when the database failed (the batch is then retried). */
    private boolean write(ConsumerRecords<byte[], byte[]> records) {
        var events = new ArrayList<Event>();
        var changes = new ArrayList<IncidentChange>();
        var rejects = new ArrayList<QuarantinedRecord>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                if (r.topic().equals(topics.events().name())) {
                    events.add(topics.events().values().deserializer().deserialize(r.topic(), r.value()));
                } else {
                    changes.add(topics.incidents().values().deserializer().deserialize(r.topic(), r.value()));
                }
            } catch (RuntimeException e) {
                rejects.add(quarantine(r, "unreadable record: " + e.getMessage()));
            }
        }
        try {
            // Events first: a change's members are then already stored when the API reads the incident.
            store.ingest(events, rejects);
            eventsSeen.addAndGet(events.size());
            quarantined.addAndGet(rejects.size());
            apply(changes);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("the database refused a batch of {} event(s) and {} change(s); retrying in {} s", events.size(),
                    changes.size(), RETRY.toSeconds(), e);
            return false;
        }
    }

    /** In one transaction when they all follow the stored versions; otherwise one by one. */
    private void apply(List<IncidentChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            store.incidents().apply(changes);
            changesApplied.addAndGet(changes.size());
            return;
        } catch (StaleVersionException replayed) {
            // some were stored before a crash: sort them out one by one
        }
        for (IncidentChange c : changes) {
            try {
                store.incidents().apply(List.of(c));
                changesApplied.incrementAndGet();
            } catch (StaleVersionException e) {
                if (e.actual() >= c.incident().version()) {
                    changesAlreadyStored.incrementAndGet();
                } else {
                    String reason = "incident " + c.incident().id() + ": " + c.kind() + " from version "
                            + c.baseVersion() + " to " + c.incident().version() + " but the database holds version "
                            + e.actual();
                    LOG.warn("quarantined a change that does not follow the stored incident: {}", reason);
                    store.ingest(List.of(), List.of(new QuarantinedRecord(c.incident().id() + "@" + c.incident().version(),
                            Instant.now(), "stream:" + topics.incidents().name(), reason,
                            new String(topics.incidents().values().serializer().serialize(topics.incidents().name(), c),
                                    StandardCharsets.UTF_8))));
                    quarantined.incrementAndGet();
                }
            }
        }
    }

    private static QuarantinedRecord quarantine(ConsumerRecord<byte[], byte[]> r, String reason) {
        String raw = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
        return new QuarantinedRecord(r.topic() + "-" + r.partition() + "@" + r.offset(), Instant.now(),
                "stream:" + r.topic(), reason, raw);
    }

    private static Map<TopicPartition, OffsetAndMetadata> next(ConsumerRecords<byte[], byte[]> records) {
        var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.getLast().offset() + 1));
        }
        return offsets;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    public long eventsSeen() {
        return eventsSeen.get();
    }

    public long changesApplied() {
        return changesApplied.get();
    }

    public long changesAlreadyStored() {
        return changesAlreadyStored.get();
    }

    public long quarantined() {
        return quarantined.get();
    }

    /** When the last batch was committed (EPOCH before the first). */
    public Instant lastBatch() {
        return lastBatch;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
