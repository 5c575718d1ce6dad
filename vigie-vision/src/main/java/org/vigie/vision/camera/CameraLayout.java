package org.vigie.vision.camera;

import java.util.List;
import java.util.Optional;
import org.vigie.vision.geom.Polygon;

/**
 * What an operator draws on a camera's image: ignored regions, zones, direction lines and the ground plane.
 * Immutable; a running camera swaps the whole layout at once, between two frames.
 */
public record CameraLayout(List<Polygon> masks, List<Zone> zones, List<DirectionLine> lines,
                           Optional<Homography> homography) {
    public static final CameraLayout EMPTY = new CameraLayout(List.of(), List.of(), List.of(), Optional.empty());

    public CameraLayout {
        masks = List.copyOf(masks);
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
        var names = new java.util.HashSet<String>();
        for (Zone z : zones) {
            if (!names.add(z.name())) {
                throw new IllegalArgumentException("zone name '" + z.name() + "' used twice");
            }
        }
    }

    public List<Zone> zones(Zone.Kind kind) {
        return zones.stream().filter(z -> z.kind() == kind).toList();
    }

    public boolean masked(double x, double y) {
        for (Polygon p : masks) {
            if (p.contains(x, y)) {
                return true;
            }
        }
        return false;
    }
}
