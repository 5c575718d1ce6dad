package org.vigie.core.accountability;

import java.util.Locale;
import java.util.Optional;
import org.vigie.core.model.SourceKind;

/** What the city pays for to be told about situations: cameras, acoustic sensors, and data feeds. */
public enum EquipmentKind {
    CAMERA, ACOUSTIC_SENSOR, FEED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EquipmentKind> fromJson(String name) {
        for (EquipmentKind k : values()) {
            if (k.jsonName().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Operators and the correlator's own fusion reports are people and Vigie, not equipment: empty for them. */
    public static Optional<EquipmentKind> of(SourceKind kind) {
        return switch (kind) {
            case CAMERA -> Optional.of(CAMERA);
            case ACOUSTIC_SENSOR -> Optional.of(ACOUSTIC_SENSOR);
            case OPERATOR, FUSION -> Optional.empty();
            default -> Optional.of(FEED);
        };
    }

    Grouping grouping() {
        return switch (this) {
            case CAMERA -> Grouping.CAMERA;
            case ACOUSTIC_SENSOR -> Grouping.SENSOR;
            case FEED -> Grouping.FEED;
        };
    }
}
