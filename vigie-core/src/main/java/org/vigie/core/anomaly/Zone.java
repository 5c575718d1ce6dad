package org.vigie.core.anomaly;

import java.util.Objects;

/**
 * An area whose counts get their own baseline: a district of the city or an H3 cell. Anomaly events are placed at
 * its centre, with its radius as their accuracy, since they are about the whole area and no one point in it.
 *
 * @param id           stable identifier: the district code ("13202") or the H3 cell in text ("871f9a4d9ffffff")
 * @param name         what a person reads: "Marseille 2e Arrondissement", "H3 cell 871f9a4d9ffffff"
 * @param radiusMeters about the distance from the centre to the edge
 */
public record Zone(String id, String name, double lat, double lon, double radiusMeters) {
    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a zone needs an id");
        }
    }
}
