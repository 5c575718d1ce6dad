package org.vigie.core.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Candidates come from an H3 index of incident locations (a ring of cells around the event), never from
 * a scan of all incidents; the exact distance is checked after. Events of one batch are applied in a
 * canonical order (time, then content), so the outcome does not depend on the order in which events with
 * equal timestamps arrived.
 *
 * <p>Not thread-safe: {@link Correlator} owns one instance on its writer thread.
 */
public final class CorrelationEngine {
    /** Index resolution: cells of about 0.5 km, so a ring of one or two covers every default radius. */
    public static final int INDEX_RESOLUTION = 8;
    /** Events may arrive this late (sensor clocks, batching) and still find the incident they belong to. */
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(5);

    static final Comparator<Event> CANONICAL = Comparator.comparing(Event::occurredAt)
            .thenComparing(e -> e.type().jsonName())
            .thenComparingDouble(e -> e.location().lat())
            .thenComparingDouble(e -> e.location().lon())
            .thenComparing(e -> e.source().toString())
            .thenComparing(Event::id);

    private final CorrelationRules rules;
    private final Supplier<IncidentId> ids;
    private final Map<IncidentId, Incident> open = new HashMap<>();
    private final Map<Long, List<IncidentId>> byCell = new HashMap<>();
    private final Map<IncidentId, Long> cellOf = new HashMap<>();
    private Instant watermark = Instant.EPOCH;
    private Instant lastSweep = Instant.EPOCH;

    public CorrelationEngine(CorrelationRules rules) {
        this(rules, IncidentId::newId);
    }

    /** @param ids where new incident ids come from; tests pass a counter to compare runs */
    public CorrelationEngine(CorrelationRules rules, Supplier<IncidentId> ids) {
        this.rules = rules;
        this.ids = ids;
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
                changes.put(updated.id(), new Pending(IncidentChange.Kind.OPENED));
            } else {
                updated = target.withEvent(e);
                changes.computeIfAbsent(updated.id(), k -> new Pending(IncidentChange.Kind.EVENTS_ADDED));
            }
            Pending p = changes.get(updated.id());
            p.added.add(e.id());
            p.incident = updated;
            put(updated);
        }
        sweepIfDue();
        var out = new ArrayList<IncidentChange>(changes.size());
        changes.values().forEach(p -> out.add(new IncidentChange(p.kind, p.incident, p.added)));
        return out;
    }

    private static final class Pending {
        final IncidentChange.Kind kind;
        final List<EventId> added = new ArrayList<>(2);
        Incident incident;

        Pending(IncidentChange.Kind kind) {
            this.kind = kind;
        }
    }

    /** The incident this event would join, if any. */
    public Optional<Incident> findCandidate(Event e) {
        CorrelationRule rule = rules.ruleFor(e.type());
        double radius = rule.radiusMeters();
        long cell = Cells.cell(e.location().lat(), e.location().lon(), INDEX_RESOLUTION);
        Incident best = null;
        double bestDistance = Double.MAX_VALUE;
        for (long c : Cells.disk(cell, ringFor(radius))) {
            List<IncidentId> here = byCell.get(c);
            if (here == null) {
                continue;
            }
            for (IncidentId id : here) {
                Incident inc = open.get(id);
                if (!joinable(inc, e, rule)) {
                    continue;
                }
                double d = GeoMath.distanceMeters(e.location().lat(), e.location().lon(), inc.location().lat(),
                        inc.location().lon());
                if (d <= radius && (d < bestDistance || d == bestDistance && inc.id().compareTo(best.id()) < 0)) {
                    best = inc;
                    bestDistance = d;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private boolean joinable(Incident inc, Event e, CorrelationRule rule) {
        return inc.status().acceptsEvents()
                && rules.compatible(inc.type(), e.type())
                && !e.occurredAt().isBefore(inc.firstSeen().minus(rule.window()))
                && !e.occurredAt().isAfter(inc.lastSeen().plus(rule.window()));
    }

    /** Grid distance that surely covers every cell holding a point within {@code radius} of a point. */
    static int ringFor(double radiusMeters) {
        double spacing = Math.sqrt(3) * Cells.minEdgeMeters(INDEX_RESOLUTION);
        return (int) Math.ceil(radiusMeters / spacing) + 1;
    }

    /** Adds or replaces an incident in the working set; one that no longer accepts events is dropped. */
    public void put(Incident incident) {
        Long oldCell = cellOf.get(incident.id());
        if (!incident.status().acceptsEvents()) {
            remove(incident.id());
            return;
        }
        long cell = Cells.cell(incident.location().lat(), incident.location().lon(), INDEX_RESOLUTION);
        open.put(incident.id(), incident);
        if (oldCell == null || oldCell != cell) {
            if (oldCell != null) {
                unindex(incident.id(), oldCell);
            }
            byCell.computeIfAbsent(cell, k -> new ArrayList<>(2)).add(incident.id());
            cellOf.put(incident.id(), cell);
        }
    }

    private void remove(IncidentId id) {
        open.remove(id);
        Long cell = cellOf.remove(id);
        if (cell != null) {
            unindex(id, cell);
        }
    }

    private void unindex(IncidentId id, long cell) {
        List<IncidentId> list = byCell.get(cell);
        if (list != null) {
            list.remove(id);
            if (list.isEmpty()) {
                byCell.remove(cell);
            }
        }
    }

    public Optional<Incident> find(IncidentId id) {
        return Optional.ofNullable(open.get(id));
    }

    public int openCount() {
        return open.size();
    }

    public List<Incident> openIncidents() {
        return List.copyOf(open.values());
    }

    public Instant watermark() {
        return watermark;
    }

    /**
     * Forgets incidents that no event can join any more (their window closed before the watermark), so
     * memory stays bounded by the recent past. They remain in the store and in the operator's queue.
     */
    public int evictExpired() {
        int before = open.size();
        for (Iterator<Map.Entry<IncidentId, Incident>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Incident inc = it.next().getValue();
            Duration window = rules.ruleFor(inc.type()).window();
            if (inc.lastSeen().plus(window).plus(ALLOWED_LATENESS).isBefore(watermark)) {
                it.remove();
                Long cell = cellOf.remove(inc.id());
                if (cell != null) {
                    unindex(inc.id(), cell);
                }
            }
        }
        lastSweep = watermark;
        return before - open.size();
    }

    private void sweepIfDue() {
        if (Duration.between(lastSweep, watermark).compareTo(Duration.ofMinutes(1)) >= 0) {
            evictExpired();
        }
    }
}
