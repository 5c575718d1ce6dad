package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.RuleSettings;

/** The rules a camera runs: those its legal profile allows and its file does not disable. */
public final class SceneRules {
    /** Class names a weapon model may use for what the weapon rule reports. */
    public static final Set<String> WEAPON_CLASSES = Set.of("weapon", "knife", "gun", "pistol", "rifle", "firearm", "handgun");

    private SceneRules() {
    }

    public static List<SceneRule> forCamera(CameraConfig c) {
        RuleSettings s = c.rules();
        var all = new ArrayList<SceneRule>();
        all.add(new AbandonedObjectRule(s.abandonedAfter().toMillis() / 1000.0, s.abandonedClearance()));
        all.add(new ZoneIntrusionRule(s.intrusionAfter().toMillis() / 1000.0));
        all.add(new WrongWayRule(s.wrongWayFrames()));
        all.add(new PersonDownRule(s.downAfter().toMillis() / 1000.0));
        all.add(new CrowdDensityRule(s.densityPerSquareMetre(), s.densityPerZone(), s.densityAfter().toMillis() / 1000.0));
        all.add(new CrowdMovementRule(s.movementSigma(), s.movementMinSpeed()));
        all.add(new FireRule(s.fireAfter().toMillis() / 1000.0));
        all.add(SurfaceRule.graffiti(s.graffitiAfter().toMillis() / 1000.0, s.graffitiShare()));
        all.add(SurfaceRule.furniture(s.furnitureAfter().toMillis() / 1000.0, s.furnitureSimilarity()));
        all.add(new WeaponRule(c.weaponDetector().isPresent(), WEAPON_CLASSES, s.weaponScore()));
        return all.stream()
                .filter(r -> r.profiles().contains(c.profile()))
                .filter(r -> s.enabled(r.type().jsonName()))
                .toList();
    }
}
