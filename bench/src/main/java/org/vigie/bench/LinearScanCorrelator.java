package org.vigie.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.vigie.core.correlate.CanonicalOrder;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRule;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.priority.Triage;

/**
 * Baseline for {@link CorrelationEngine}: the same correlator with the spatial index taken out. Every event
 * is compared with every open incident.
 *
 * <p>Everything except the candidate search copies the engine: the same canonical order within a batch, the
 * same join rule ({@code rules.compatible}, haversine distance ≤ the rule's radius, the rule's window around
 * the incident's time span, nearest wins, ties to the smaller id), the same bookkeeping of changes, the same
 * assessment of every incident touched ({@link Triage#standard()}, as the engine's default), the same
 * eviction sweep. Composite rules are left out of both (the scenario has none). So the ratio engine / linear is the benefit of the index (and its cost, where it has
 * one), nothing else. {@link Equivalence} checks that both make the same decisions before any measurement.
 *
 * <p>Open incidents sit in an array (with a map from id to slot), so the scan is a tight loop over
 * references; this is a fair, not a straw-man, baseline.
 */
public final class LinearScanCorrelator {

    private final CorrelationRules rules;
    private final Supplier<IncidentId> ids;
    private final Triage triage = Triage.standard();
    private final ArrayList<Incident> open = new ArrayList<>();
    private final Map<IncidentId, Integer> slot = new HashMap<>();
    private Instant watermark = Instant.EPOCH;
    private Instant lastSweep = Instant.EPOCH;

    public LinearScanCorrelator(CorrelationRules rules) {
        this(rules, IncidentId::newId);
    }

    public LinearScanCorrelator(CorrelationRules rules, Supplier<IncidentId> ids) {
        this.rules = rules;
        this.ids = ids;
    }

    public List<IncidentChange> process(Collection<Event> events) {
        var sorted = new ArrayList<>(events);
        sorted.sort(CanonicalOrder.INSTANCE);
        var changes = new LinkedHashMap<IncidentId, Pending>();
        for (Event e : sorted) {
            if (e.occurredAt().isAfter(watermark)) {
                watermark = e.occurredAt();
            }
            Incident target = findCandidate(e).orElse(null);
            Incident updated;
            if (target == null) {
                updated = triage.assess(Incident.open(ids.get(), e), 5);
                changes.put(updated.id(), new Pending(IncidentChange.Kind.OPENED, 0));
            } else {
                updated = triage.assess(target.withEvent(e), 5);
                changes.computeIfAbsent(updated.id(), k -> new Pending(IncidentChange.Kind.EVENTS_ADDED, target.version()));
            }
            Pending p = changes.get(updated.id());
            p.added.add(e.id());
            p.incident = updated;
            put(updated);
        }
        sweepIfDue();
        var out = new ArrayList<IncidentChange>(changes.size());
        changes.values().forEach(p -> out.add(new IncidentChange(p.kind, p.incident, p.added, p.baseVersion)));
        return out;
    }

    private static final class Pending {
        final IncidentChange.Kind kind;
        final List<EventId> added = new ArrayList<>(2);
        Incident incident;

        final long baseVersion;

        Pending(IncidentChange.Kind kind, long baseVersion) {
            this.kind = kind;
            this.baseVersion = baseVersion;
        }
    }

    /** The incident this event would join, if any: a scan of every open incident. */
    public Optional<Incident> findCandidate(Event e) {
        CorrelationRule rule = rules.ruleFor(e.type());
        double radius = rule.radiusMeters();
        double lat = e.location().lat();
        double lon = e.location().lon();
        Incident best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0, size = open.size(); i < size; i++) {
            Incident inc = open.get(i);
            if (!joinable(inc, e, rule)) {
                continue;
            }
            double d = GeoMath.distanceMeters(lat, lon, inc.location().lat(), inc.location().lon());
            if (d <= radius && (d < bestDistance || d == bestDistance && inc.id().compareTo(best.id()) < 0)) {
                best = inc;
                bestDistance = d;
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

    /** Adds or replaces an incident; one that no longer accepts events is dropped. */
    public void put(Incident incident) {
        Integer at = slot.get(incident.id());
        if (!incident.status().acceptsEvents()) {
            if (at != null) {
                removeAt(at);
            }
            return;
        }
        if (at == null) {
            slot.put(incident.id(), open.size());
            open.add(incident);
        } else {
            open.set(at, incident);
        }
    }

    private void removeAt(int i) {
        Incident gone = open.get(i);
        int last = open.size() - 1;
        if (i != last) {
            Incident moved = open.get(last);
            open.set(i, moved);
            slot.put(moved.id(), i);
        }
        open.remove(last);
        slot.remove(gone.id());
    }

    public Optional<Incident> find(IncidentId id) {
        Integer at = slot.get(id);
        return at == null ? Optional.empty() : Optional.of(open.get(at));
    }

    public int openCount() {
        return open.size();
    }

    public Instant watermark() {
        return watermark;
    }

    /** Same rule as the engine: forget incidents whose window (plus allowed lateness) closed before the watermark. */
    public int evictExpired() {
        int before = open.size();
        for (int i = open.size() - 1; i >= 0; i--) {
            Incident inc = open.get(i);
            Duration window = rules.ruleFor(inc.type()).window();
            if (inc.lastSeen().plus(window).plus(CorrelationEngine.ALLOWED_LATENESS).isBefore(watermark)) {
                removeAt(i);
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
