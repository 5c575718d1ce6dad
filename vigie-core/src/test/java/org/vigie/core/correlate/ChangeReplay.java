package org.vigie.core.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;

/**
 * Applies changes the way a store must (each based on the version held, the version moved as its kind says,
 * members added and removed as listed) and keeps which incident holds each event, so a test can check that a
 * run of the correlator could be stored and that no event ever belongs to two incidents. Plain checks rather
 * than AssertJ: property tests replay hundreds of thousands of changes.
 */
final class ChangeReplay {
    final Map<IncidentId, Incident> incidents = new HashMap<>();
    final Map<EventId, IncidentId> holder = new HashMap<>();

    void apply(Collection<IncidentChange> changes) {
        for (IncidentChange c : changes) {
            apply(c);
        }
    }

    void apply(IncidentChange c) {
        Incident now = c.incident();
        Incident before = incidents.get(now.id());
        long held = before == null ? 0 : before.version();
        check(held == c.baseVersion(), c, "based on version " + c.baseVersion() + " but " + held + " is held");
        check((c.kind() == IncidentChange.Kind.OPENED) == (before == null), c, "opened iff new");
        check(now.version() == c.baseVersion() + c.kind().versionStep(c.addedEvents().size()), c,
                "version does not move as the kind says");
        var members = new HashSet<>(now.eventIds());
        check(members.size() == now.eventIds().size(), c, "a member is listed twice");
        for (EventId e : c.removedEvents()) {
            check(now.id().equals(holder.remove(e)), c, "removed event " + e + " was not held by it");
            check(!members.contains(e), c, "removed event " + e + " is still a member");
        }
        for (EventId e : c.addedEvents()) {
            check(members.contains(e), c, "added event " + e + " is not a member");
            IncidentId previous = holder.put(e, now.id());
            // An event moved by a merge leaves its incident in an ABSORBED change that comes first.
            check(previous == null, c, "added event " + e + " is still held by " + previous);
        }
        var expected = new HashSet<EventId>();
        if (before != null) {
            expected.addAll(before.eventIds());
            c.removedEvents().forEach(expected::remove);
        }
        expected.addAll(c.addedEvents());
        check(members.equals(expected), c, "members are not the previous ones, less removed, plus added");
        check(now.mergedInto() == null || now.eventIds().isEmpty(), c, "merged into another but not empty");
        incidents.put(now.id(), now);
    }

    private static void check(boolean ok, IncidentChange c, String what) {
        if (!ok) {
            throw new AssertionError(c.kind() + " change of incident " + c.incident().id() + ": " + what + "; " + c);
        }
    }

    List<Incident> sorted() {
        var all = new ArrayList<>(incidents.values());
        all.sort(Comparator.comparing(Incident::id));
        return all;
    }
}
