package org.vigie.stream.correlate;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.priority.Triage;
import org.vigie.stream.Topics;

/**
 * The correlator of a city-scale deployment: one instance of the Kafka Streams application of
 * {@link CorrelationTopology}. Run one or more, on one or more machines, with the same settings; Kafka spreads
 * the correlation partitions over them and moves a partition, with its state, when an instance stops.
 */
public final class CorrelationService implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final StreamsSettings settings;
    private final Topics topics;
    private final CorrelationCounts counts = new CorrelationCounts();
    private final KafkaStreams streams;

    /**
     * @param partitioner as many partitions as {@code topics}' correlation topic, and the same on every instance
     * @param triage      a Triage for each task
     * @throws IllegalArgumentException when the partitioner and the correlation topic disagree
     */
    public CorrelationService(StreamsSettings settings, Topics topics, CorrelationRules rules, Partitioner partitioner,
                              Supplier<Triage> triage) {
        this.settings = settings;
        this.topics = topics;
        this.streams = new KafkaStreams(CorrelationTopology.build(topics, rules, partitioner, triage, counts),
                settings.properties(topics));
    }

    /**
     * Creates the topics that are missing, checks the partition counts of those that exist, then starts the
     * stream threads; returns without waiting for them to be running.
     *
     * @throws IllegalStateException when the topics cannot be created or have other partition counts
     */
    public void start() {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            topics.ensure(admin);
        }
        streams.start();
    }

    /** Whether the stream threads are processing or rebalancing (not starting, failed or stopped). */
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public CorrelationCounts counts() {
        return counts;
    }

    /**
     * Stops, committing what was processed, and leaves the group at once so that other instances take over its
     * partitions without waiting for the session to time out.
     *
     * @return whether the threads stopped within {@code timeout}
     */
    public boolean close(Duration timeout) {
        return streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
    }

    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }
}
