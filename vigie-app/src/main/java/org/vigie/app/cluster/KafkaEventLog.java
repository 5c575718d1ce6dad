package org.vigie.app.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.server.api.ApiError;
import org.vigie.server.ingest.EventLog;
import org.vigie.stream.Topics;
import org.vigie.store.IngestReceipt;
import org.vigie.store.QuarantinedRecord;
import org.vigie.store.Store;

/**
 * The ingest role's event log: a validated batch goes to {@code vigie.events}, keyed by event id, and
 * {@link #append} returns once every replica the topic requires has it ({@code acks=all}, idempotent producer),
 * so the 202 that follows means what it means embedded: the batch can no longer be lost. The correlator and
 * the store read the topic.
 *
 * <p>Repeats are dropped by id downstream (the correlator remembers recent ids, the store inserts each id
 * once), so this log cannot say which events were already known: it reports as duplicates only the repeats
 * within one batch. Records that failed validation go straight to the shared database's quarantine.
 */
public final class KafkaEventLog implements EventLog, AutoCloseable {
    private final Producer<String, Event> producer;
    private final Topics.Topic<String, Event> topic;
    private final Store store;
    private final Duration timeout;

    public KafkaEventLog(String bootstrapServers, Topics topics, Store store, Duration timeout) {
        this(new KafkaProducer<>(settings(bootstrapServers, timeout), topics.events().keys().serializer(),
                topics.events().values().serializer()), topics, store, timeout);
    }

    /**
     * A log for a producer that holds only valid events (the city simulator): it has no quarantine, and
     * {@link #append} with rejected records fails.
     */
    public KafkaEventLog(String bootstrapServers, Topics topics, Duration timeout) {
        this(bootstrapServers, topics, null, timeout);
    }

    KafkaEventLog(Producer<String, Event> producer, Topics topics, Store store, Duration timeout) {
        this.producer = producer;
        this.topic = topics.events();
        this.store = store;
        this.timeout = timeout;
    }

    static Properties settings(String bootstrapServers, Duration timeout) {
        var p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-ingest");
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1_000, Math.min(ms / 2, 30_000))); // delivery ≥ linger + request
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        return p;
    }

    @Override
    public IngestReceipt append(List<Event> events, List<QuarantinedRecord> rejects) {
        if (!rejects.isEmpty()) {
            if (store == null) {
                throw new IllegalStateException("this event log has no quarantine for " + rejects.size()
                        + " rejected record(s)");
            }
            store.ingest(List.of(), rejects);
        }
        var seen = new HashSet<EventId>();
        var sent = new ArrayList<EventId>(events.size());
        var repeats = new ArrayList<EventId>();
        var acks = new ArrayList<Future<RecordMetadata>>(events.size());
        try {
            for (Event e : events) {
                if (!seen.add(e.id())) {
                    repeats.add(e.id());
                    continue;
                }
                acks.add(producer.send(new ProducerRecord<>(topic.name(), null, e.occurredAt().toEpochMilli(),
                        e.id().toString(), e)));
                sent.add(e.id());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw unavailable("Kafka did not acknowledge within " + timeout.toSeconds() + " s", e);
        } catch (RuntimeException e) {
            throw unavailable(e.getMessage(), e);
        }
        return new IngestReceipt(sent, repeats, rejects.size());
    }

    private ApiError unavailable(String why, Throwable cause) {
        var error = new ApiError(503, "event-log-unavailable", "the batch was not accepted: the event log ("
                + topic.name() + ") did not confirm it (" + why + "); send it again");
        error.initCause(cause);
        return error;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
