package org.vigie.stream.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.correlate.PartitionedCorrelation.Forward;
import org.vigie.core.correlate.PartitionedCorrelation.Partition;
import org.vigie.core.correlate.PartitionedCorrelation.Processed;
import org.vigie.core.correlate.PartitionedCorrelation.Received;
import org.vigie.core.json.IncidentJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.priority.Triage;
import org.vigie.stream.JsonSerde;

/**
 * One stream task of the correlator: the {@link Partition} of the correlation partition whose records it reads,
 * kept in step with three changelogged stores after every record, so that the task rebuilds it, here or on
 * another machine, exactly as it was at the last commit (exactly-once commits the stores, the offsets and the
 * emitted changes together).
 *
 * <ul>
 * <li>{@link CorrelationTopology#INCIDENTS_STORE}: {@code partition/incident id} → every incident the engine holds,
 *     copies of neighbours' incidents included, with the partition that owns it;</li>
 * <li>{@link CorrelationTopology#WATERMARKS_STORE}: partition → its watermark, the latest event time it has seen;</li>
 * <li>{@link CorrelationTopology#SEEN_STORE}: {@code partition/event id} at the event's time → the events applied,
 *     so a copy delivered again (a producer's retry, a batch sent twice) changes nothing. Kept for the
 *     {@link CorrelationTopology#horizonOf horizon}: an older copy finds no incident to change twice anyway, but it
 *     would open a new one. An event another partition hands on (delegated or returned) is applied even if seen,
 *     and marks it seen, so that its replica arriving after it is not applied a second time.</li>
 * </ul>
 *
 * <p>The key is the correlation partition, and a task normally reads one (the topic's partition p holds key p);
 * the processor still keeps one Partition per key it meets, so that it is right however the records are spread
 * (TopologyTestDriver runs the whole topology as one task). A Partition is rebuilt from the stores when its first
 * record arrives, which is after Kafka Streams has restored them. Not thread-safe: one per task.
 */
final class PartitionCorrelator implements Processor<Integer, Object, Object, Object> {
    /**
     * An incident as the store holds it, with the partition that owns it ({@link Partition#UNKNOWN} in records
     * written before owners were kept, which said only whether this partition owned it).
     */
    record Held(boolean owned, int owner, Incident incident) {
        static final JsonSerde<Held> SERDE = new JsonSerde<>("held incident", Held::write, Held::read);

        private static JsonNode write(Held h) {
            ObjectNode n = Json.MAPPER.createObjectNode().put("owned", h.owned()).put("owner", h.owner());
            n.set("incident", IncidentJson.write(h.incident()));
            return n;
        }

        private static Held read(JsonNode n) {
            JsonNode owned = n.get("owned");
            if (owned == null || !owned.isBoolean()) {
                throw new IllegalArgumentException("owned must be true or false, got " + owned);
            }
            JsonNode owner = n.get("owner");
            if (owner != null && !owner.isInt()) {
                throw new IllegalArgumentException("owner must be a partition number, got " + owner);
            }
            return new Held(owned.booleanValue(), owner == null ? Partition.UNKNOWN : owner.intValue(),
                    IncidentJson.read(n.get("incident")));
        }
    }

    /** One correlation partition and the ids its store holds (evicted ones too, until a sweep). */
    private record Local(Partition partition, Set<IncidentId> stored) {
    }

    private final CorrelationRules rules;
    private final Partitioner partitioner;
    private final Supplier<Triage> triage;
    private final CorrelationCounts counts;
    private final Map<Integer, Local> partitions = new HashMap<>();
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, Held> incidents;
    private KeyValueStore<Integer, String> watermarks;
    private WindowStore<String, Boolean> seen;

    PartitionCorrelator(CorrelationRules rules, Partitioner partitioner, Supplier<Triage> triage,
                        CorrelationCounts counts) {
        this.rules = rules;
        this.partitioner = partitioner;
        this.triage = triage;
        this.counts = counts;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        // A revived task (after an aborted transaction) calls init again on this instance, its stores rolled back.
        partitions.clear();
        this.context = context;
        this.incidents = context.getStateStore(CorrelationTopology.INCIDENTS_STORE);
        this.watermarks = context.getStateStore(CorrelationTopology.WATERMARKS_STORE);
        this.seen = context.getStateStore(CorrelationTopology.SEEN_STORE);
    }

    /** A routed event from the correlation topic, or an operator's decision from the commands topic. */
    @Override
    public void process(Record<Integer, Object> record) {
        if (record.key() == null) {
            return; // neither the router nor the API writes one
        }
        switch (record.value()) {
            case Received received -> correlate(record, record.key(), received);
            case IncidentChange decision -> decide(record, record.key(), decision);
            case null, default -> {
                // a tombstone: nobody writes one
            }
        }
    }

