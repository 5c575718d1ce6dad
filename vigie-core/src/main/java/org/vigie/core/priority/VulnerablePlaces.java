package org.vigie.core.priority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Location;

/**
 * The vulnerable places of a city (from configuration: listed sites, and transit stations), indexed so that
 * finding those around an incident costs one hash lookup and a few exact distances, whatever their number.
 *
 * <p>Each place is filed under every H3 cell (at {@link Cells#EVENT_RESOLUTION}, the cell every location
 * already carries) of a grid disk that surely holds every point within its radius: two points r apart lie in
 * cells whose centres are at most r + 2·edge apart, and one grid step covers at least 1.5·edge, with edge the
 * smallest anywhere on the globe (the same bound as the correlator's candidate rings). A lookup then reads the
 * location's own cell only, and checks the exact distance.
 *
 * <p>Immutable once built, so safe to share between threads.
 */
public final class VulnerablePlaces {
    public static final VulnerablePlaces NONE = new VulnerablePlaces(List.of());

    /** A place around a location, and how far. */
    public record Nearby(VulnerablePlace place, double distanceMeters) {
    }

    /** Heaviest first; then nearest; then by name, so the answer never depends on the order of the list. */
    private static final Comparator<Nearby> BEST = Comparator.comparingDouble((Nearby n) -> -n.place().weight())
            .thenComparingDouble(Nearby::distanceMeters)
            .thenComparing(n -> n.place().name())
            .thenComparing(n -> n.place().kind());

    private final List<VulnerablePlace> places;
    private final Map<Long, List<VulnerablePlace>> byCell = new HashMap<>();

    public VulnerablePlaces(Collection<VulnerablePlace> places) {
        this.places = List.copyOf(places);
        int res = Cells.EVENT_RESOLUTION;
        double edge = Cells.minEdgeMeters(res);
        for (VulnerablePlace p : this.places) {
            int ring = (int) Math.ceil((p.radiusMeters() + 2 * edge) / (1.5 * edge));
            for (long cell : Cells.disk(Cells.cell(p.lat(), p.lon(), res), ring)) {
                byCell.computeIfAbsent(cell, k -> new ArrayList<>(2)).add(p);
            }
        }
    }

    public List<VulnerablePlace> all() {
        return places;
    }

    public int size() {
        return places.size();
    }

    /** The place that weighs most on this location (within its radius), if any. */
    public Optional<Nearby> near(Location location) {
        List<VulnerablePlace> here = byCell.get(location.cell());
        if (here == null) {
            return Optional.empty();
        }
        Nearby best = null;
        for (VulnerablePlace p : here) {
            double d = GeoMath.distanceMeters(location.lat(), location.lon(), p.lat(), p.lon());
            if (d <= p.radiusMeters()) {
                var n = new Nearby(p, d);
                if (best == null || BEST.compare(n, best) < 0) {
                    best = n;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
