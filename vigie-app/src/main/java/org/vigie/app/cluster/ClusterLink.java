package org.vigie.app.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.correlate.Correlation;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.IncidentListener;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.priority.Reliabilities;
import org.vigie.server.ingest.EventLog;
import org.vigie.stream.Topics;
import org.vigie.store.Store;

/**
 * What an HTTP process of a city-scale deployment (roles {@code ingest}, {@code api}) uses instead of the
 * in-process correlator: intake to {@code vigie.events}, operators' decisions through the owning correlation
 * partition, and live updates from {@code vigie.incidents}.
 */
public final class ClusterLink implements AutoCloseable {
    /** How long an HTTP request waits for Kafka to take a batch or for a decision to be recorded. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaEventLog eventLog;
    private final KafkaProducer<Integer, IncidentChange> commands;
    private final ClusterCorrelation correlation;
    private final IncidentFeed feed;

    private ClusterLink(KafkaEventLog eventLog, KafkaProducer<Integer, IncidentChange> commands,
                        ClusterCorrelation correlation, IncidentFeed feed) {
        this.eventLog = eventLog;
        this.commands = commands;
        this.correlation = correlation;
        this.feed = feed;
    }

    /** The partitioner every member must build alike: the correlator's cells, partitions and margin. */
    public static Partitioner partitioner(VigieConfig.Cluster c) {
        return new Partitioner(c.coarseResolution(), c.sizes().correlation(), c.marginMeters());
    }

    public static ClusterLink open(VigieConfig config, Store store, IncidentListener live, MeterRegistry metrics,
                                   Reliabilities reliabilities) {
        VigieConfig.Cluster c = config.cluster();
        var topics = new Topics(c.sizes());
        KafkaEventLog log = null;
        KafkaProducer<Integer, IncidentChange> producer = null;
        ClusterCorrelation correlation = null;
        IncidentFeed feed = null;
        try {
            log = new KafkaEventLog(c.bootstrapServers(), topics, store, TIMEOUT);
            var p = KafkaEventLog.settings(c.bootstrapServers(), TIMEOUT);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-decisions");
            producer = new KafkaProducer<>(p, topics.commands().keys().serializer(),
                    topics.commands().values().serializer());
            correlation = new ClusterCorrelation(store, producer, topics, partitioner(c), reliabilities, TIMEOUT);
            feed = new IncidentFeed(c.bootstrapServers(), topics, live).start();
            IncidentFeed f = feed;
            Gauge.builder("vigie.cluster.incident.feed.up", f, x -> x.isRunning() ? 1 : 0).register(metrics);
            return new ClusterLink(log, producer, correlation, feed);
        } catch (RuntimeException e) {
            for (AutoCloseable x : new AutoCloseable[] {feed, correlation, producer, log}) {
                closeQuietly(x);
            }
            throw e;
        }
    }

    public EventLog eventLog() {
        return eventLog;
    }

    public Correlation correlation() {
        return correlation;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after a failed start: the start's exception is the one to report
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable x : List.<AutoCloseable>of(feed, correlation, commands, eventLog)) {
            closeQuietly(x);
        }
    }
}
