package org.vigie.core.correlate;

import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.priority.Triage;

/**
 * The correlator split by place: events are routed by a {@link Partitioner} to partitions, each running its own
 * {@link CorrelationEngine} on the events it owns and the copies its neighbours replicate to it, and each
 * emitting only the changes of the incidents it owns. Here all partitions run in one thread, one after the
 * other: they share nothing but the stream's watermark. A Kafka Streams processor (vigie-stream) holds one
 * {@link Partition} per task, fed by a topic keyed by partition (an event written once for its owner and once
 * per replica).
 *
 * <p><b>Ownership.</b> An incident belongs to the partition that owns the event that opened it, and its id is
 * derived from that event's id (see {@link #incidentIdFor}), so every partition that computes the incident
 * gives it the same id and the owner's changes can be told apart from the work its neighbours did on their
 * copies. Each incident has one owner, so its changes come from one partition, in order.
 *
 * <p><b>Time.</b> A partition applies its share of each batch of the stream, then takes the stream's watermark
 * (the latest event time of the whole stream so far) and forgets what expired by it. A partition that sees few
 * events would otherwise keep incidents a single engine has forgotten, and a composite rule, which compares
 * time spans rather than the last event, could still merge them there.
 *
 * <p><b>When the result equals one global engine's.</b> Same incidents — members, type, status, priority,
 * place, span, version, composite — as one {@link CorrelationEngine} given the same events in the same batches
 * (the engine forgets incidents after each batch, so batches matter to it too), provided:
 * <ol>
 * <li>the events fall into <em>groups</em> that cannot interact: every member of one group lies more than
 *     {@link Partitioner#marginFor R} (the largest rule radius, composite radii included) from the convex hull
 *     of every other group. Incident places are means of their members, so they stay in their group's hull, and
 *     no join or composite merge can cross groups;</li>
 * <li>every group has a diameter of at most the partitioner's margin. Then the owner of any event of a group
 *     receives the whole group (each member is within the margin of that event, hence of the owner's cell), so
 *     it computes the group's incidents exactly as the global engine does; what else it holds are pieces of
 *     other groups, which by 1 cannot touch them. An incident that grows wider than the margin (a chain of
 *     events drifting across a border) breaks this: the owner misses the events beyond the margin, and the
 *     neighbour, which sees only the part near it, either puts them in its copy of an incident it does not own
 *     (they are lost) or opens one of its own over them (a duplicate). {@code PartitionedCorrelationTest}
 *     documents the first;</li>
 * <li>no event has two candidate incidents at exactly the same distance: ties are broken by incident id, and a
 *     global engine draws its ids at random;</li>
 * <li>no operator verdict, merge or split intervenes (they will go to the owner of the incident).</li>
 * </ol>
 * What the margin must cover is thus the width of the widest group, not a radius as such. A group is at least
 * as wide as the distances at which its events joined (up to R) and chains make it wider, so a margin of R plus
 * the width incidents typically spread to is the sensible choice; {@link Partitioner#marginFor} gives R, the
 * least that makes sense, not a guarantee.
 */
public final class PartitionedCorrelation {
    /** Keeps the variant bits of the event's UUID, so the incident id is as well-formed as the event id. */
    private static final long ID_MIX = 0x1A5E_C7A1_0B5E_55EDL;

    private final Partitioner partitioner;
    private final List<Partition> partitions;
    private Instant watermark = Instant.EPOCH;

    public PartitionedCorrelation(CorrelationRules rules, Partitioner partitioner) {
        this.partitioner = partitioner;
        var list = new ArrayList<Partition>(partitioner.partitions());
        for (int p = 0; p < partitioner.partitions(); p++) {
            list.add(new Partition(p, rules, Triage.standard()));
        }
        this.partitions = List.copyOf(list);
    }

    public Partitioner partitioner() {
        return partitioner;
    }

    public List<Partition> partitions() {
        return partitions;
    }

    /** The id of the incident an event opens: derived from the event's, so every partition agrees on it. */
    public static IncidentId incidentIdFor(EventId opening) {
        UUID u = opening.value();
        return new IncidentId(new UUID(u.getMostSignificantBits(), u.getLeastSignificantBits() ^ ID_MIX));
    }

    /** The id of the event that opened an incident: {@link #incidentIdFor} undone (the mix is its own inverse). */
    public static EventId openingEventOf(IncidentId incident) {
        UUID u = incident.value();
        return new EventId(new UUID(u.getMostSignificantBits(), u.getLeastSignificantBits() ^ ID_MIX));
    }

