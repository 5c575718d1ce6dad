package org.vigie.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.PartitionedCorrelation.Received;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.EventReadResult;
import org.vigie.core.json.IncidentJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.IncidentId;

/**
 * The one registry of Vigie's Kafka topics: name, key and value serdes, partition count and topic settings. Every
 * producer, consumer and Streams topology takes its topics from here, so a name or a serde is written once.
 *
 * <p>Partition counts come from the {@code cluster.partitions} section of the configuration. The correlation
 * topic's count is also the number of correlation partitions of the {@link org.vigie.core.correlate.Partitioner}:
 * a record's key is its correlation partition, and it lands on the Kafka partition of that number.
 */
public final class Topics {
    public static final String EVENTS = "vigie.events";
    public static final String CAMERAS = "vigie.cameras";
    public static final String CORRELATION = "vigie.events.by-cell";
    public static final String INCIDENTS = "vigie.incidents";
    public static final String QUARANTINE = "vigie.quarantine";
    public static final String COMMANDS = "vigie.commands";
    private static final long WEEK_MS = 7L * 24 * 3600 * 1000;

    /** How many partitions each topic has, and how many copies of each the brokers keep. */
    public record Sizes(int events, int correlation, int incidents, int cameras, short replication) {
        public static final Sizes SINGLE_BROKER = new Sizes(12, 12, 12, 64, (short) 1);

        public Sizes {
            for (int n : new int[] {events, correlation, incidents, cameras}) {
                if (n < 1 || n > 10_000) {
                    throw new IllegalArgumentException("a topic has 1 to 10000 partitions, got " + n);
                }
            }
            if (replication < 1) {
                throw new IllegalArgumentException("replication must be at least 1, got " + replication);
            }
        }
    }

    /** One topic: what its keys and values are and how it is laid out. */
    public record Topic<K, V>(String name, Serde<K> keys, Serde<V> values, int partitions, Map<String, String> config) {
        public Topic {
            config = Map.copyOf(config);
        }

        public NewTopic newTopic(short replication) {
            return new NewTopic(name, partitions, replication).configs(config);
        }
    }

    private final Sizes sizes;
    private final Topic<String, Event> events;
    private final Topic<String, String> cameras;
    private final Topic<Integer, Received> correlation;
    private final Topic<String, IncidentChange> incidents;
    private final Topic<Integer, IncidentChange> commands;
    private final Topic<byte[], byte[]> quarantine;

