package org.vigie.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an operator handles: events close in space and time, with a type, a priority (1 most urgent … 5),
 * a status and a verdict. Immutable: every change returns a copy with {@code version} increased by one,
 * which is what optimistic concurrency compares.
 *
 * <p>{@code sourceConfidence} keeps, per source, the best confidence seen, so the incident's confidence is a
 * noisy-OR over independent sources and one chatty sensor cannot make itself certain.
 */
public record Incident(
        IncidentId id,
        EventType type,
        IncidentStatus status,
        int priority,
        Severity severity,
        double confidence,
        Location location,
        Instant firstSeen,
        Instant lastSeen,
        List<EventId> eventIds,
        Map<String, Double> sourceConfidence,
        Verdict verdict,
        long version) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        eventIds = List.copyOf(eventIds);
        sourceConfidence = Collections.unmodifiableMap(new TreeMap<>(sourceConfidence));
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("priority must be 1..5, got " + priority);
        }
    }

    /** A new incident opened by its first event. */
    public static Incident open(IncidentId id, Event first) {
        var sources = Map.of(first.source().toString(), first.confidence());
        return new Incident(id, first.type(), IncidentStatus.NEW, priorityOf(first.severity(), first.confidence()),
                first.severity(), first.confidence(), first.location(), first.occurredAt(), first.occurredAt(),
                List.of(first.id()), sources, null, 1);
    }

    /** This incident with one more member event; the location becomes the mean of the members. */
    public Incident withEvent(Event e) {
        int n = eventIds.size();
        double lat = (location.lat() * n + e.location().lat()) / (n + 1);
        double lon = (location.lon() * n + e.location().lon()) / (n + 1);
        double accuracy = Math.max(location.accuracyMeters(), e.location().accuracyMeters());
        var ids = new ArrayList<EventId>(n + 1);
        ids.addAll(eventIds);
        ids.add(e.id());
        var sources = new TreeMap<>(sourceConfidence);
        sources.merge(e.source().toString(), e.confidence(), Math::max);
        double conf = noisyOr(sources);
        Severity sev = Severity.max(severity, e.severity());
        return new Incident(id, type, status, priorityOf(sev, conf), sev, conf,
                Location.of(lat, lon, accuracy), min(firstSeen, e.occurredAt()), max(lastSeen, e.occurredAt()),
                ids, sources, verdict, version + 1);
    }

    /** @throws IllegalTransitionException when the life cycle does not allow the move */
    public Incident transition(IncidentStatus target, Verdict by) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(id, status, target);
        }
        return new Incident(id, type, target, priority, severity, confidence, location, firstSeen, lastSeen,
                eventIds, sourceConfidence, by, version + 1);
    }

    public int sourceCount() {
        return sourceConfidence.size();
    }

    /** 1 is most urgent. Severity weight × confidence, in five bands. */
    public static int priorityOf(Severity severity, double confidence) {
        double score = severity.weight() * confidence;
        if (score >= 0.7) {
            return 1;
        } else if (score >= 0.5) {
            return 2;
        } else if (score >= 0.3) {
            return 3;
        } else if (score >= 0.15) {
            return 4;
        }
        return 5;
    }

    static double noisyOr(Map<String, Double> perSource) {
        double miss = 1;
        for (double c : perSource.values()) {
            miss *= 1 - c;
        }
        return 1 - miss;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
