package org.vigie.core.anomaly;

import java.util.Optional;

/**
 * How a city is cut into zones for baselines: its districts ({@link DistrictZones}) or H3 cells at one coarse
 * resolution ({@link CellZones}), for data from a city whose districts Vigie does not know. Implementations are
 * immutable and thread-safe.
 */
public sealed interface ZoneScheme permits DistrictZones, CellZones {
    /** Short and stable: "districts" or "h3:7"; part of anomaly event ids. */
    String name();

    /** The zone containing this point, or empty when it lies outside every zone. */
    Optional<Zone> zoneOf(double lat, double lon);

    /**
     * The zone of an H3 cell at {@link org.vigie.core.geo.Cells#EVENT_RESOLUTION}, as the store keeps events. For
     * districts the cell's centre decides, which can differ from the exact point within about 200 m of a boundary.
     */
    Optional<Zone> zoneOfCell(long cell);
}
