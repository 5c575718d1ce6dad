package org.vigie.vision.camera;

import java.time.Duration;
import java.util.Set;

/**
 * Per-camera thresholds of the scene rules. Distances are in normalised image units (a fraction of the frame
 * height) because most cameras have no ground calibration.
 *
 * @param disabled json names of rules switched off on this camera even though its profile allows them
 */
public record RuleSettings(
        Duration abandonedAfter, double abandonedClearance,
        Duration intrusionAfter,
        int wrongWayFrames,
        Duration downAfter,
        double densityPerSquareMetre, int densityPerZone, Duration densityAfter,
        double movementSigma, double movementMinSpeed,
        Duration fireAfter,
        Duration graffitiAfter, double graffitiShare,
        Duration furnitureAfter, double furnitureSimilarity,
        double weaponScore,
        Set<String> disabled) {

    public static RuleSettings defaults() {
        return new RuleSettings(Duration.ofSeconds(60), 0.15, Duration.ofSeconds(2), 5, Duration.ofSeconds(10),
                2.5, 25, Duration.ofSeconds(5), 4.0, 1.5, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.04,
                Duration.ofSeconds(120), 0.5, 0.5, Set.of());
    }

    public boolean enabled(String rule) {
        return !disabled.contains(rule);
    }
}
