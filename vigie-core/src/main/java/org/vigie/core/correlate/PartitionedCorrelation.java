package org.vigie.core.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.Location;
import org.vigie.core.model.MemberKind;
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
 *     neighbour, which sees only the part near it, puts them in its copy of an incident it does not own or
 *     opens one of its own over them; and a replica may join an incident there while its owner puts it
 *     elsewhere;</li>
 * <li>no event has two candidate incidents at exactly the same distance: ties are broken by incident id, and a
 *     global engine draws its ids at random;</li>
 * <li>no operator verdict, merge or split intervenes (they will go to the owner of the incident).</li>
 * </ol>
 * When they fail, still no event is lost: every event comes out in a change emitted by the owner of an incident
 * it is put in. Where an event's owner put it in its copy of another partition's incident, it hands the event on
 * to that partition, which adds it to an incident of its own or hands it back to be opened as one (see
 * {@link Partition}; two hops at most), so a chain wider than the margin usually comes out as the global engine's
 * one incident. What may differ is the grouping: two incidents where one engine makes one; rarely (a few events
 * in ten thousand on a dense day of the city) an event in two incidents, each placed there by a partition owning
 * that incident; and a composite merge that only one partition's view allows can leave the events of an absorbed
 * incident out of its survivor as the survivor's owner emits it (they were emitted in the absorbed incident,
 * which then points to the survivor).
 *
 * <p>What the margin must cover is thus the width of the widest group, not a radius as such. A group is at least
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
            list.add(new Partition(p, rules, Triage.standard(), partitioner));
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
     * changes of one incident come from one partition, in order). Events a partition hands on to another (see
     * {@link Received.Role}) are delivered in further rounds within the same call, two at most.
     */
    public List<IncidentChange> process(Collection<Event> events) {
        var deliveries = new ArrayList<Forward>();
        for (Event e : events) {
            Partitioner.Route route = partitioner.route(e);
            deliveries.add(new Forward(route.owner(), new Received(e, true)));
            for (int r : route.replicas()) {
                deliveries.add(new Forward(r, new Received(e, false)));
            }
        }
        for (Event e : events) {
            if (e.occurredAt().isAfter(watermark)) {
                watermark = e.occurredAt();
            }
        }
        var out = new ArrayList<IncidentChange>();
        // Owned events and replicas, then delegated ones, then those sent back: no record is handed on further.
        for (int round = 0; !deliveries.isEmpty(); round++) {
            if (round > 2) {
                throw new IllegalStateException("events still handed on after two rounds: " + deliveries);
            }
            var perPartition = new ArrayList<List<Received>>(partitions.size());
            for (int p = 0; p < partitions.size(); p++) {
                perPartition.add(new ArrayList<>());
            }
            deliveries.forEach(f -> perPartition.get(f.partition()).add(f.received()));
            deliveries = new ArrayList<>();
            for (int p = 0; p < partitions.size(); p++) {
                if (round > 0 && perPartition.get(p).isEmpty()) {
                    continue;
                }
                Processed done = partitions.get(p).process(perPartition.get(p), watermark, id -> { });
                out.addAll(done.changes());
                deliveries.addAll(done.forwards());
            }
        }
        return out;
    }

    /**
     * An event as a partition receives it.
     *
     * @param into for {@link Role#DELEGATED}: the incident the event's owner put it in (owned by the receiver)
     */
    public record Received(Event event, Role role, IncidentId into) {
        /** Why a partition receives an event. */
        public enum Role {
            /** The event lies in one of the partition's cells: the partition must see it emitted. */
            OWNED,
            /** A copy from a neighbour's margin: the partition emits it only if it joins an incident it owns. */
            REPLICA,
            /**
             * The event's owner put it in its copy of an incident this partition owns ({@code into}), so only this
             * partition can emit it: it places it in an incident it owns, or sends it back ({@link #RETURNED}).
             */
            DELEGATED,
            /** Sent back to its owner, which found no incident of another partition to take it: it opens one. */
            RETURNED
        }

        public Received {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(role, "role");
            if ((role == Role.DELEGATED) != (into != null)) {
                throw new IllegalArgumentException("a delegated event, and only one, names the incident it goes into");
            }
        }

        /** What the router writes: the event for its owner, or a copy for a neighbour. */
        public Received(Event event, boolean owned) {
            this(event, owned ? Role.OWNED : Role.REPLICA, null);
        }

        /** Whether this is the event as routed to its owner. */
        public boolean owned() {
            return role == Role.OWNED;
        }
    }

    /** An event one partition hands on to another (a record keyed by {@code partition} in a stream). */
    public record Forward(int partition, Received received) {
    }

    /** What a partition made of what it received: the changes it emits, and the events it hands on. */
    public record Processed(List<IncidentChange> changes, List<Forward> forwards) {
        public Processed {
            changes = List.copyOf(changes);
            forwards = List.copyOf(forwards);
        }
    }

    /**
     * One partition's correlator: the unit a stream task runs. It can be rebuilt from what the task saved (its
     * open incidents, the partition owning each, its watermark), so a task moved to another machine carries on
     * where it stopped. Not thread-safe.
     *
     * <p><b>No owned event is lost.</b> Where the partitions' views of an incident differ (condition 2 of
     * {@link PartitionedCorrelation}), an event may join, on its owner, the copy of an incident another partition
     * owns, which its owner would not emit, while that owner put it elsewhere or never received it. So after each
     * step the partition checks that every event it owns came out in a change it emits; one that did not is
     * {@link Received.Role#DELEGATED delegated} to the owner of the incident it joined, which puts it in an
     * incident it owns (the nearest, by the rules, or else the one named, whatever the distance from its own copy)
     * if it has not already, or sends it back ({@link Received.Role#RETURNED returned}) when that incident is no
     * longer open there (absorbed, closed, evicted) or was never its own (an incident a replica opened, which
     * nobody owns). The owner then opens an incident of its own for it, which it can always do. An event thus
     * travels two hops at most, and every incident keeps one writer, the owner of the event that opened it.
     */
    public static final class Partition {
        /** The owner of an incident whose owner is not known (restored from a store that did not record it). */
        public static final int UNKNOWN = -1;

        private final int number;
        private final CorrelationEngine engine;
        private final Partitioner partitioner;
        /** The partition owning each incident the engine holds ({@link #UNKNOWN} if not known), and some evicted. */
        private final Map<IncidentId, Integer> owners = new HashMap<>();

        public Partition(int number, CorrelationRules rules, Triage triage, Partitioner partitioner) {
            this.number = number;
            this.partitioner = partitioner;
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
            return ownerOf(id) == number && engine.find(id).isPresent();
        }

        /** The partition owning an incident held here (the owner of the event that opened it), or {@link #UNKNOWN}. */
        public int ownerOf(IncidentId id) {
            Integer owner = owners.get(id);
            return owner == null ? UNKNOWN : owner;
        }

        /**
         * Puts back a partition saved by a stream task: the incidents its engine held (owned or copies), the
         * partition owning each ({@link #UNKNOWN} where not known: an event joining it is then treated as if
         * its owner had none), and its watermark, which then evicts what expired by it. Only on a partition that
         * has processed nothing yet.
         *
         * @param ownerOf the partition owning each incident; those not in {@code open} are ignored
         */
        public void restore(Collection<Incident> open, Map<IncidentId, Integer> ownerOf, Instant watermark) {
            if (engine.openCount() > 0 || engine.watermark().isAfter(Instant.EPOCH)) {
                throw new IllegalStateException("partition " + number + " has already processed events");
            }
            for (Incident i : open) {
                engine.put(i);
                owners.put(i.id(), ownerOf.getOrDefault(i.id(), UNKNOWN));
            }
            engine.advanceWatermark(watermark);
            owners.keySet().removeIf(id -> engine.find(id).isEmpty());
        }

        /**
         * Applies the events this partition received from one batch of the stream, then moves its watermark to
         * the stream's ({@code watermark}: the latest event time of the whole stream so far), so it forgets
         * incidents when a single engine would. Returns the changes of the incidents owned here, and the events to
         * hand on to other partitions, which must be delivered for none to be lost. Also tells {@code touched}
         * the id of every incident the engine changed, its copies of neighbours' incidents included: what a
         * stream task saves after each record.
         */
        public Processed process(Collection<Received> events, Instant watermark, Consumer<IncidentId> touched) {
            var batch = new ArrayList<Event>(events.size());
            var byId = new HashMap<EventId, Event>();
            var mine = new ArrayList<Event>();
            var handedOn = new ArrayList<Received>();
            for (Received r : events) {
                switch (r.role()) {
                    case OWNED -> {
                        batch.add(r.event());
                        byId.put(r.event().id(), r.event());
                        mine.add(r.event());
                    }
                    case REPLICA -> {
                        batch.add(r.event());
                        byId.put(r.event().id(), r.event());
                    }
                    case DELEGATED, RETURNED -> handedOn.add(r);
                }
            }
            var step = new Step(touched);
            if (!batch.isEmpty()) {
                List<IncidentChange> changes = engine.process(batch);
                step.record(changes, byId);
                for (Event e : mine) {
                    if (!step.emitted.contains(e.id())) {
                        placeOwn(e, lastJoined(e.id(), changes), step);
                    }
                }
            }
            for (Received r : handedOn) {
                if (r.role() == Received.Role.DELEGATED) {
                    takeDelegated(r.event(), r.into(), step);
                } else {
                    takeReturned(r.event(), step);
                }
            }
            engine.advanceWatermark(watermark);
            // Incidents evicted or closed here can change no more; forget them once a quarter of those known are.
            if ((owners.size() - engine.openCount()) * 4L >= owners.size()) {
                owners.keySet().removeIf(id -> engine.find(id).isEmpty());
            }
            return new Processed(step.out, step.forwards);
        }

        /** The incident an event last became a member of in these changes (a merge's survivor takes its members). */
        private static IncidentId lastJoined(EventId event, List<IncidentChange> changes) {
            IncidentId in = null;
            for (IncidentChange c : changes) {
                if (c.addedEvents().contains(event)) {
                    in = c.incident().id();
                }
            }
            return in;
        }

        /** An event owned here that came out in no change emitted here: delegated to the owner of its incident. */
        private void placeOwn(Event e, IncidentId joined, Step step) {
            int owner = joined == null ? UNKNOWN : ownerOf(joined);
            if (owner == UNKNOWN || owner == number) {
                open(e, step);
            } else {
                step.forwards.add(new Forward(owner, new Received(e, Received.Role.DELEGATED, joined)));
            }
        }

        /**
         * Another partition's event that joined there the copy of {@code into}, owned here: it goes in an incident
         * owned here (the one it is in already, or the nearest by the rules if that is owned here, or
         * {@code into} whatever the distance from its copy here), or back to its owner.
         */
        private void takeDelegated(Event e, IncidentId into, Step step) {
            if (inOwnedIncident(e.id())) {
                return;
            }
            Incident target = nearestOwned(e);
            if (target == null && owns(into)) {
                target = engine.find(into).orElseThrow();
            }
            if (target == null) {
                step.forwards.add(new Forward(partitioner.route(e).owner(),
                        new Received(e, Received.Role.RETURNED, null)));
            } else {
                leaveCopies(e, step);
                join(target, e, step);
            }
        }

        /** An event owned here that the owner of the incident it joined could not take: it opens one here. */
        private void takeReturned(Event e, Step step) {
            if (inOwnedIncident(e.id())) {
                return;
            }
            Incident target = nearestOwned(e);
            leaveCopies(e, step);
            if (target == null) {
                open(e, step);
            } else {
                join(target, e, step);
            }
        }

        private boolean inOwnedIncident(EventId event) {
            for (Map.Entry<IncidentId, Integer> o : owners.entrySet()) {
                if (o.getValue() == number) {
                    var held = engine.find(o.getKey());
                    if (held.isPresent() && held.get().eventIds().contains(event)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The incident the event would join by the rules, if it is owned here. */
        private Incident nearestOwned(Event e) {
            return engine.findCandidate(e).filter(i -> owns(i.id())).orElse(null);
        }

        /**
         * Takes the event out of the copies of other partitions' incidents held here, before it goes in one owned
         * here: a composite rule merging such a copy into an owned incident would otherwise count it twice. A copy
         * is this partition's guess of another's incident and is never emitted, so its place is recomputed without
         * the event and the rest (sources, span) is left as it was.
         */
        private void leaveCopies(Event e, Step step) {
            for (Incident held : engine.openIncidents()) {
                if (ownerOf(held.id()) == number || !held.eventIds().contains(e.id())) {
                    continue;
                }
                step.touched.accept(held.id());
                int n = held.eventIds().size();
                if (n == 1) {
                    engine.forget(held.id());
                    continue;
                }
                var members = new ArrayList<>(held.eventIds());
                members.remove(e.id());
                var kinds = new HashMap<>(held.memberKinds());
                kinds.computeIfPresent(MemberKind.of(e), (k, count) -> count > 1 ? count - 1 : null);
                Location place = Location.of((held.location().lat() * n - e.location().lat()) / (n - 1),
                        (held.location().lon() * n - e.location().lon()) / (n - 1), held.location().accuracyMeters());
                engine.put(new Incident(held.id(), held.type(), held.status(), held.priority(), held.severity(),
                        held.confidence(), place, held.firstSeen(), held.lastSeen(), members,
                        held.sourceConfidence(), held.verdict(), held.version(), held.composite(), kinds,
                        held.priorityExplanation(), held.mergedInto(), held.regroupings()));
            }
        }

        /**
         * Puts the event in an incident owned here, chosen by the caller: no composite rule is checked for it (the
         * next event that changes the incident checks them).
         */
        private void join(Incident into, Event e, Step step) {
            int atMost = engine.rules().composite(into.composite()).map(CompositeRule::priority).orElse(5);
            Incident joined = into.withEvent(e, a -> engine.triage().assessment(a, atMost));
            engine.put(joined);
            step.record(List.of(new IncidentChange(IncidentChange.Kind.EVENTS_ADDED, joined, List.of(e.id()),
                    into.version())), Map.of());
        }

        /** Opens an incident for an event owned here, whatever incident it would join: one this partition owns. */
        private void open(Event e, Step step) {
            Incident opened = engine.triage().assess(Incident.open(incidentIdFor(e.id()), e), 5);
            engine.put(opened);
            owners.put(opened.id(), number);
            step.record(List.of(new IncidentChange(IncidentChange.Kind.OPENED, opened, List.of(e.id()), 0)),
                    Map.of());
        }

        /** What one call of {@link #process} emits and hands on, gathered as it goes. */
        private final class Step {
            final Consumer<IncidentId> touched;
            final List<IncidentChange> out = new ArrayList<>();
            final List<Forward> forwards = new ArrayList<>();
            final Set<EventId> emitted = new HashSet<>();

            Step(Consumer<IncidentId> touched) {
                this.touched = touched;
            }

            /** Notes the owner of each incident opened, and keeps the changes of those owned here. */
            void record(List<IncidentChange> changes, Map<EventId, Event> events) {
                for (IncidentChange c : changes) {
                    IncidentId id = c.incident().id();
                    touched.accept(id);
                    if (c.kind() == IncidentChange.Kind.OPENED && !owners.containsKey(id)) {
                        // Opened by one event, the incident belongs to that event's owner.
                        Event opening = events.get(c.addedEvents().getFirst());
                        owners.put(id, opening == null ? UNKNOWN : partitioner.route(opening).owner());
                    }
                    if (ownerOf(id) == number) {
                        out.add(c);
                        emitted.addAll(c.addedEvents());
                    }
                }
            }
        }
    }
}
