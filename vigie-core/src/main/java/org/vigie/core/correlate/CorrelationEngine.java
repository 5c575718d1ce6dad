package org.vigie.core.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.vigie.core.geo.CellTable;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.geo.RadiusGrid;
import org.vigie.core.model.Assessable;
import org.vigie.core.model.Assessment;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.MemberKind;
import org.vigie.core.model.Regrouping;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;
import org.vigie.core.priority.Triage;

/**
 * Correlator v1: an event joins the nearest open incident of a compatible type whose location is within the
 * rule's radius and whose time span, widened by the rule's window, contains the event; otherwise it opens a
 * new incident. Then the {@link CompositeRule composite rules} that concern the incident are checked around it,
 * and one that holds merges the incidents it brings together. Every incident touched is assessed again by
 * {@link Triage} (confidence from source reliabilities, priority, its explanation).
 *
 * <p>Candidates come from a grid index of incident locations ({@link RadiusGrid}), one index per rule (so a
 * gunshot never even looks at graffiti), over the four cells around the event; the exact distance is checked
 * after. Each composite rule has an index of its own, holding only the open incidents with a member that matches
 * one of its parts, so checking a composite rule costs four cell lookups around the incident, never a scan.
 * Events of one batch are applied in a canonical order (time, then content), and every choice between incidents
 * is broken by distance then id, so the outcome does not depend on the order in which events with equal
 * timestamps arrived.
 *
 * <p>Not thread-safe: {@link Correlator} owns one instance on its writer thread.
 */
public final class CorrelationEngine {
    /** Events may arrive this late (sensor clocks, batching) and still find the incident they belong to. */
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(5);
    private static final long LATENESS_NANOS = ALLOWED_LATENESS.toNanos();
    private static final long NOT_INDEXED = -1;

    static final Comparator<Event> CANONICAL = CanonicalOrder.INSTANCE;

