package org.vigie.stream.correlate;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;
import org.vigie.core.correlate.CompositeRule;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.PartitionedCorrelation;
import org.vigie.core.correlate.PartitionedCorrelation.Received;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.priority.Triage;
import org.vigie.stream.Topics;

/**
 * The correlator as a Kafka Streams topology, in two steps joined by the correlation topic:
 *
 * <pre>
 * vigie.events ─► route ─► vigie.events.by-cell ─► correlate ─► vigie.incidents
 *  (by event id)   │        (key p on partition p)  ▲ ▲ │          (by incident id)
 *                  │            vigie.commands ─────┘ └─┤ events handed on to another partition
 *                  │        (operators' decisions)      │ (delegated, returned)
 *                  Partitioner.route                    one {@link PartitionedCorrelation.Partition} per task,
 *                  owner + replicas                     stores: incidents, watermarks, seen events
 * </pre>
 *
 * The router writes each event once for the partition that owns it and once per partition within the margin of
 * it, on the Kafka partition of that number, so task p of the second step is correlation partition p and its
 * state stores hold that partition alone. Only the owner of an incident emits its changes, so each incident's
 * changes come from one task, in order, on one partition of the incidents topic (keyed by incident id). An event
 * its owner put in its copy of an incident another partition owns goes back into the correlation topic, keyed by
 * that partition (delegated), and may come back once to its owner (returned): see
 * {@link PartitionedCorrelation.Partition}. So no event is lost however wide incidents grow, and each is written
 * to the topic at most twice more.
 *
 * <p>Each task moves its own watermark: the latest event time it has received (replicated copies included),
 * where {@link PartitionedCorrelation} in one JVM shares the stream's. A partition that receives little keeps
 * its incidents longer than one engine would, until its next event: see {@link PartitionedCorrelation} on when
 * the two agree.
 *
 * <p>A static builder so that {@code TopologyTestDriver} tests run the very topology the service runs.
 */
public final class CorrelationTopology {
    /** {@code partition/incident id} → an incident its engine holds, and whether the partition owns it. */
    public static final String INCIDENTS_STORE = "correlation-incidents";
    /** Correlation partition → its watermark (ISO instant). */
    public static final String WATERMARKS_STORE = "correlation-watermarks";
    /** {@code partition/event id} at the event's time → events applied (whether as owner), for the horizon. */
    public static final String SEEN_STORE = "correlation-seen";
    /** The correlate processor's sinks: incident changes, and events it hands on to another partition. */
    static final String TO_INCIDENTS = "to-incidents";
    static final String TO_PARTITIONS = "to-partitions";

    private CorrelationTopology() {
    }

    /**
     * @param partitioner must have as many partitions as the correlation topic
     * @param triage      a Triage for each task (tasks run on several threads)
     * @param counts      where the processors count what they do
     * @throws IllegalArgumentException when the partitioner and the correlation topic disagree on the count
     */
    public static Topology build(Topics topics, CorrelationRules rules, Partitioner partitioner,
                                 Supplier<Triage> triage, CorrelationCounts counts) {
        Topics.Topic<Integer, Received> byCell = topics.correlation();
        if (partitioner.partitions() != byCell.partitions()) {
            throw new IllegalArgumentException("the partitioner has " + partitioner.partitions()
                    + " correlation partitions but topic " + byCell.name() + " has " + byCell.partitions()
                    + "; they must be equal (cluster.partitions.correlation)");
        }
        // Key p goes to partition p, so a task's stores hold exactly one correlation partition.
        StreamPartitioner<Integer, Received> onItsPartition = (topic, key, value, count) -> Optional.of(Set.of(key));
        Duration horizon = horizonOf(rules);
        var topology = new Topology();
        topology.addSource("events", topics.events().keys().deserializer(), topics.events().values().deserializer(),
                topics.events().name());
        topology.addProcessor("route", () -> new EventRouter(partitioner, counts), "events");
        topology.addSink("to-cells", byCell.name(), byCell.keys().serializer(), byCell.values().serializer(),
                onItsPartition, "route");
        topology.addSource("by-cell", byCell.keys().deserializer(), byCell.values().deserializer(), byCell.name());
        // Operators' decisions reach the same task as the events of their partition: both topics are laid out alike.
        topology.addSource("commands", topics.commands().keys().deserializer(),
                topics.commands().values().deserializer(), topics.commands().name());
        topology.addProcessor("correlate", () -> new PartitionCorrelator(rules, partitioner, triage, counts),
                "by-cell", "commands");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENTS_STORE),
                Serdes.String(), PartitionCorrelator.Held.SERDE).withCachingEnabled(), "correlate");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WATERMARKS_STORE),
                Serdes.Integer(), Serdes.String()).withCachingEnabled(), "correlate");
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_STORE, horizon,
                Duration.ofMillis(1), false), Serdes.String(), Serdes.Boolean()), "correlate");
        topology.addSink(TO_INCIDENTS, topics.incidents().name(), topics.incidents().keys().serializer(),
                topics.incidents().values().serializer(), "correlate");
        // Back into the correlation topic: an event delegated to the owner of the incident it joined, or returned.
        topology.addSink(TO_PARTITIONS, byCell.name(), byCell.keys().serializer(), byCell.values().serializer(),
                onItsPartition, "correlate");
        return topology;
    }

    /**
     * How long an event can still matter to its partition: the longest window of any rule, composites included,
     * plus the allowed lateness. Past that, the engine has let go of every incident the event could have joined.
     */
    public static Duration horizonOf(CorrelationRules rules) {
        Duration longest = rules.maxWindow();
        for (CompositeRule c : rules.composites()) {
            if (c.window().compareTo(longest) > 0) {
                longest = c.window();
            }
        }
        return longest.plus(CorrelationEngine.ALLOWED_LATENESS);
    }
}
