package org.vigie.core.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;

/**
 * Correlator v0: an event joins the nearest open incident of a compatible type whose location is within the
 * rule's radius and whose time span, widened by the rule's window, contains the event; otherwise it opens a
 * new incident.
 *
 * <p>Candidates come from an H3 index of incident locations, one index per rule (so a gunshot never even
 * looks at graffiti), over a ring of cells around the event; the exact distance is checked after. Events of
 * one batch are applied in a canonical order (time, then content), so the outcome does not depend on the
 * order in which events with equal timestamps arrived.
 *
 * <p>Not thread-safe: {@link Correlator} owns one instance on its writer thread.
 */
public final class CorrelationEngine {
    /** Events may arrive this late (sensor clocks, batching) and still find the incident they belong to. */
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(5);
    /** Rings around a cell never change; a city has a few thousand index cells, so they are kept. */
    private static final int MAX_CACHED_RINGS = 200_000;

    static final Comparator<Event> CANONICAL = Comparator.comparing(Event::occurredAt)
            .thenComparing(e -> e.type().jsonName())
            .thenComparingDouble(e -> e.location().lat())
            .thenComparingDouble(e -> e.location().lon())
            .thenComparing(e -> e.source().toString())
            .thenComparing(Event::id);

    private final CorrelationRules rules;
    private final Supplier<IncidentId> ids;
    private final Map<IncidentId, Slot> open = new HashMap<>();
    private final Map<CorrelationRule, RuleIndex> indexes = new IdentityHashMap<>();
    /** When each open incident stops accepting events, soonest first; entries of updated incidents go stale. */
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparing(Expiry::at));
    private Instant watermark = Instant.EPOCH;

    private record Expiry(Instant at, Slot slot) {
    }

    /** An open incident and where it is indexed. Cell lists hold slots, so an update needs no list surgery. */
    private static final class Slot {
        Incident incident;
        long key;
        final RuleIndex index;

        Slot(Incident incident, RuleIndex index) {
            this.incident = incident;
            this.index = index;
        }
    }

    /**
     * The open incidents of one rule by index cell, at a resolution that suits the rule's radius, and the ring
     * that radius needs at that resolution.
     */
    private static final class RuleIndex {
        final int resolution;
        final int ring;
        final Map<Long, List<Slot>> byCell = new HashMap<>();
        final Map<Long, long[]> rings = new HashMap<>();

        RuleIndex(double radiusMeters) {
            this.resolution = resolutionFor(radiusMeters);
            this.ring = ringFor(radiusMeters, resolution);
        }

        /** H3 indexes end in unused digits (all ones); dropping them gives keys that hash well. */
        long keyOf(long cell) {
            return Cells.parent(cell, resolution) >>> (3 * (15 - resolution));
        }

        long cellOf(long key) {
            int unused = 3 * (15 - resolution);
            return (key << unused) | ((1L << unused) - 1);
        }

        long[] ringAround(long key) {
            long[] cached = rings.get(key);
            if (cached != null) {
                return cached;
            }
            List<Long> disk = Cells.disk(cellOf(key), ring);
            long[] keys = new long[disk.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = keyOf(disk.get(i));
            }
            if (rings.size() < MAX_CACHED_RINGS) {
                rings.put(key, keys);
            }
            return keys;
        }
    }

    public CorrelationEngine(CorrelationRules rules) {
        this(rules, IncidentId::newId);
    }

    /** @param ids where new incident ids come from; tests pass a counter to compare runs */
    public CorrelationEngine(CorrelationRules rules, Supplier<IncidentId> ids) {
        this.rules = rules;
        this.ids = ids;
        for (CorrelationRule r : rules.rules()) {
            indexes.put(r, new RuleIndex(r.radiusMeters()));
        }
    }

    public CorrelationRules rules() {
        return rules;
    }

    /** Applies a batch of events; returns one change per incident touched, in the order first touched. */
    public List<IncidentChange> process(Collection<Event> events) {
        var sorted = new ArrayList<>(events);
        sorted.sort(CANONICAL);
        var changes = new LinkedHashMap<IncidentId, Pending>();
        for (Event e : sorted) {
            if (e.occurredAt().isAfter(watermark)) {
                watermark = e.occurredAt();
            }
            Incident target = findCandidate(e).orElse(null);
            Incident updated;
            if (target == null) {
                updated = Incident.open(ids.get(), e);
                changes.put(updated.id(), new Pending(IncidentChange.Kind.OPENED, 0));
            } else {
                updated = target.withEvent(e);
                changes.computeIfAbsent(updated.id(), k -> new Pending(IncidentChange.Kind.EVENTS_ADDED, target.version()));
            }
            Pending p = changes.get(updated.id());
            p.added.add(e.id());
            p.incident = updated;
            put(updated);
        }
        evictExpired();
        var out = new ArrayList<IncidentChange>(changes.size());
        changes.values().forEach(p -> out.add(new IncidentChange(p.kind, p.incident, p.added, p.baseVersion)));
        return out;
    }

    private static final class Pending {
        final IncidentChange.Kind kind;
        final long baseVersion;
        final List<EventId> added = new ArrayList<>(2);
        Incident incident;

        Pending(IncidentChange.Kind kind, long baseVersion) {
            this.kind = kind;
            this.baseVersion = baseVersion;
        }
    }

    /** The incident this event would join, if any. */
    public Optional<Incident> findCandidate(Event e) {
        CorrelationRule rule = rules.ruleFor(e.type());
        RuleIndex index = indexes.get(rule);
        double radius = rule.radiusMeters();
        double lat = e.location().lat();
        double lon = e.location().lon();
        Incident best = null;
        double bestDistance = Double.MAX_VALUE;
        for (long key : index.ringAround(index.keyOf(e.location().cell()))) {
            List<Slot> here = index.byCell.get(key);
            if (here == null) {
                continue;
            }
            for (Slot slot : here) {
                Incident inc = slot.incident;
                if (!joinable(inc, e, rule)) {
                    continue;
                }
                double d = GeoMath.distanceMeters(lat, lon, inc.location().lat(), inc.location().lon());
                if (d <= radius && (d < bestDistance || d == bestDistance && inc.id().compareTo(best.id()) < 0)) {
                    best = inc;
                    bestDistance = d;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean joinable(Incident inc, Event e, CorrelationRule rule) {
        // Same rule is guaranteed by the per-rule index: rules.compatible(inc.type(), e.type()) holds here.
        return inc.status().acceptsEvents()
                && !e.occurredAt().isBefore(inc.firstSeen().minus(rule.window()))
                && !e.occurredAt().isAfter(inc.lastSeen().plus(rule.window()));
    }

    /**
     * The index resolution for a radius: fine enough that a ring covers little more than the circle, coarse
     * enough that the ring has few cells (resolution 9, cells of 0.1 km², up to 600 m; then 8; then 7).
     * Events already carry their resolution-9 cell, so the common case needs no H3 call at all.
     */
    static int resolutionFor(double radiusMeters) {
        return radiusMeters <= 600 ? 9 : radiusMeters <= 2000 ? 8 : 7;
    }

    /**
     * Grid distance that surely covers every cell holding a point within {@code radius} of a point in the
     * centre cell: two points r apart lie in cells whose centres are at most r + 2·edge apart, and one grid
     * step covers at least 1.5·edge in the worst direction. Uses the smallest edge anywhere on the globe.
     */
    static int ringFor(double radiusMeters, int resolution) {
        double edge = Cells.minEdgeMeters(resolution);
        return (int) Math.ceil((radiusMeters + 2 * edge) / (1.5 * edge));
    }

    /** Adds or replaces an incident in the working set; one that no longer accepts events is dropped. */
    public void put(Incident incident) {
        if (!incident.status().acceptsEvents()) {
            remove(incident.id());
            return;
        }
        Slot slot = open.get(incident.id());
        RuleIndex index = slot != null ? slot.index : indexes.get(rules.ruleFor(incident.type()));
        long key = index.keyOf(incident.location().cell());
        Instant expiry = expiryOf(incident);
        if (slot == null) {
            slot = new Slot(incident, index);
            slot.key = key;
            open.put(incident.id(), slot);
            slot.index.byCell.computeIfAbsent(key, k -> new ArrayList<>(4)).add(slot);
            expiries.add(new Expiry(expiry, slot));
            return;
        }
        if (!expiry.equals(expiryOf(slot.incident))) {
            expiries.add(new Expiry(expiry, slot));
        }
        slot.incident = incident;
        if (slot.key != key) {
            unindex(slot);
            slot.key = key;
            slot.index.byCell.computeIfAbsent(key, k -> new ArrayList<>(4)).add(slot);
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

    private static void unindex(Slot slot) {
        List<Slot> list = slot.index.byCell.get(slot.key);
        if (list != null) {
            list.remove(slot);
            if (list.isEmpty()) {
                slot.index.byCell.remove(slot.key);
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
     * Forgets incidents that no event can join any more (their window closed before the watermark), so
     * memory stays bounded by the recent past. They remain in the store and in the operator's queue. Costs
     * in proportion to what expired, not to what is open, so it runs after every batch.
     */
    public int evictExpired() {
        int evicted = 0;
        while (!expiries.isEmpty() && expiries.peek().at().isBefore(watermark)) {
            Expiry e = expiries.poll();
            Slot slot = e.slot();
            // Skip entries made stale by a later event (a newer entry exists) or by removal.
            if (open.get(slot.incident.id()) == slot && expiryOf(slot.incident).equals(e.at())) {
                open.remove(slot.incident.id());
                unindex(slot);
                evicted++;
            }
        }
        return evicted;
    }

    private Instant expiryOf(Incident incident) {
        return incident.lastSeen().plus(rules.ruleFor(incident.type()).window()).plus(ALLOWED_LATENESS);
    }
}
