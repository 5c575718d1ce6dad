package org.vigie.core.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.MemberKind;
import org.vigie.core.model.SourceKind;

/**
 * Reports of different kinds that together describe one situation, even when the ordinary rules keep them
 * apart: e.g. a gunshot heard by an acoustic sensor and at least two citizen reports (of a gunshot, a fight or
 * noise) within 300 m and 10 min are one shooting, priority 1; a fire seen by a camera and a fire-brigade or
 * CAP alert within 1 km and an hour are one fire.
 *
 * <p>The rule holds around an incident with an {@code anchor} member when the open incidents within
 * {@code radiusMeters} of it (incident locations) whose time spans come within {@code window} of its span hold,
 * together, at least {@code minCount} members of every part. The anchor incident then absorbs those incidents,
 * takes {@code type} and the rule's name, and gets at most {@code priority}. Only incidents still new (no
 * operator has acknowledged them) and not shaped by another rule are absorbed: an operator's view of an
 * incident is not changed under them.
 *
 * <p>Parts are disjoint (no member kind matches two parts), so a member never counts twice.
 *
 * @param priority the priority the incident never falls below; 5 sets nothing
 */
public record CompositeRule(String name, Part anchor, List<Part> with, double radiusMeters, Duration window,
                            EventType type, int priority) {

    /**
     * Members of these types from these kinds of source ({@code sources} empty: any kind), at least
     * {@code minCount} of them.
     */
    public record Part(Set<EventType> types, Set<SourceKind> sources, int minCount) {
        public static final int MAX_COUNT = 100;

        public Part {
            types = Set.copyOf(types);
            sources = Set.copyOf(sources);
            if (types.isEmpty()) {
                throw new IllegalArgumentException("a part names at least one event type");
            }
            if (minCount < 1 || minCount > MAX_COUNT) {
                throw new IllegalArgumentException("a part's minimum count must be 1.." + MAX_COUNT + ", got " + minCount);
            }
        }

        public boolean matches(MemberKind k) {
            return types.contains(k.type()) && (sources.isEmpty() || sources.contains(k.source()));
        }

        public int count(Incident i) {
            int n = 0;
            for (Map.Entry<MemberKind, Integer> e : i.memberKinds().entrySet()) {
                if (matches(e.getKey())) {
                    n += e.getValue();
                }
            }
            return n;
        }

        boolean overlaps(Part o) {
            boolean typesMeet = types.stream().anyMatch(o.types::contains);
            boolean sourcesMeet = sources.isEmpty() || o.sources.isEmpty() || sources.stream().anyMatch(o.sources::contains);
            return typesMeet && sourcesMeet;
        }
    }

    public CompositeRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(window, "window");
        with = List.copyOf(with);
        if (!name.matches("[a-z][a-z0-9_-]{0,39}")) {
            throw new IllegalArgumentException("composite rule name must be lower-case letters, digits, '-' or '_' "
                    + "(at most 40), got '" + name + "'");
        }
        if (with.isEmpty()) {
            throw new IllegalArgumentException("composite rule '" + name + "' needs at least one part besides its anchor");
        }
        var parts = new ArrayList<Part>(with.size() + 1);
        parts.add(anchor);
        parts.addAll(with);
        for (int i = 0; i < parts.size(); i++) {
            for (int j = i + 1; j < parts.size(); j++) {
                if (parts.get(i).overlaps(parts.get(j))) {
                    throw new IllegalArgumentException("composite rule '" + name + "': parts " + i + " and " + j
                            + " can match the same report; make their types or sources disjoint");
                }
            }
        }
        if (!(radiusMeters > 0 && radiusMeters <= CorrelationRule.MAX_RADIUS_METERS)) {
            throw new IllegalArgumentException("composite rule '" + name + "': radius must be in (0, "
                    + CorrelationRule.MAX_RADIUS_METERS + "] m, got " + radiusMeters);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(CorrelationRule.MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("composite rule '" + name + "': window must be in (0, 24h], got " + window);
        }
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("composite rule '" + name + "': priority must be 1..5, got " + priority);
        }
    }

    /** The anchor first, then the other parts. */
    public List<Part> parts() {
        var parts = new ArrayList<Part>(with.size() + 1);
        parts.add(anchor);
        parts.addAll(with);
        return parts;
    }

    /** Whether any member of the incident matches a part: whether the rule needs to know about it. */
    public boolean concerns(Incident i) {
        for (MemberKind k : i.memberKinds().keySet()) {
            if (concerns(k)) {
                return true;
            }
        }
        return false;
    }

    public boolean concerns(MemberKind k) {
        if (anchor.matches(k)) {
            return true;
        }
        for (Part p : with) {
            if (p.matches(k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the incident alone holds enough of every part. */
    public boolean heldBy(Incident i) {
        for (Part p : parts()) {
            if (p.count(i) < p.minCount()) {
                return false;
            }
        }
        return true;
    }
}
