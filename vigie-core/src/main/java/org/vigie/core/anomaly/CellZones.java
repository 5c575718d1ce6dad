package org.vigie.core.anomaly;

import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.vigie.core.geo.Cells;
import org.vigie.core.model.Location;

/**
 * H3 cells at one coarse resolution as zones: they come from the data itself, so they fit any city (resolution 7
 * cells are about 5 km², resolution 6 about 36 km²). Every point on Earth has one.
 */
public record CellZones(int resolution) implements ZoneScheme {
    public static final int FINEST = Cells.EVENT_RESOLUTION;
    private static final H3Core H3;

    static {
        try {
            H3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }

    public CellZones {
        if (resolution < 0 || resolution > FINEST) {
            throw new IllegalArgumentException("H3 zone resolution must be 0.." + FINEST + ", got " + resolution);
        }
    }

    @Override
    public String name() {
        return "h3:" + resolution;
    }

    @Override
    public Optional<Zone> zoneOf(double lat, double lon) {
        return Optional.of(zone(Cells.cell(lat, lon, resolution)));
    }

    @Override
    public Optional<Zone> zoneOfCell(long cell) {
        return Optional.of(zone(Cells.parent(cell, resolution)));
    }

    private Zone zone(long cell) {
        double[] c = centre(cell);
        String text = Cells.toText(cell);
        // A hexagon's circumradius equals its edge.
        double radius = Math.min(Location.MAX_ACCURACY_METERS, H3.getHexagonEdgeLengthAvg(resolution, LengthUnit.m));
        return new Zone(text, "H3 cell " + text, c[0], c[1], radius);
    }

    /** {lat, lon} of the cell's centre. */
    static double[] centre(long cell) {
        LatLng c = H3.cellToLatLng(cell);
        return new double[] {c.lat, c.lng};
    }
}
