package org.vigie.core.model;

import java.util.Objects;
import org.vigie.core.geo.Cells;

/**
 * A WGS84 position with its horizontal accuracy and the H3 cell (resolution {@link Cells#EVENT_RESOLUTION})
 * that contains it. The cell is always derived here, so it can never disagree with the coordinates. It is
 * derived when first asked for: the correlator makes a new centre for every event that joins an incident, and
 * the native H3 call cost more than the rest of the join.
 */
public final class Location {
    public static final double MAX_ACCURACY_METERS = 100_000;

    private final double lat;
    private final double lon;
    private final double accuracyMeters;
    /** 0 until computed (no H3 index is 0); volatile so that a long is never seen half written. */
    private volatile long cell;

    private Location(double lat, double lon, double accuracyMeters) {
        // Adding 0.0 turns -0.0 into 0.0, which equals() already treats as equal; hashCode() must agree.
        this.lat = lat + 0.0;
        this.lon = lon + 0.0;
        this.accuracyMeters = accuracyMeters + 0.0;
    }

    /** @throws InvalidEventException naming each coordinate out of range */
    public static Location of(double lat, double lon, double accuracyMeters) {
        var errors = EventRules.checkLocation("location", lat, lon, accuracyMeters);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
        return new Location(lat, lon, accuracyMeters);
    }

    public double lat() {
        return lat;
    }

    public double lon() {
        return lon;
    }

    public double accuracyMeters() {
        return accuracyMeters;
    }

    /** H3 cell at {@link Cells#EVENT_RESOLUTION}. */
    public long cell() {
        long c = cell;
        if (c == 0) {
            c = Cells.cell(lat, lon, Cells.EVENT_RESOLUTION);
            cell = c; // the same value whichever thread computes it first
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && l.lat == lat && l.lon == lon && l.accuracyMeters == accuracyMeters;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lat, lon, accuracyMeters);
    }

    @Override
    public String toString() {
        return "(" + lat + ", " + lon + " ±" + accuracyMeters + " m)";
    }
}