    private final CorrelationRules rules;
    private final Triage triage;
    /** Triage of an incident an event is joining, with the priority its composite rule guarantees. */
    private final Function<Assessable, Assessment> assessor;
    /** The id of the incident an event opens. */
    private final Function<Event, IncidentId> ids;
    /** The id of the incident an operator's split opens (an event's derived id may already be taken). */
    private final Supplier<IncidentId> splitIds;
    private final Map<IncidentId, Slot> open = new HashMap<>();
    /** The index of each type's rule (types of one rule share it). */
    private final RuleIndex[] indexByType = new RuleIndex[EventType.values().length];
    private final List<CompositeRule> composites;
    private final RuleIndex[] compositeIndexes;
    /** Which composite rules (bit i for rule i) a kind of member concerns, by source kind and type. */
    private final long[][] concernMasks = new long[SourceKind.values().length][EventType.values().length];
    /**
     * When open incidents stop accepting events, soonest first: one entry per incident, at or before its expiry.
     * An event that extends an incident only moves its {@link Slot#expiryNanos}; the entry, once due, is put back
     * at the new time. Pushing an entry per join made the queue as long as the events of a window.
     */
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparingLong(Expiry::at));
    private Instant watermark = Instant.EPOCH;
    /** Tests set this to compare the composite indexes with a scan of every open incident. */
    private boolean scanForComposites;
    /** The cells around an event, reused from one candidate search to the next. */
    private final long[] around = new long[9];

    /** @param at epoch nanoseconds */
    private record Expiry(long at, Slot slot) {
    }

    /** An open incident and where it is indexed. */
    private static final class Slot {
        Incident incident;
        /* What the candidate searches test, copied out of the incident (and into the cells that hold it). */
        double lat;
        double lon;
        long firstNanos;
        long lastNanos;
        /** When the incident stops accepting events (see {@link #expiryOf}), in epoch nanoseconds. */
        long expiryNanos;
        /** The time of this slot's live entry in {@link #expiries} (no later than {@link #expiryNanos}). */
        long queuedNanos;
        RuleIndex index;
        long key;
        /** The cell of {@link #index} that holds this slot, and where in it. */
        Cell cell;
        int position;
        /** The change of the current batch this incident's events are gathered into, if any (see ChangeLog). */
        Pending pending;
        /** The same in the index's {@link RuleIndex#near near} grid. */
        long nearKey;
        Cell nearCell;
        int nearPosition;
        /** Key in each composite rule's index, or {@link #NOT_INDEXED}; then the cell and the place in it. */
        final long[] compositeKeys;
        final Cell[] compositeCells;
        final int[] compositePositions;

        Slot(Incident incident, RuleIndex index, int composites) {
            hold(incident);
            this.index = index;
            this.compositeKeys = new long[composites];
            this.compositeCells = new Cell[composites];
            this.compositePositions = new int[composites];
            Arrays.fill(compositeKeys, NOT_INDEXED);
        }

        void hold(Incident held) {
            // An event rarely moves the start: reading the same instant again would be a cache miss.
            this.firstNanos = incident != null && held.firstSeen() == incident.firstSeen() ? firstNanos
                    : nanos(held.firstSeen());
            this.incident = held;
            this.lat = held.location().lat();
            this.lon = held.location().lon();
            this.lastNanos = nanos(held.lastSeen());
        }

        /** Copies the place and span just held into every cell that holds this slot. */
        void refreshCells() {
            cell.write(position, this);
            nearCell.write(nearPosition, this);
            for (int r = 0; r < compositeCells.length; r++) {
                if (compositeCells[r] != null) {
                    compositeCells[r].write(compositePositions[r], this);
                }
            }
        }
    }

    /**
     * The open incidents of one index cell, each with its place in single precision: at 10^5 open incidents a
     * search meets dozens of them, and every object or array it reads is a cache miss. A search reads these places
     * first, and reads a slot (exact place and span) only for the few incidents that may be within reach. Most
     * cells of the small index hold one incident, so the first is kept in the cell itself and the others in
     * arrays (entry i ≥ 1 at i − 1). Order within a cell does not matter (every choice is broken by distance,
     * then id).
     */
    private static final class Cell implements CellTable.Keyed {
        /** The index this cell belongs to, and its key there. */
        final RuleIndex index;
        long key;
        int size;
        Slot first;
        /** {@link #first}'s place, {@link GeoMath.Circle#pack packed}. */
        long firstPacked;
        Slot[] slots = NO_SLOTS;
        long[] packed = NO_PLACES;

        Cell(RuleIndex index, long key) {
            this.index = index;
            this.key = key;
        }

        @Override
        public long key() {
            return key;
        }

        Slot slot(int p) {
            return p == 0 ? first : slots[p - 1];
        }

        long packed(int p) {
            return p == 0 ? firstPacked : packed[p - 1];
        }

        void add(Slot slot) {
            int p = size++;
            if (p > 0 && p > slots.length) {
                int n = Math.max(2, slots.length * 2);
                slots = Arrays.copyOf(slots, n);
                packed = Arrays.copyOf(packed, n);
            }
            set(p, slot);
            write(p, slot);
            place(slot, p);
        }

        private void set(int p, Slot slot) {
            if (p == 0) {
                first = slot;
            } else {
                slots[p - 1] = slot;
            }
        }

        void write(int p, Slot slot) {
            long place = GeoMath.Circle.pack(slot.lat, slot.lon);
            if (p == 0) {
                firstPacked = place;
            } else {
                packed[p - 1] = place;
            }
        }

        /** Removes the slot at {@code p}, moving the last one into its place; an emptied cell leaves its index. */
        void remove(int p) {
            int end = --size;
            if (p != end) {
                Slot moved = slot(end);
                set(p, moved);
                write(p, moved);
                place(moved, p);
            }
            set(end, null);
            if (end == 0) {
                index.release(this);
            }
        }

        private void place(Slot slot, int p) {
            int owner = index.owner;
            if (owner == FAMILY) {
                slot.cell = this;
                slot.position = p;
            } else if (owner == NEAR) {
                slot.nearCell = this;
                slot.nearPosition = p;
            } else {
                slot.compositeCells[owner] = this;
                slot.compositePositions[owner] = p;
            }
        }
    }

    private static final Slot[] NO_SLOTS = new Slot[0];
    private static final long[] NO_PLACES = new long[0];

    private static final int FAMILY = -1;
    private static final int NEAR = -2;
    private static final int NEAR_FRACTION = 4;

    /** Nanoseconds since the epoch; saturates beyond the years 1678–2262, which no valid event reaches. */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException outOfRange) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    /**
     * Open incidents by cell of a grid twice as wide as the radius the index answers for, so that the four cells of
     * {@link RadiusGrid#aroundHalf} hold every incident within that radius (see {@link RadiusGrid}).
     */
    private static final class RuleIndex {
        final RadiusGrid grid;
        /** Every incident within this many metres of a point is in the cells {@link #around} lists. */
        final double covers;
        final int owner;
        final CellTable<Cell> cells = new CellTable<>();
        /**
         * For a rule's own index: the same incidents in an index for a radius {@link #NEAR_FRACTION} times
         * smaller, searched first. Where incidents are dense, the nearest is usually that close, and its block
         * holds a sixteenth of the candidates; a candidate found there within the smaller radius is surely the
         * nearest of all (every point that close is in that block), so the wide block is searched only otherwise.
         */
        final RuleIndex near;
        /** Emptied cells kept for reuse: opening and closing incidents would otherwise make and drop cells. */
        private final Cell[] spare = new Cell[SPARE_CELLS];
        private int spares;
        private final LongFunction<Cell> newCell = this::cellAt;

        RuleIndex(double radiusMeters, int owner) {
            this.grid = new RadiusGrid(2 * radiusMeters);
            this.covers = radiusMeters;
            this.owner = owner;
            this.near = owner == FAMILY ? new RuleIndex(radiusMeters / NEAR_FRACTION, NEAR) : null;
        }

        long keyOf(double lat, double lon) {
            return grid.keyOf(lat, lon);
        }

        /** The cells that may hold an incident within {@link #covers} of the point; returns how many. */
        int around(double lat, double lon, long[] out) {
            return grid.aroundHalf(lat, lon, out);
        }

        void add(long key, Slot slot) {
            cells.getOrAdd(key, newCell).add(slot);
        }

        private Cell cellAt(long key) {
            if (spares == 0) {
                return new Cell(this, key);
            }
            Cell reused = spare[--spares];
            spare[spares] = null;
            reused.key = key;
            return reused;
        }

        void release(Cell emptied) {
            cells.remove(emptied.key);
            if (spares < spare.length) {
                spare[spares++] = emptied;
            }
        }
    }

    private static final int SPARE_CELLS = 64;

    public CorrelationEngine(CorrelationRules rules) {
        this(rules, Triage.standard(), IncidentId::newId);
    }

    /** @param ids where new incident ids come from; tests pass a counter to compare runs */
    public CorrelationEngine(CorrelationRules rules, Supplier<IncidentId> ids) {
        this(rules, Triage.standard(), ids);
    }

    public CorrelationEngine(CorrelationRules rules, Triage triage) {
        this(rules, triage, IncidentId::newId);
    }

    public CorrelationEngine(CorrelationRules rules, Triage triage, Supplier<IncidentId> ids) {
        this((Event e) -> ids.get(), ids, rules, triage);
    }

    /**
     * An engine whose incident ids follow from the event that opens them, so that engines holding copies of the
     * same events (the partitions of {@link PartitionedCorrelation}) name the same incident alike. Splits, which
     * only the owner of an incident makes, get fresh ids: the first moved event may be the one that opened the
     * source.
     */
    static CorrelationEngine withIdsFromOpeningEvents(CorrelationRules rules, Triage triage,
                                                      Function<Event, IncidentId> ids) {
        return new CorrelationEngine(ids, IncidentId::newId, rules, triage);
    }

    private CorrelationEngine(Function<Event, IncidentId> ids, Supplier<IncidentId> splitIds, CorrelationRules rules,
                              Triage triage) {
        this.rules = rules;
        this.triage = triage;
        this.assessor = joined -> triage.assessment(joined, atMost(joined.composite()));
        this.ids = ids;
        this.splitIds = splitIds;
        Map<CorrelationRule, RuleIndex> indexes = new IdentityHashMap<>();
        for (EventType type : EventType.values()) {
            indexByType[type.ordinal()] = indexes.computeIfAbsent(rules.ruleFor(type),
                    r -> new RuleIndex(r.radiusMeters(), FAMILY));
        }
        this.composites = rules.composites();
        if (composites.size() > 63) {
            throw new IllegalArgumentException("at most 63 composite rules, got " + composites.size());
        }
        this.compositeIndexes = new RuleIndex[composites.size()];
        for (int i = 0; i < composites.size(); i++) {
            compositeIndexes[i] = new RuleIndex(composites.get(i).radiusMeters(), i);
            for (SourceKind source : SourceKind.values()) {
                for (EventType type : EventType.values()) {
                    if (composites.get(i).concerns(new MemberKind(source, type))) {
                        concernMasks[source.ordinal()][type.ordinal()] |= 1L << i;
                    }
                }
            }
        }
    }

    public CorrelationRules rules() {
        return rules;
    }

    /** This engine, finding composite candidates by scanning every open incident: a reference for tests. */
    CorrelationEngine scanningForComposites() {
        scanForComposites = true;
        return this;
    }

    public Triage triage() {
        return triage;
    }

    /** Applies a batch of events; returns the changes in the order they were made (see {@link ChangeLog}). */
    public List<IncidentChange> process(Collection<Event> events) {
        List<Event> sorted;
        if (events.size() == 1 && events instanceof List<Event> one) {
            sorted = one; // a stream processor's usual call: nothing to order
        } else {
            sorted = new ArrayList<>(events);
            sorted.sort(CANONICAL);
        }
        var log = new ChangeLog(sorted.size());
        for (int i = 0, n = sorted.size(); i < n; i++) {
            Event e = sorted.get(i);
            if (e.occurredAt().isAfter(watermark)) {
                watermark = e.occurredAt();
            }
            Slot target = candidate(e);
            Incident updated;
            if (target == null) {
                updated = assess(Incident.open(ids.apply(e), e));
                log.joined(keep(updated), null, updated, e.id());
            } else {
                Incident before = target.incident;
                updated = before.withEvent(e, assessor);
                log.joined(target, before, updated, e.id());
                update(target, updated);
            }
            if (!composites.isEmpty()) {
                applyComposites(updated, e.occurredAt(), log);
            }
        }
        evictExpired();
        return log.changes();
    }

    /**
     * The changes of one batch, in the order made. Events that join an incident are gathered into one change per
     * incident ({@code OPENED} or {@code EVENTS_ADDED}); a merge closes that change, records its own
     * ({@code ABSORBED} for each absorbed incident, then {@code MERGED} for the survivor) and later events start a
     * new one, so each change can be checked against the version it was based on.
     */
    private static final class ChangeLog {
        private final List<Object> order;

        ChangeLog() {
            this(4);
        }

        /** @param events how many events the batch has: at most that many incidents change, and usually fewer */
        ChangeLog(int events) {
            order = new ArrayList<>(events);
        }

        /**
         * An event joined (or opened, with {@code before} null) the incident held in {@code slot}. The change
         * being gathered hangs on the slot, not in a map by id: at 10^5 open incidents, hashing an id read two
         * objects that were no longer in the cache.
         */
        void joined(Slot slot, Incident before, Incident after, EventId event) {
            Pending p = gathering(slot);
            if (p == null) {
                p = before == null ? new Pending(this, slot, IncidentChange.Kind.OPENED, 0)
                        : new Pending(this, slot, IncidentChange.Kind.EVENTS_ADDED, before.version());
                slot.pending = p;
                order.add(p);
            }
            p.added.add(event);
            p.incident = after;
        }

        /** The incident changed again within the step that is being gathered (no version of its own). */
        void touched(Slot slot, Incident after) {
            gathering(slot).incident = after;
        }

        /** A change of its own; the next event that joins the incident (held in {@code slot}, if any) starts anew. */
        void made(Slot slot, IncidentChange change) {
            if (gathering(slot) != null) {
                slot.pending = null;
            }
            order.add(change);
        }

        private Pending gathering(Slot slot) {
            return slot != null && slot.pending != null && slot.pending.log == this ? slot.pending : null;
        }

        /** The changes, in order; the slots let go of what was gathered (it would hold old versions alive). */
        List<IncidentChange> changes() {
            var out = new ArrayList<IncidentChange>(order.size());
            for (Object o : order) {
                if (o instanceof Pending p) {
                    out.add(new IncidentChange(p.kind, p.incident, p.added, p.baseVersion));
                    if (p.slot.pending == p) {
                        p.slot.pending = null;
                    }
                } else {
                    out.add((IncidentChange) o);
                }
            }
            return out;
        }
    }

    private static final class Pending {
        final ChangeLog log;
        final Slot slot;
        final IncidentChange.Kind kind;
        final long baseVersion;
        final List<EventId> added = new ArrayList<>(2);
        Incident incident;

        Pending(ChangeLog log, Slot slot, IncidentChange.Kind kind, long baseVersion) {
            this.log = log;
            this.slot = slot;
            this.kind = kind;
            this.baseVersion = baseVersion;
        }
    }

    /** The incident this event would join, if any. */
    public Optional<Incident> findCandidate(Event e) {
        Slot slot = candidate(e);
        return slot == null ? Optional.empty() : Optional.of(slot.incident);
    }

    private Slot candidate(Event e) {
        CorrelationRule rule = rules.ruleFor(e.type());
        RuleIndex index = indexByType[e.type().ordinal()];
        double lat = e.location().lat();
        double lon = e.location().lon();
        long t = nanos(e.occurredAt());
        long window = rule.window().toNanos();
        // The nearest within the small radius, if any, is the nearest of all.
        Slot near = nearest(index.near, lat, lon, new GeoMath.Circle(lat, lon, index.near.covers), t, window);
        return near != null ? near
                : nearest(index, lat, lon, new GeoMath.Circle(lat, lon, rule.radiusMeters()), t, window);
    }

    /**
     * The nearest incident of the cells around the point (within the circle, which the index covers, and the
     * window; ties go to the smaller id), or null.
     */
    private Slot nearest(RuleIndex index, double lat, double lon, GeoMath.Circle circle, long t, long window) {
        Slot best = null;
        double bestDistance = Double.MAX_VALUE;
        long[] keys = around;
        for (int k = 0, cells = index.around(lat, lon, keys); k < cells; k++) {
            Cell here = index.cells.get(keys[k]);
            if (here == null) {
                continue;
            }
            // Every slot here is open (put removes the others) and of a type this rule joins with the event's.
            for (int i = 0, n = here.size; i < n; i++) {
                if (circle.surelyBeyond(here.packed(i))) {
                    continue;
                }
                Slot slot = here.slot(i);
                if (t < slot.firstNanos - window || t > slot.lastNanos + window) {
                    continue;
                }
                double d = circle.distanceWithin(slot.lat, slot.lon);
                if (d != Double.POSITIVE_INFINITY && (d < bestDistance
                        || d == bestDistance && slot.incident.id().compareTo(best.incident.id()) < 0)) {
                    best = slot;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Composite rules

    /**
     * Checks, in configuration order, the composite rules that concern {@code incident} (which an event just
     * joined or opened), around it; the first that holds merges, and no other is checked for this event.
     * Only groups holding {@code incident} can have changed, so the anchors worth trying are the incident
     * itself and the anchors within the rule's radius of it (nearest first, then by id).
     */
    private void applyComposites(Incident incident, Instant at, ChangeLog log) {
        long mask = maskOf(incident);
        for (int r = 0; r < composites.size(); r++) {
            if ((mask & (1L << r)) != 0 && applyComposite(r, incident, at, log)) {
                return;
            }
        }
    }

    private record Near(Incident incident, double distance) {
    }

    private static final Comparator<Near> NEAREST = Comparator.comparingDouble(Near::distance)
            .thenComparing(n -> n.incident().id());

    private boolean applyComposite(int r, Incident incident, Instant at, ChangeLog log) {
        CompositeRule rule = composites.get(r);
        var anchors = new ArrayList<Near>();
        for (Near n : around(r, incident)) {
            if (anchors(rule, n.incident())) {
                anchors.add(n);
            }
        }
        anchors.sort(NEAREST);
        if (anchors(rule, incident)) {
            anchors.addFirst(new Near(incident, 0));
        }
        for (Near a : anchors) {
            Incident anchor = a.incident();
            var group = new ArrayList<Incident>();
            for (Near n : around(r, anchor)) {
                if (absorbable(rule, n.incident())) {
                    group.add(n.incident());
                }
            }
            if (!holds(rule, anchor, group)) {
                continue;
            }
            if (group.isEmpty()) {
                // The anchor alone now holds the rule: only the incident being gathered can change without a step
                // of its own; any other anchor holding alone was marked when it last changed.
                if (anchor == incident && !rule.name().equals(anchor.composite())) {
                    Incident marked = assess(anchor.withComposite(rule.type(), rule.name()));
                    log.touched(open.get(marked.id()), marked);
                    put(marked);
                    return true;
                }
                continue;
            }
            group.sort(Comparator.comparing(Incident::id));
            merge(anchor, group, Regrouping.RULE_PREFIX + rule.name(), at, "composite rule " + rule.name(), null,
                    rule, log).forEach(this::put);
            return true;
        }
        return false;
    }

    /** Open incidents in the rule's index within its radius of {@code centre} and its window of its span. */
    private List<Near> around(int r, Incident centre) {
        CompositeRule rule = composites.get(r);
        RuleIndex index = compositeIndexes[r];
        var out = new ArrayList<Near>();
        var circle = new GeoMath.Circle(centre.location().lat(), centre.location().lon(), rule.radiusMeters());
        long from = nanos(centre.firstSeen()) - rule.window().toNanos();
        long to = nanos(centre.lastSeen()) + rule.window().toNanos();
        if (scanForComposites) {
            for (Slot slot : open.values()) {
                if ((maskOf(slot.incident) & (1L << r)) != 0 && slot.firstNanos <= to && slot.lastNanos >= from
                        && !slot.incident.id().equals(centre.id())) {
                    double d = circle.distanceWithin(slot.lat, slot.lon);
                    if (d != Double.POSITIVE_INFINITY) {
                        out.add(new Near(slot.incident, d));
                    }
                }
            }
            return out;
        }
        long[] keys = new long[9];
        for (int k = 0, cells = index.around(centre.location().lat(), centre.location().lon(), keys);
             k < cells; k++) {
            Cell here = index.cells.get(keys[k]);
            for (int i = 0, n = here == null ? 0 : here.size; i < n; i++) {
                if (circle.surelyBeyond(here.packed(i))) {
                    continue;
                }
                Slot slot = here.slot(i);
                if (slot.firstNanos > to || slot.lastNanos < from || slot.incident.id().equals(centre.id())) {
                    continue;
                }
                double d = circle.distanceWithin(slot.lat, slot.lon);
                if (d != Double.POSITIVE_INFINITY) {
                    out.add(new Near(slot.incident, d));
                }
            }
        }
        return out;
    }

    private static boolean anchors(CompositeRule rule, Incident i) {
        return i.status().acceptsEvents() && rule.anchor().count(i) > 0
                && (i.composite() == null || i.composite().equals(rule.name()));
    }

    /** Incidents no operator has taken up yet, and not shaped by another rule. */
    private static boolean absorbable(CompositeRule rule, Incident i) {
        return i.status() == IncidentStatus.NEW && (i.composite() == null || i.composite().equals(rule.name()));
    }

    private static boolean holds(CompositeRule rule, Incident anchor, List<Incident> group) {
        for (CompositeRule.Part p : rule.parts()) {
            int n = p.count(anchor);
            for (int i = 0; i < group.size() && n < p.minCount(); i++) {
                n += p.count(group.get(i));
            }
            if (n < p.minCount()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code survivor} absorbs {@code others} (in that order): each becomes closed, empty and points to the
     * survivor; the survivor gets their events. Records the changes; returns the incidents changed, the survivor
     * last, for the caller to put in the working set.
     */
    private List<Incident> merge(Incident survivor, List<Incident> others, String by, Instant at, String reason,
                                 Verdict verdict, CompositeRule rule, ChangeLog log) {
        var changed = new ArrayList<Incident>(others.size() + 1);
        Incident merged = survivor;
        var moved = new ArrayList<EventId>();
        var absorbedIds = new ArrayList<IncidentId>(others.size());
        for (Incident other : others) {
            var entry = new Regrouping(Regrouping.Kind.ABSORBED, by, at, reason, List.of(survivor.id()), other.eventIds());
            Incident closed = other.absorbedInto(survivor.id(), entry, verdict);
            log.made(open.get(other.id()), new IncidentChange(IncidentChange.Kind.ABSORBED, closed, List.of(),
                    other.eventIds(), other.version()));
            changed.add(closed);
            merged = merged.absorb(other, null);
            moved.addAll(other.eventIds());
            absorbedIds.add(other.id());
        }
        merged = merged.withRegrouping(new Regrouping(Regrouping.Kind.MERGED, by, at, reason, absorbedIds, moved));
        if (rule != null) {
            merged = merged.withComposite(rule.type(), rule.name());
        }
        merged = assess(merged);
        log.made(open.get(survivor.id()),
                new IncidentChange(IncidentChange.Kind.MERGED, merged, moved, List.of(), survivor.version()));
        changed.add(merged);
        return changed;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Operator regroupings: computed here without touching the working set (the correlator applies them once
    // the store has them, see adopt).

    /**
     * What merging {@code others} into {@code survivor} by an operator gives: one {@code ABSORBED} change per
     * other incident (closed, with a verdict naming the operator), then the survivor's {@code MERGED} change.
     * Does not change the working set.
     *
     * @throws RegroupingRefusedException when an incident is not open or is listed twice, or the survivor is among
     *         the others
     */
    public List<IncidentChange> mergeByOperator(Incident survivor, List<Incident> others, String by, Instant at,
                                                String reason) {
        if (!survivor.status().acceptsEvents()) {
            throw new RegroupingRefusedException("incident " + survivor.id() + " is " + survivor.status().jsonName()
                    + "; merge into an open incident (new, acknowledged or confirmed)");
        }
        if (others.isEmpty()) {
            throw new RegroupingRefusedException("name at least one incident to merge into " + survivor.id());
        }
        Set<IncidentId> seen = new HashSet<>();
        for (Incident o : others) {
            if (o.id().equals(survivor.id())) {
                throw new RegroupingRefusedException("incident " + survivor.id() + " cannot be merged into itself");
            }
            if (!seen.add(o.id())) {
                throw new RegroupingRefusedException("incident " + o.id() + " is listed twice");
            }
            if (!o.status().acceptsEvents()) {
                throw new RegroupingRefusedException("incident " + o.id() + " is " + o.status().jsonName()
                        + "; only open incidents (new, acknowledged or confirmed) can be merged");
            }
        }
        var log = new ChangeLog();
        String why = reason == null || reason.isBlank() ? "" : reason;
        var verdict = new Verdict(by, at, ("merged into " + survivor.id() + (why.isEmpty() ? "" : ": " + why)));
        merge(survivor, others, by, at, why, verdict, null, log);
        return log.changes();
    }

    /**
     * What moving {@code moving} out of {@code source} into a new incident by an operator gives: the source's
     * {@code SPLIT} change (place, span, sources and severity computed again from the events it keeps), then the
     * new incident's {@code OPENED} change and its {@code STATUS_CHANGED} to acknowledged (an operator made it,
     * so someone is on it; and a composite rule will not take it back). Does not change the working set.
     *
     * @param members every member of {@code source}, as stored
     * @param type    the new incident's type; null: the type of its earliest event
     * @throws RegroupingRefusedException when the source is not open, an event is not a member, or nothing would
     *         be left
     */
    public List<IncidentChange> splitByOperator(Incident source, List<Event> members, Collection<EventId> moving,
                                                EventType type, String by, Instant at, String reason) {
        if (!source.status().acceptsEvents()) {
            throw new RegroupingRefusedException("incident " + source.id() + " is " + source.status().jsonName()
                    + "; only open incidents (new, acknowledged or confirmed) can be split");
        }
        Set<EventId> move = new LinkedHashSet<>(moving);
        if (move.isEmpty()) {
            throw new RegroupingRefusedException("name at least one event to move out of incident " + source.id());
        }
        Set<EventId> memberIds = new HashSet<>(source.eventIds());
        for (EventId id : move) {
            if (!memberIds.contains(id)) {
                throw new RegroupingRefusedException("event " + id + " is not a member of incident " + source.id());
            }
        }
        if (move.size() == memberIds.size()) {
            throw new RegroupingRefusedException("moving every event would leave incident " + source.id()
                    + " empty; leave at least one, or dismiss it instead");
        }
        Map<EventId, Event> byId = new HashMap<>();
        members.forEach(e -> byId.put(e.id(), e));
        var keep = new ArrayList<Event>();
        var moved = new ArrayList<Event>();
        for (EventId id : source.eventIds()) {
            Event e = byId.get(id);
            if (e == null) {
                throw new IllegalStateException("event " + id + " of incident " + source.id() + " is not in the store");
            }
            (move.contains(id) ? moved : keep).add(e);
        }
        moved.sort(CANONICAL);
        List<EventId> movedIds = moved.stream().map(Event::id).toList();
        String why = reason == null ? "" : reason;

        IncidentId newId = splitIds.get();
        Incident created = Incident.open(newId, moved.getFirst());
        for (Event e : moved.subList(1, moved.size())) {
            created = created.withEvent(e);
        }
        if (type != null) {
            created = created.withComposite(type, null);
        }
        created = assess(created.withRegrouping(
                new Regrouping(Regrouping.Kind.SPLIT_OFF, by, at, why, List.of(source.id()), movedIds)));

        Incident kept = source.keeping(keep, new Regrouping(Regrouping.Kind.SPLIT, by, at, why, List.of(newId), movedIds));
        CompositeRule shaped = rules.composite(kept.composite()).orElse(null);
        if (kept.composite() != null && (shaped == null || !shaped.heldBy(kept))) {
            kept = kept.withComposite(kept.type(), null);
        }
        kept = assess(kept);
        Incident acknowledged = created.transition(IncidentStatus.ACKNOWLEDGED,
                new Verdict(by, at, "split from " + source.id()));
        return List.of(
                new IncidentChange(IncidentChange.Kind.SPLIT, kept, List.of(), movedIds, source.version()),
                new IncidentChange(IncidentChange.Kind.OPENED, created, movedIds, 0),
                new IncidentChange(IncidentChange.Kind.STATUS_CHANGED, acknowledged, List.of(), created.version()));
    }

    /**
     * Takes a changed incident into the working set once the store has it: removed when it no longer accepts
     * events; replaced when held; added when events may still join it (its window has not closed before the
     * watermark), so an incident merged out of the working set comes back only if it can still grow.
     */
    public void adopt(Incident incident) {
        if (!incident.status().acceptsEvents()) {
            remove(incident.id());
        } else if (open.containsKey(incident.id()) || expiryOf(incident) >= nanos(watermark)) {
            put(incident);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Confidence, priority and explanation, with the priority a composite rule guarantees. */
    private Incident assess(Incident incident) {
        return triage.assess(incident, atMost(incident.composite()));
    }

    private int atMost(String composite) {
        return composite == null ? 5 : rules.composite(composite).map(CompositeRule::priority).orElse(5);
    }

    private long maskOf(Incident incident) {
        long mask = 0;
        for (MemberKind k : incident.memberKinds().keySet()) {
            mask |= concernMasks[k.source().ordinal()][k.type().ordinal()];
        }
        return mask;
    }

    /**
     * The index resolution for a radius: fine enough that a ring covers little more than the circle, coarse
     * enough that the ring has few cells (resolution 9, cells of 0.1 km², up to 600 m; then 8; then 7).
     * Events already carry their resolution-9 cell, so the common case needs no H3 call at all.
     */
    public static int resolutionFor(double radiusMeters) {
        return radiusMeters <= 600 ? 9 : radiusMeters <= 2000 ? 8 : 7;
    }

    /**
     * Grid distance that surely covers every cell holding a point within {@code radius} of a point in the
     * centre cell: two points r apart lie in cells whose centres are at most r + 2·edge apart, and one grid
     * step covers at least 1.5·edge in the worst direction. Uses the smallest edge anywhere on the globe.
     */
    public static int ringFor(double radiusMeters, int resolution) {
        double edge = Cells.minEdgeMeters(resolution);
        return (int) Math.ceil((radiusMeters + 2 * edge) / (1.5 * edge));
    }

    /** Adds or replaces an incident in the working set; one that no longer accepts events is dropped. */
    public void put(Incident incident) {
        keep(incident);
    }

    /** {@link #put}; returns the incident's slot, or null when it was dropped. */
    private Slot keep(Incident incident) {
        if (!incident.status().acceptsEvents()) {
            remove(incident.id());
            return null;
        }
        Slot slot = open.get(incident.id());
        if (slot != null) {
            update(slot, incident);
            return slot;
        }
        RuleIndex family = indexByType[incident.type().ordinal()];
        long key = family.keyOf(incident.location().lat(), incident.location().lon());
        long expiry = expiryOf(incident);
        slot = new Slot(incident, family, composites.size());
        slot.key = key;
        slot.nearKey = family.near.keyOf(slot.lat, slot.lon);
        slot.expiryNanos = expiry;
        open.put(incident.id(), slot);
        family.add(key, slot);
        family.near.add(slot.nearKey, slot);
        indexComposites(slot);
        queue(slot, expiry);
        return slot;
    }

    /** Moves the open incident held in {@code slot} to its new version {@code incident} (which accepts events). */
    private void update(Slot slot, Incident incident) {
        RuleIndex family = indexByType[incident.type().ordinal()];
        long key = family.keyOf(incident.location().lat(), incident.location().lon());
        long expiry = expiryOf(incident);
        slot.expiryNanos = expiry;
        if (expiry < slot.queuedNanos) {
            queue(slot, expiry); // sooner than queued (a split, another type): the older entry goes stale
        }
        slot.hold(incident);
        long nearKey = family.near.keyOf(slot.lat, slot.lon);
        if (slot.index != family || slot.key != key) {
            // A composite rule may give an incident a type of another family; it then grows by that family.
            slot.cell.remove(slot.position);
            family.add(key, slot);
        }
        if (slot.index != family || slot.nearKey != nearKey) {
            slot.nearCell.remove(slot.nearPosition);
            family.near.add(nearKey, slot);
        }
        slot.index = family;
        slot.key = key;
        slot.nearKey = nearKey;
        indexComposites(slot);
        slot.refreshCells();
    }

    private void indexComposites(Slot slot) {
        if (composites.isEmpty()) {
            return;
        }
        long mask = maskOf(slot.incident);
        for (int r = 0; r < composites.size(); r++) {
            RuleIndex index = compositeIndexes[r];
            long key = (mask & (1L << r)) != 0 ? index.keyOf(slot.lat, slot.lon) : NOT_INDEXED;
            long old = slot.compositeKeys[r];
            if (old != key) {
                if (old != NOT_INDEXED) {
                    slot.compositeCells[r].remove(slot.compositePositions[r]);
                    slot.compositeCells[r] = null;
                }
                if (key != NOT_INDEXED) {
                    index.add(key, slot);
                }
                slot.compositeKeys[r] = key;
            }
        }
    }

    /** Drops an incident from the working set (used when the store did not record its latest change). */
    public void forget(IncidentId id) {
        remove(id);
    }

    private void remove(IncidentId id) {
        Slot slot = open.remove(id);
        if (slot != null) {
            unindex(slot);
        }
    }

    private void unindex(Slot slot) {
        slot.cell.remove(slot.position);
        slot.nearCell.remove(slot.nearPosition);
        for (int r = 0; r < slot.compositeKeys.length; r++) {
            if (slot.compositeKeys[r] != NOT_INDEXED) {
                slot.compositeCells[r].remove(slot.compositePositions[r]);
                slot.compositeCells[r] = null;
                slot.compositeKeys[r] = NOT_INDEXED;
            }
        }
    }

    public Optional<Incident> find(IncidentId id) {
        Slot slot = open.get(id);
        return slot == null ? Optional.empty() : Optional.of(slot.incident);
    }

    public int openCount() {
        return open.size();
    }

    public List<Incident> openIncidents() {
        return open.values().stream().map(s -> s.incident).toList();
    }

    public Instant watermark() {
        return watermark;
    }

    /**
     * Moves the watermark forward to {@code time} (never back) and forgets what expired by then. A partition,
     * which sees only part of the stream, learns the stream's watermark this way, so that it forgets incidents
     * exactly when a single engine would (a composite rule could otherwise still find one there).
     */
    public int advanceWatermark(Instant time) {
        if (time.isAfter(watermark)) {
            watermark = time;
        }
        return evictExpired();
    }

    /**
     * Forgets incidents that no event can join any more (their window closed before the watermark), so
     * memory stays bounded by the recent past. They remain in the store and in the operator's queue. Costs
     * in proportion to what expired, not to what is open, so it runs after every batch.
     */
    public int evictExpired() {
        int evicted = 0;
        long now = nanos(watermark);
        while (!expiries.isEmpty() && expiries.peek().at() < now) {
            Expiry e = expiries.poll();
            Slot slot = e.slot();
            // Skip entries superseded by a sooner one, and those of incidents no longer held.
            if (slot.queuedNanos != e.at() || open.get(slot.incident.id()) != slot) {
                continue;
            }
            if (slot.expiryNanos < now) {
                open.remove(slot.incident.id());
                unindex(slot);
                evicted++;
            } else {
                queue(slot, slot.expiryNanos); // extended by later events
            }
        }
        return evicted;
    }

    private void queue(Slot slot, long at) {
        slot.queuedNanos = at;
        expiries.add(new Expiry(at, slot));
    }

    /**
     * When no event can join the incident any more, nor a composite rule find it: its last event plus the
     * longest window of its family and of the composite rules that concern it, plus the allowed lateness (epoch
     * nanoseconds).
     */
    private long expiryOf(Incident incident) {
        long window = rules.ruleFor(incident.type()).window().toNanos();
        if (!composites.isEmpty()) {
            long mask = maskOf(incident);
            for (int r = 0; r < composites.size(); r++) {
                if ((mask & (1L << r)) != 0) {
                    window = Math.max(window, composites.get(r).window().toNanos());
                }
            }
        }
        return nanos(incident.lastSeen()) + window + LATENESS_NANOS;
    }
}
