package org.vigie.core.accountability;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentId;

/** Alerts built in one line each, for the accountability tests. */
final class AlertFixtures {
    private AlertFixtures() {
    }

    static IncidentId id(int n) {
        return IncidentId.parse(new UUID(0x5EED, n).toString());
    }

    /** @param decision "confirmed", "dismissed", "dismissed:CAUSE" or null (undecided) */
    static Alert alert(int n, EventType type, String source, String at, String decision, double lat, double lon) {
        Instant opened = Instant.parse(at);
        Decision d = decision == null ? null : decision.equals("confirmed") ? new Decision(true, opened.plusSeconds(60), "seen")
                : new Decision(false, opened.plusSeconds(60), decision.startsWith("dismissed:")
                        ? decision.substring("dismissed:".length()) + ": operator note" : "no code given");
        String kind = source.substring(0, source.indexOf('/'));
        return new Alert(id(n), type, null, opened, lat, lon, Set.of(source), Set.of(kind + "/" + type.jsonName()), d);
    }

    static Alert alert(int n, EventType type, String source, String at, String decision) {
        return alert(n, type, source, at, decision, 43.2965, 5.3698);
    }
}
