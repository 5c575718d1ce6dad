package org.vigie.vision.camera;

import java.util.Locale;
import java.util.Optional;
import org.vigie.vision.geom.Polygon;

/** A named region of the image (normalised coordinates) and what it means for the rules. */
public record Zone(String name, Kind kind, Polygon polygon) {
    public enum Kind {
        /** No one may enter (tracks, quays, roofs): {@code zone_intrusion}. */
        FORBIDDEN,
        /** Restricted but not forbidden (the approach to a site): {@code zone_intrusion}. */
        SENSITIVE,
        /** Anonymous counts per minute; also where {@code crowd_density} and {@code crowd_movement} are measured. */
        COUNTING,
        /** One registered object (bench, bin, sign, bollard): {@code street_furniture_damage}; never abandoned. */
        FURNITURE,
        /** A wall or shutter watched for {@code graffiti}. */
        GRAFFITI_SURFACE;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Kind> fromYaml(String s) {
            for (Kind k : values()) {
                if (k.yamlName().equals(s)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }
}