    public Topics(Sizes sizes) {
        this.sizes = sizes;
        this.events = new Topic<>(EVENTS, Serdes.String(),
                new JsonSerde<>("event", EventJson::write, node -> readEvent(node)), sizes.events(),
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(WEEK_MS)));
        // The cameras' configuration: the latest file of every camera, forever (a null value removes a camera).
        this.cameras = new Topic<>(CAMERAS, Serdes.String(), Serdes.String(), sizes.cameras(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        // Kept as long as the events: a correlator that was down for days still finds what it has not read.
        this.correlation = new Topic<>(CORRELATION, Serdes.Integer(),
                new JsonSerde<>("routed event", Topics::writeReceived, Topics::readReceived), sizes.correlation(),
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(WEEK_MS)));
        // A log of changes, not a table: compaction would drop the steps a reader checks versions against.
        this.incidents = new Topic<>(INCIDENTS, Serdes.String(),
                new JsonSerde<>("incident change", IncidentJson::writeChange, IncidentJson::readChange),
                sizes.incidents(), Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(WEEK_MS)));
        // Operators' decisions, for the partition that owns the incident: laid out like the correlation topic.
        this.commands = new Topic<>(COMMANDS, Serdes.Integer(),
                new JsonSerde<>("incident change", IncidentJson::writeChange, IncidentJson::readChange),
                sizes.correlation(), Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(WEEK_MS)));
        // Few records, read by people: one partition keeps them in order, and they stay a month.
        this.quarantine = new Topic<>(QUARANTINE, Serdes.ByteArray(), Serdes.ByteArray(), 1,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(30L * 24 * 3600 * 1000)));
    }

    public Sizes sizes() {
        return sizes;
    }

    /** Every accepted event, keyed by its id: what ingest writes and the correlator and the store read. */
    public Topic<String, Event> events() {
        return events;
    }

    /** Camera id → the camera's file (YAML text); compacted, so a worker that takes a camera reads its latest file. */
    public Topic<String, String> cameras() {
        return cameras;
    }

    /**
     * Events by correlation partition, keyed by its number and written to the Kafka partition of that number: each
     * event once for the partition that owns it and once for each partition it is replicated to, with its flag; and
     * the few events one correlation partition hands on to another (delegated or returned, see
     * {@link org.vigie.core.correlate.PartitionedCorrelation.Partition}).
     */
    public Topic<Integer, Received> correlation() {
        return correlation;
    }

    /** Incident id → one change of that incident, in order: what the correlator emits and the store records. */
    public Topic<String, IncidentChange> incidents() {
        return incidents;
    }

    /**
     * Records the correlator could not read, as they were (key and value bytes), with the reason and where they
     * came from in Kafka Streams' {@code __streams.errors.*} headers.
     */
    public Topic<byte[], byte[]> quarantine() {
        return quarantine;
    }

    /**
     * Correlation partition → an operator's decision on an incident that partition owns (a status change computed
     * from the stored incident, with the version the operator saw as its base), on the Kafka partition of that
     * number like {@link #correlation()}: the owning task applies it if its copy is still at that version.
     */
    public Topic<Integer, IncidentChange> commands() {
        return commands;
    }

    public List<Topic<?, ?>> all() {
        return List.of(events, cameras, correlation, incidents, commands, quarantine);
    }

    /**
     * Creates the topics that do not exist yet and checks that those that do have the partition count this
     * configuration expects (a different count would send an event's cell to another correlation partition).
     *
     * @throws IllegalStateException naming every topic whose partition count differs
     */
    public void ensure(Admin admin) {
        try {
            var existing = admin.listTopics().names().get();
            var missing = new ArrayList<NewTopic>();
            for (Topic<?, ?> t : all()) {
                if (!existing.contains(t.name())) {
                    missing.add(t.newTopic(sizes.replication()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            var names = all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            var problems = new ArrayList<String>();
            for (Topic<?, ?> t : all()) {
                int actual = described.get(t.name()).partitions().size();
                if (actual != t.partitions()) {
                    problems.add("topic " + t.name() + " has " + actual + " partitions, the configuration says "
                            + t.partitions());
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("; ", problems));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Vigie's topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or describe Vigie's topics: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * {@code owned} as the router has always written it; an event one partition hands on to another also has its
     * {@code role} (and the incident it goes {@code into}, when delegated). A reader of the first format sees such a
     * record as a replica.
     */
    private static JsonNode writeReceived(Received r) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("owned", r.owned());
        if (r.role() == Received.Role.DELEGATED || r.role() == Received.Role.RETURNED) {
            n.put("role", r.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (r.into() != null) {
            n.put("into", r.into().toString());
        }
        n.set("event", EventJson.write(r.event()));
        return n;
    }

    private static Received readReceived(JsonNode node) {
        JsonNode owned = node.get("owned");
        if (owned == null || !owned.isBoolean()) {
            throw new IllegalArgumentException("owned must be true or false, got " + owned);
        }
        JsonNode event = node.get("event");
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("event must be an event object, got " + event);
        }
        JsonNode role = node.get("role");
        if (role == null) {
            return new Received(readEvent(event), owned.booleanValue());
        }
        Received.Role handedOn = switch (role.asText()) {
            case "delegated" -> Received.Role.DELEGATED;
            case "returned" -> Received.Role.RETURNED;
            default -> throw new IllegalArgumentException("role must be delegated or returned, got " + role);
        };
        JsonNode into = node.get("into");
        IncidentId incident;
        try {
            incident = into == null || into.isNull() ? null : IncidentId.parse(into.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("into must be an incident id, got " + into);
        }
        return new Received(readEvent(event), handedOn, incident);
    }

    private static Event readEvent(JsonNode node) {
        // The record carries when ingest accepted the event; the time checks are measured from that, not from now.
        Instant received;
        try {
            received = node.hasNonNull("receivedAt") ? Instant.parse(node.get("receivedAt").asText()) : Instant.now();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("receivedAt is not an ISO instant: " + node.get("receivedAt"));
        }
        return switch (EventJson.read(node, received)) {
            case EventReadResult.Valid v -> v.event();
            case EventReadResult.Invalid i -> throw new IllegalArgumentException(i.errors().toString());
        };
    }
}