    private void correlate(Record<Integer, Object> record, int p, Received received) {
        Event e = received.event();
        String seenKey = p + "/" + e.id();
        long at = e.occurredAt().toEpochMilli();
        boolean seenBefore = seen.fetch(seenKey, at) != null;
        // An event handed on by another partition is not a copy delivered again, even if it was applied here.
        if (seenBefore && (received.role() == Received.Role.OWNED || received.role() == Received.Role.REPLICA)) {
            counts.skipped();
            return;
        }
        Local local = partitions.computeIfAbsent(p, this::restore);
        Partition partition = local.partition();
        Instant watermark = e.occurredAt().isAfter(partition.engine().watermark()) ? e.occurredAt()
                : partition.engine().watermark();
        var touched = new LinkedHashSet<IncidentId>();
        Processed done = partition.process(List.of(received), watermark, touched::add);
        for (IncidentId id : touched) {
            save(p, local, id);
        }
        sweep(p, local, false);
        watermarks.put(p, watermark.toString());
        if (!seenBefore) {
            // A delegated event is marked too: its replica, arriving after, must not be applied a second time.
            seen.put(seenKey, received.owned(), at);
        }
        for (IncidentChange c : done.changes()) {
            context.forward(record.withKey(c.incident().id().toString()).withValue(c),
                    CorrelationTopology.TO_INCIDENTS);
        }
        for (Forward f : done.forwards()) {
            context.forward(record.withKey(f.partition()).withValue(f.received()).withTimestamp(at),
                    CorrelationTopology.TO_PARTITIONS);
        }
        counts.emitted(done.changes().size());
        counts.handedOn(done.forwards().size());
    }

    /**
     * An operator's status change, computed by the API from the stored incident at {@code baseVersion}. This task
     * is the one writer of the incidents it owns: it applies the change only if its copy is still at that version
     * (otherwise events joined meanwhile, and the operator, who saw an older incident, gets a stale-version answer
     * once the store holds the newer one). An incident this partition no longer holds can take no more events, so
     * the change goes through as it is and the store's version check decides. A decision on another partition's
     * incident (a copy held here) is ignored: its owner gets it.
     */
    private void decide(Record<Integer, Object> record, int p, IncidentChange decision) {
        Local local = partitions.computeIfAbsent(p, this::restore);
        Partition partition = local.partition();
        IncidentId id = decision.incident().id();
        var held = partition.engine().find(id);
        if (held.isPresent()) {
            if (!partition.owns(id) || held.get().version() != decision.baseVersion()) {
                counts.refused();
                return;
            }
            partition.engine().put(decision.incident());
            save(p, local, id);
        }
        context.forward(record.withKey(id.toString()).withValue(decision), CorrelationTopology.TO_INCIDENTS);
        counts.decided();
    }

    /** The store's copy of an incident the engine changed: its latest version, or gone once the engine let it go. */
    private void save(int p, Local local, IncidentId id) {
        var held = local.partition().engine().find(id);
        if (held.isPresent()) {
            Partition partition = local.partition();
            incidents.put(key(p, id), new Held(partition.owns(id), partition.ownerOf(id), held.get()));
            local.stored().add(id);
        } else if (local.stored().remove(id)) {
            incidents.delete(key(p, id));
        }
    }

    /**
     * Deletes from the store the incidents the engine evicted. The engine does not say which it evicts, only how
     * many it holds, so this waits until a quarter of the stored ones have gone: a pass over the stored ids then
     * costs at most four lookups per incident deleted.
     */
    private void sweep(int p, Local local, boolean now) {
        int gone = local.stored().size() - local.partition().engine().openCount();
        if (gone == 0 || !now && gone * 4L < local.stored().size()) {
            return;
        }
        for (Iterator<IncidentId> it = local.stored().iterator(); it.hasNext(); ) {
            IncidentId id = it.next();
            if (local.partition().engine().find(id).isEmpty()) {
                incidents.delete(key(p, id));
                it.remove();
            }
        }
    }

    private Local restore(int p) {
        var open = new ArrayList<Incident>();
        var owners = new HashMap<IncidentId, Integer>();
        var stored = new HashSet<IncidentId>();
        try (KeyValueIterator<String, Held> it = incidents.prefixScan(p + "/", new StringSerializer())) {
            while (it.hasNext()) {
                Held h = it.next().value;
                open.add(h.incident());
                stored.add(h.incident().id());
                owners.put(h.incident().id(), h.owned() ? p : h.owner());
            }
        }
        String watermark = watermarks.get(p);
        var partition = new Partition(p, rules, triage.get(), partitioner);
        partition.restore(open, owners, watermark == null ? Instant.EPOCH : Instant.parse(watermark));
        var local = new Local(partition, stored);
        sweep(p, local, true);
        return local;
    }

    private static String key(int p, IncidentId id) {
        return p + "/" + id;
    }
}
