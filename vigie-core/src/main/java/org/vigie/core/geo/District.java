package org.vigie.core.geo;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * An administrative zone of the city (an arrondissement in Marseille). {@code approximate} is true when the
 * polygon was built from facts (centres and outline) rather than loaded from an official boundary file.
 */
public record District(String code, String name, long population, Geometry area, boolean approximate) {
    public District {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(area, "area");
    }
}
