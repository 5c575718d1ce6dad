package org.vigie.bench;

import java.util.List;
import java.util.function.Consumer;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentStatus;

/**
 * Keeps a replayed workload stationary, the same way for the indexed engine and the linear baseline.
 *
 * <ul>
 *   <li><b>Incident count.</b> About 30 % of the events open an incident. Left alone, a correlator doing a
 *       few hundred thousand events/s would go from 1k to several 100k open incidents within one
 *       iteration, so "1k open incidents" would mean nothing. Each incident that an operation opened is
 *       therefore closed right after it (as an operator would, much later), so the working set stays the
 *       pre-filled one (exactly n after a single event; at most n + ~300 during a batch of 1000).</li>
 *   <li><b>Members per incident.</b> The 70 % joining events pile onto the same incidents; at 1k incidents
 *       each would reach hundreds of members per iteration, and {@link Incident#withEvent} copies the
 *       member list (twice) on every join, so the 1k case would measure list copying rather than
 *       correlation. An incident that grows past {@link #MAX_MEMBERS} keeps its last {@link #KEEP_MEMBERS}
 *       event ids (same id, place, times and sources), so member counts stay in the range the pre-filled
 *       incidents start in (1..16) whatever the incident count.</li>
 * </ul>
 *
 * Both cost the same for either correlator (one {@code put} of a new {@link Incident} per opened incident,
 * amortised ~1/24 per join), and are part of the measured time.
 */
public final class Churn {
    public static final int MAX_MEMBERS = 32;
    public static final int KEEP_MEMBERS = 8;

    private Churn() {
    }

    public static void rebalance(List<IncidentChange> changes, Consumer<Incident> put) {
        for (int i = 0, size = changes.size(); i < size; i++) {
            IncidentChange c = changes.get(i);
            Incident inc = c.incident();
            if (c.kind() == IncidentChange.Kind.OPENED) {
                put.accept(closed(inc));
            } else if (inc.eventIds().size() > MAX_MEMBERS) {
                put.accept(compacted(inc));
            }
        }
    }

    static Incident closed(Incident i) {
        return new Incident(i.id(), i.type(), IncidentStatus.CLOSED, i.priority(), i.severity(), i.confidence(), i.location(),
                i.firstSeen(), i.lastSeen(), i.eventIds(), i.sourceConfidence(), i.verdict(), i.version() + 1);
    }

    static Incident compacted(Incident i) {
        List<org.vigie.core.model.EventId> ids = i.eventIds();
        return new Incident(i.id(), i.type(), i.status(), i.priority(), i.severity(), i.confidence(), i.location(),
                i.firstSeen(), i.lastSeen(), ids.subList(ids.size() - KEEP_MEMBERS, ids.size()), i.sourceConfidence(),
                i.verdict(), i.version() + 1);
    }
}
