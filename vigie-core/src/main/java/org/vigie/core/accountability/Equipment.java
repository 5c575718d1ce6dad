package org.vigie.core.accountability;

import java.util.Objects;

/**
 * A camera or acoustic sensor of the city and where it stands. Until the video and audio modules publish their
 * own inventories, the list comes from configuration.
 *
 * @param id the source id its events carry ({@code cam-7} for source {@code camera/cam-7})
 */
public record Equipment(EquipmentKind kind, String id, double lat, double lon) {
    public Equipment {
        Objects.requireNonNull(kind, "kind");
        if (kind == EquipmentKind.FEED) {
            throw new IllegalArgumentException("feeds have no place; only cameras and acoustic sensors are listed");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("equipment needs an id");
        }
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("equipment " + id + " has no valid position: " + lat + ", " + lon);
        }
    }
}
