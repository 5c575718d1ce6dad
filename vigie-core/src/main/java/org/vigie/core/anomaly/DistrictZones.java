package org.vigie.core.anomaly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Point;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;

/** The districts of a {@link City} (arrondissements in Marseille) as zones. Immutable. */
public final class DistrictZones implements ZoneScheme {
    private static final double METERS_PER_DEGREE = 111_320;

    private final City city;
    private final Map<String, Zone> zones = new LinkedHashMap<>();

    public DistrictZones(City city) {
        this.city = Objects.requireNonNull(city, "city");
        for (District d : city.districts()) {
            zones.put(d.code(), zone(d));
        }
    }

    private static Zone zone(District d) {
        // The interior point is inside even a crescent-shaped district, where the centroid may not be.
        Point p = d.area().getInteriorPoint();
        double lat = p.getY();
        double areaSquareMeters = d.area().getArea() * METERS_PER_DEGREE * METERS_PER_DEGREE
                * Math.cos(Math.toRadians(lat));
        return new Zone(d.code(), d.name(), lat, p.getX(), Math.max(1, Math.sqrt(areaSquareMeters / Math.PI)));
    }

    /** In district code order. */
    public List<Zone> all() {
        return List.copyOf(zones.values());
    }

    public City city() {
        return city;
    }

    @Override
    public String name() {
        return "districts";
    }

    @Override
    public Optional<Zone> zoneOf(double lat, double lon) {
        return city.findDistrict(lat, lon).map(d -> zones.get(d.code()));
    }

    @Override
    public Optional<Zone> zoneOfCell(long cell) {
        double[] centre = CellZones.centre(cell);
        return zoneOf(centre[0], centre[1]);
    }
}
