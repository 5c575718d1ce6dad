package org.vigie.feeds.telecom;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.vigie.core.anomaly.CellZones;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.geo.Cells;
import org.vigie.feeds.social.TopicWords;

/**
 * The zones operators count devices in: H3 cells (any resolution; finer than {@link CellZones#FINEST} is read as
 * its parent there) or the city's districts, by code ("13201") or name ("Marseille 1er Arrondissement", folded).
 * Immutable and thread-safe.
 */
public final class PresenceZones {
    private final Map<String, Zone> named = new HashMap<>();
    private final String cityName;

    public PresenceZones(DistrictZones districts) {
        this.cityName = districts.city().name();
        for (Zone z : districts.all()) {
            named.put(z.id(), z);
            named.put(TopicWords.fold(z.name()).trim(), z);
        }
    }

    /** The zone a file names, or empty when it is neither an H3 cell nor a district of the city. */
    public Optional<Zone> find(String text) {
        String t = text.trim();
        Zone z = named.get(t);
        if (z == null) {
            z = named.get(TopicWords.fold(t));
        }
        if (z != null) {
            return Optional.of(z);
        }
        if (t.length() == 15 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            long cell = Cells.fromText(t);
            if (Cells.isValid(cell)) {
                int resolution = (int) ((cell >>> 52) & 0xF);
                return new CellZones(Math.min(resolution, CellZones.FINEST)).zoneOfCell(cell);
            }
        }
        return Optional.empty();
    }

    public String cityName() {
        return cityName;
    }
}
