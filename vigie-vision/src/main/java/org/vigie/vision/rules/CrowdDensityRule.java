package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Polygon;
import org.vigie.vision.track.Track;

/**
 * Persons per square metre in a counting zone (with a ground homography) or persons per zone (without), above
 * a threshold for a while. Without counting zones the whole frame is the zone. Counts are of anonymous tracks.
 */
public final class CrowdDensityRule implements SceneRule {
    private final double perSquareMetre;
    private final int perZone;
    private final double after;
    private final Map<String, Double> since = new HashMap<>();

    public CrowdDensityRule(double perSquareMetre, int perZone, double afterSeconds) {
        this.perSquareMetre = perSquareMetre;
        this.perZone = perZone;
        this.after = afterSeconds;
    }

    @Override
    public EventType type() {
        return EventType.CROWD_DENSITY;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return DECREE;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        var zones = f.layout().zones(Zone.Kind.COUNTING);
        if (zones.isEmpty()) {
            zones = List.of(new Zone("frame", Zone.Kind.COUNTING, Polygon.wholeFrame()));
        }
        var out = new ArrayList<Finding>();
        for (Zone z : zones) {
            int n = 0;
            for (Track t : f.tracks()) {
                if (SceneFrame.isPerson(t) && t.hits() >= 2
                        && z.polygon().contains(f.nx(t.lastBox().footX()), f.ny(t.lastBox().footY()))) {
                    n++;
                }
            }
            var h = f.layout().homography();
            double area = h.map(m -> m.groundArea(z.polygon())).orElse(Double.NaN);
            double density = n / area;
            boolean over = h.isPresent() && area > 0 ? density >= perSquareMetre : n >= perZone;
            if (!over) {
                since.remove(z.name());
                continue;
            }
            double start = since.computeIfAbsent(z.name(), k -> f.t());
            if (f.t() - start >= after) {
                var facts = new HashMap<String, Object>();
                facts.put("zone", z.name());
                facts.put("count", (long) n);
                if (h.isPresent() && area > 0) {
                    facts.put("per_m2", Math.round(density * 100) / 100.0);
                }
                out.add(new Finding(z.name(), 0.6, null, facts));
            }
        }
        return out;
    }
}
