package org.vigie.core.accountability;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.SourceKind;

/**
 * One incident as accountability counts it: an alert put before an operator, what raised it, where, and what the
 * operator decided. Incidents absorbed into another by a merge are not alerts of their own.
 *
 * @param composite the composite rule that shaped it, or null
 * @param sources   the sources among its members, written {@code kind/id} ({@code camera/cam-7})
 * @param detectors the kinds of report among its members, written {@code source_kind/type} ({@code camera/fire_start})
 * @param decision  null while undecided
 */
public record Alert(IncidentId id, EventType type, String composite, Instant openedAt, double lat, double lon,
                    Set<String> sources, Set<String> detectors, Decision decision) {
    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(openedAt, "openedAt");
        sources = Set.copyOf(sources);
        detectors = Set.copyOf(detectors);
    }

    public boolean confirmed() {
        return decision != null && decision.confirmed();
    }

    public boolean dismissed() {
        return decision != null && !decision.confirmed();
    }

    /** The distinct kinds of source among the members, by their JSON names. */
    public Set<String> sourceKinds() {
        var kinds = new TreeSet<String>();
        for (String s : sources) {
            SourceKind kind = kindOf(s);
            if (kind != null) {
                kinds.add(kind.jsonName());
            }
        }
        return kinds;
    }

    /** The kind of a source key {@code kind/id}, or null when it names no known kind. */
    static SourceKind kindOf(String source) {
        return SourceKind.ofKey(source);
    }
}
