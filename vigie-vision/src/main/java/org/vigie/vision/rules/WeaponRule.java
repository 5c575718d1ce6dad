package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.detect.Detection;

/**
 * A weapon seen by a dedicated model in two consecutive analysed frames. Without such a model there is no
 * honest way to see one, and the rule says so instead of pretending.
 */
public final class WeaponRule implements SceneRule {
    private final Set<String> weaponClasses;
    private final double minScore;
    private final boolean modelConfigured;
    private boolean seenBefore;

    public WeaponRule(boolean modelConfigured, Set<String> weaponClasses, double minScore) {
        this.modelConfigured = modelConfigured;
        this.weaponClasses = Set.copyOf(weaponClasses);
        this.minScore = minScore;
    }

    @Override
    public EventType type() {
        return EventType.WEAPON;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return DECREE;
    }

    @Override
    public Optional<String> unavailable() {
        return modelConfigured ? Optional.empty()
                : Optional.of("no weapon detection model configured (camera key weapon_detector)");
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        if (!modelConfigured) {
            return List.of();
        }
        var out = new ArrayList<Finding>();
        boolean seen = false;
        for (Detection d : f.extraDetections()) {
            if (weaponClasses.contains(d.label()) && d.score() >= minScore) {
                seen = true;
                if (seenBefore) {
                    out.add(new Finding("weapon", d.score(), d.box(), Map.of("object", d.label())));
                    break;
                }
            }
        }
        seenBefore = seen;
        return out;
    }
}