    /**
     * Routes a batch to the partitions and returns what their owners emitted, partition by partition (the
     * changes of one incident come from one partition, in order).
     */
    public List<IncidentChange> process(Collection<Event> events) {
        var perPartition = new ArrayList<List<Event>>(partitions.size());
        var owners = new ArrayList<List<Boolean>>(partitions.size());
        for (int p = 0; p < partitions.size(); p++) {
            perPartition.add(new ArrayList<>());
            owners.add(new ArrayList<>());
        }
        for (Event e : events) {
            Partitioner.Route route = partitioner.route(e);
            perPartition.get(route.owner()).add(e);
            owners.get(route.owner()).add(true);
            for (int r : route.replicas()) {
                perPartition.get(r).add(e);
                owners.get(r).add(false);
            }
        }
        for (Event e : events) {
            if (e.occurredAt().isAfter(watermark)) {
                watermark = e.occurredAt();
            }
        }
        var out = new ArrayList<IncidentChange>();
        for (int p = 0; p < partitions.size(); p++) {
            var received = new ArrayList<Received>();
            for (int i = 0; i < perPartition.get(p).size(); i++) {
                received.add(new Received(perPartition.get(p).get(i), owners.get(p).get(i)));
            }
            out.addAll(partitions.get(p).process(received, watermark));
        }
        return out;
    }

    /** An event as a partition receives it: its own, or a copy from a neighbour's margin. */
    public record Received(Event event, boolean owned) {
    }

    /**
     * One partition's correlator: the unit a stream task runs. It can be rebuilt from what the task saved (its
     * open incidents, which of them it owns, its watermark), so a task moved to another machine carries on where
     * it stopped. Not thread-safe.
     */
    public static final class Partition {
        private final int number;
        private final CorrelationEngine engine;
        private final Set<IncidentId> owned = new HashSet<>();

        public Partition(int number, CorrelationRules rules, Triage triage) {
            this.number = number;
            this.engine = CorrelationEngine.withIdsFromOpeningEvents(rules, triage,
                    e -> incidentIdFor(e.id()));
        }

        public int number() {
            return number;
        }

        /** This partition's engine (its working set holds copies of its neighbours' incidents too). */
        public CorrelationEngine engine() {
            return engine;
        }

        /** Whether the incident is held here and owned here (its changes are this partition's to emit). */
        public boolean owns(IncidentId id) {
            return owned.contains(id);
        }

        /**
         * Puts back a partition saved by a stream task: the incidents its engine held (owned or copies), those it
         * owned, and its watermark, which then evicts what expired by it. Only on a partition that has processed
         * nothing yet.
         *
         * @param ownedIds ids of incidents owned here; those not in {@code open} are ignored
         */
        public void restore(Collection<Incident> open, Collection<IncidentId> ownedIds, Instant watermark) {
            if (engine.openCount() > 0 || engine.watermark().isAfter(Instant.EPOCH)) {
                throw new IllegalStateException("partition " + number + " has already processed events");
            }
            for (Incident i : open) {
                engine.put(i);
            }
            for (IncidentId id : ownedIds) {
                if (engine.find(id).isPresent()) {
                    owned.add(id);
                }
            }
            engine.advanceWatermark(watermark);
            owned.removeIf(id -> engine.find(id).isEmpty());
        }

        /**
         * Applies the events this partition received from one batch of the stream, then moves its watermark to
         * the stream's ({@code watermark}: the latest event time of the whole stream so far), so it forgets
         * incidents when a single engine would. Returns the changes of the incidents owned here.
         */
        public List<IncidentChange> process(Collection<Received> events, Instant watermark) {
            return process(events, watermark, id -> { });
        }

        /**
         * {@link #process(Collection, Instant)}, also telling {@code touched} the id of every incident the engine
         * changed, its copies of neighbours' incidents included: what a stream task saves after each record.
         */
        public List<IncidentChange> process(Collection<Received> events, Instant watermark,
                                            Consumer<IncidentId> touched) {
            var openers = new HashSet<IncidentId>();
            var batch = new ArrayList<Event>(events.size());
            for (Received r : events) {
                batch.add(r.event());
                if (r.owned()) {
                    openers.add(incidentIdFor(r.event().id()));
                }
            }
            var out = new ArrayList<IncidentChange>();
            for (IncidentChange c : engine.process(batch)) {
                IncidentId id = c.incident().id();
                touched.accept(id);
                // An incident is opened by one event; it is owned here if that event is.
                if (c.kind() == IncidentChange.Kind.OPENED && openers.contains(id)) {
                    owned.add(id);
                }
                if (owned.contains(id)) {
                    out.add(c);
                }
            }
            engine.advanceWatermark(watermark);
            // Incidents evicted or closed here can change no more: forget that they were owned.
            owned.removeIf(id -> engine.find(id).isEmpty());
            return out;
        }
    }
}
