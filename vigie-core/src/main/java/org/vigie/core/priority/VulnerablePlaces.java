package org.vigie.core.priority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.vigie.core.geo.CellTable;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.geo.RadiusGrid;
import org.vigie.core.model.Location;

/**
 * The vulnerable places of a city (from configuration: listed sites, and transit stations), indexed so that
 * finding those around an incident costs nine lookups in a table and a few exact distances, whatever their
 * number. Triage asks on every event that joins an incident, for a centre that just moved.
 *
 * <p>Each place is filed under its cell of a {@link RadiusGrid} as wide as the largest radius of any place, so
 * the cells around a location hold every place that may reach it; the exact distance decides.
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
    private final RadiusGrid grid;
    private final CellTable<PlacesAt> byCell = new CellTable<>();

    private record PlacesAt(long key, List<VulnerablePlace> places) implements CellTable.Keyed {
    }

    public VulnerablePlaces(Collection<VulnerablePlace> places) {
        this.places = List.copyOf(places);
        this.grid = new RadiusGrid(this.places.stream().mapToDouble(VulnerablePlace::radiusMeters).max().orElse(1));
        for (VulnerablePlace p : this.places) {
            byCell.getOrAdd(grid.keyOf(p.lat(), p.lon()), k -> new PlacesAt(k, new ArrayList<>())).places().add(p);
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
        if (places.isEmpty()) {
            return Optional.empty();
        }
        long[] cells = new long[9];
        Nearby best = null;
        for (int c = 0, n = grid.around(location.lat(), location.lon(), cells); c < n; c++) {
            PlacesAt at = byCell.get(cells[c]);
            List<VulnerablePlace> here = at == null ? List.of() : at.places();
            for (int i = 0, size = here.size(); i < size; i++) {
                VulnerablePlace p = here.get(i);
                double d = GeoMath.distanceMeters(location.lat(), location.lon(), p.lat(), p.lon());
                if (d <= p.radiusMeters()) {
                    var nearby = new Nearby(p, d);
                    if (best == null || BEST.compare(nearby, best) < 0) {
                        best = nearby;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
