package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.track.Track;

/** A person or vehicle standing in a forbidden or sensitive zone (by its feet, not its head) for a while. */
public final class ZoneIntrusionRule implements SceneRule {
    private final double after;
    private final Map<String, Double> since = new HashMap<>();

    public ZoneIntrusionRule(double afterSeconds) {
        this.after = afterSeconds;
    }

    @Override
    public EventType type() {
        return EventType.ZONE_INTRUSION;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return DECREE;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        var out = new ArrayList<Finding>();
        var present = new java.util.HashSet<String>();
        for (Zone z : f.layout().zones()) {
            if (z.kind() != Zone.Kind.FORBIDDEN && z.kind() != Zone.Kind.SENSITIVE) {
                continue;
            }
            for (Track t : f.tracks()) {
                if (!t.confirmed() || !(SceneFrame.isPerson(t) || SceneFrame.isVehicle(t))) {
                    continue;
                }
                var b = t.lastBox();
                if (!z.polygon().contains(f.nx(b.footX()), f.ny(b.footY()))) {
                    continue;
                }
                String key = z.name() + "/" + t.id();
                present.add(key);
                double start = since.computeIfAbsent(key, k -> f.t());
                if (f.t() - start >= after) {
                    out.add(new Finding(key, z.kind() == Zone.Kind.FORBIDDEN ? 0.8 : 0.6, b,
                            Map.of("zone", z.name(), "zone_kind", z.kind().yamlName(), "object", t.label(),
                                    "dwell_s", Math.round((f.t() - start) * 10) / 10.0)));
                }
            }
        }
        since.keySet().retainAll(present);
        return out;
    }
}
