package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.camera.Zone;

/**
 * Situations about registered things, judged against a reference image after lighting normalisation:
 * {@code graffiti} (new marks covering a share of a wall) and {@code street_furniture_damage} (a bench, bin, sign
 * or bollard that no longer looks like itself: missing, knocked over, broken). The change must persist for a
 * while, counting only frames where nothing stands in front of the surface.
 */
public final class SurfaceRule implements SceneRule {
    private final EventType type;
    private final Zone.Kind kind;
    private final double after;
    private final double threshold;
    private final Map<String, ReferenceSurface> surfaces = new HashMap<>();
    private final Map<String, Double> changedFor = new HashMap<>();
    private final Map<String, Double> lastT = new HashMap<>();

    private SurfaceRule(EventType type, Zone.Kind kind, double afterSeconds, double threshold) {
        this.type = type;
        this.kind = kind;
        this.after = afterSeconds;
        this.threshold = threshold;
    }

    /** @param share share of the wall that must be newly marked */
    public static SurfaceRule graffiti(double afterSeconds, double share) {
        return new SurfaceRule(EventType.GRAFFITI, Zone.Kind.GRAFFITI_SURFACE, afterSeconds, share);
    }

    /** @param similarity correlation with the reference below which the object is changed */
    public static SurfaceRule furniture(double afterSeconds, double similarity) {
        return new SurfaceRule(EventType.STREET_FURNITURE_DAMAGE, Zone.Kind.FURNITURE, afterSeconds, similarity);
    }

    @Override
    public EventType type() {
        return type;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return THINGS;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        var out = new ArrayList<Finding>();
        var zones = f.layout().zones(kind);
        surfaces.keySet().retainAll(zones.stream().map(Zone::name).toList());
        for (Zone z : zones) {
            ReferenceSurface s = surfaces.computeIfAbsent(z.name(), k -> new ReferenceSurface(z.polygon()));
            double prevT = lastT.getOrDefault(z.name(), f.t());
            lastT.put(z.name(), f.t());
            if (s.occluded(f)) {
                continue; // neither evidence for nor against; the clock pauses
            }
            if (!s.hasReference(f)) {
                s.capture(f);
                continue;
            }
            double measure;
            boolean changed;
            if (type == EventType.GRAFFITI) {
                measure = s.changedShare(f);
                changed = measure >= threshold;
            } else {
                measure = s.similarity(f);
                changed = measure < threshold;
            }
            if (!changed) {
                changedFor.remove(z.name());
                continue;
            }
            double d = changedFor.merge(z.name(), f.t() - prevT, Double::sum);
            if (d >= after) {
                String key = type == EventType.GRAFFITI ? "changed_share" : "similarity";
                out.add(new Finding(z.name(), 0.6, s.box(f), Map.of("zone", z.name(), key, Math.round(measure * 1000) / 1000.0)));
            }
        }
        return out;
    }
}
