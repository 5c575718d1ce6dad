package org.vigie.stream.correlate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.vigie.stream.Topics;

/**
 * How the correlator runs as a Kafka Streams application. Fixed here, because correctness depends on them:
 * exactly-once processing (a record's store updates, its emitted changes and its offset commit together, so a
 * crash neither loses nor repeats an incident change), and records that cannot be read going to the quarantine
 * topic with the reason (Kafka Streams' dead letter queue, KIP-1034) instead of stopping the application.
 *
 * @param applicationId    the consumer group and the prefix of the changelog topics; all instances share it
 * @param bootstrapServers the Kafka brokers
 * @param threads          stream threads in this instance (tasks are spread over all threads of all instances)
 * @param stateDir         where this instance keeps its RocksDB stores; losing it costs a restore, not data
 * @param commitInterval   how often transactions commit: the delay before changes are visible to readers
 * @param clients          further Kafka client settings (security, timeouts), applied last
 */
public record StreamsSettings(String applicationId, String bootstrapServers, int threads, Path stateDir,
                              Duration commitInterval, Map<String, String> clients) {
    public StreamsSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(commitInterval, "commitInterval");
        clients = Map.copyOf(clients);
        if (threads < 1) {
            throw new IllegalArgumentException("at least one stream thread, got " + threads);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("the commit interval must be positive, got " + commitInterval);
        }
    }

    /** With Kafka Streams' commit interval under exactly-once (100 ms) and no further client settings. */
    public StreamsSettings(String applicationId, String bootstrapServers, int threads, Path stateDir) {
        this(applicationId, bootstrapServers, threads, stateDir, Duration.ofMillis(100), Map.of());
    }

    /** The application's properties; internal topics get the replication of {@code topics}' sizes. */
    public Properties properties(Topics topics) {
        var p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.sizes().replication());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.quarantine().name());
        // Logs the record and carries on; with the topic above, it also writes the record and why to it.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.putAll(clients);
        return p;
    }

    /** What an admin client of the same cluster needs (to create the topics before the application starts). */
    public Properties adminProperties() {
        var p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        clients.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        return p;
    }
}
