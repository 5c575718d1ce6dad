package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Box;
import org.vigie.vision.track.Track;

/**
 * Persons or vehicles standing in a forbidden or sensitive zone (by their feet, not their heads) for a while: one
 * finding per zone, as long as the zone stays occupied.
 *
 * <p>The zone, not the track, is what is watched. A track is a guess of the tracker, which loses a person behind a
 * pillar or when the detector misses them for a moment and then starts a new track; timing each track would
 * restart the clock at every such break, and two people in the zone would be two alarms for one situation. So the
 * clock runs while the zone holds at least one confirmed person or vehicle, breaks of up to {@link #GAP_SECONDS}
 * included, and the finding says how many are there. Nothing here follows anyone: counts and a box, no identity.
 */
public final class ZoneIntrusionRule implements SceneRule {
    /** A zone empty for no longer than this (a missed detection, an occlusion) is still occupied. */
    static final double GAP_SECONDS = 2;
    private final double after;
    /** Per zone name: since when it has been occupied, and when it last was. */
    private final Map<String, double[]> occupied = new HashMap<>();

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
        var watched = new HashSet<String>();
        for (Zone z : f.layout().zones()) {
            if (z.kind() != Zone.Kind.FORBIDDEN && z.kind() != Zone.Kind.SENSITIVE) {
                continue;
            }
            watched.add(z.name());
            Box box = null;
            int persons = 0;
            int vehicles = 0;
            for (Track t : f.tracks()) {
                boolean person = SceneFrame.isPerson(t);
                if (!t.confirmed() || !(person || SceneFrame.isVehicle(t))) {
                    continue;
                }
                Box b = t.lastBox();
                if (!z.polygon().contains(f.nx(b.footX()), f.ny(b.footY()))) {
                    continue;
                }
                box = box == null ? b : box.union(b);
                if (person) {
                    persons++;
                } else {
                    vehicles++;
                }
            }
            double[] since = occupied.get(z.name());
            if (box == null) {
                if (since != null && f.t() - since[1] > GAP_SECONDS) {
                    occupied.remove(z.name());
                }
                continue;
            }
            if (since == null || f.t() - since[1] > GAP_SECONDS) {
                since = new double[] {f.t(), f.t()};
                occupied.put(z.name(), since);
            }
            since[1] = f.t();
            double dwell = f.t() - since[0];
            if (dwell >= after) {
                out.add(new Finding(z.name(), z.kind() == Zone.Kind.FORBIDDEN ? 0.8 : 0.6, box,
                        Map.of("zone", z.name(), "zone_kind", z.kind().yamlName(),
                                "object", persons >= vehicles ? "person" : "vehicle",
                                "persons", persons, "vehicles", vehicles,
                                "dwell_s", Math.round(dwell * 10) / 10.0)));
            }
        }
        occupied.keySet().retainAll(watched); // a zone removed from a running camera is forgotten
        return out;
    }
}
