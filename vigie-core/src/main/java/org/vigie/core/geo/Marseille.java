package org.vigie.core.geo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Facts about the reference city, enough to run without any boundary file: the 16 arrondissements with
 * INSEE code, name, approximate centre, area and population (INSEE legal populations, rounded), and a
 * simplified outline of the commune (about 70 points, islands left out). Each centre lies inside its
 * arrondissement and inside the outline, so its Voronoi cell keeps it after clipping; for the 2e, whose
 * centroid falls in the harbour basins, that is a point near La Joliette.
 *
 * <p>{@link #approximateCity()} builds district polygons as Voronoi cells of the centres clipped to the
 * outline. They are marked approximate: right for a demo and for rates in proportion to population, wrong
 * for anything that needs a true boundary (load the official GeoJSON for that).
 */
public final class Marseille {
    public record Arrondissement(String code, String name, double lat, double lon, double areaKm2, long population) {
    }

    public static final List<Arrondissement> ARRONDISSEMENTS = List.of(
            new Arrondissement("13201", "Marseille 1er Arrondissement", 43.2998, 5.3827, 1.8, 39_500),
            new Arrondissement("13202", "Marseille 2e Arrondissement", 43.3100, 5.3680, 3.6, 25_800),
            new Arrondissement("13203", "Marseille 3e Arrondissement", 43.3119, 5.3790, 2.6, 51_500),
            new Arrondissement("13204", "Marseille 4e Arrondissement", 43.3069, 5.4010, 2.9, 49_700),
            new Arrondissement("13205", "Marseille 5e Arrondissement", 43.2926, 5.3976, 2.3, 45_700),
            new Arrondissement("13206", "Marseille 6e Arrondissement", 43.2869, 5.3805, 2.2, 42_900),
            new Arrondissement("13207", "Marseille 7e Arrondissement", 43.2825, 5.3623, 5.6, 34_600),
            new Arrondissement("13208", "Marseille 8e Arrondissement", 43.2418, 5.3752, 19.5, 80_800),
            new Arrondissement("13209", "Marseille 9e Arrondissement", 43.2344, 5.4527, 47.7, 75_900),
            new Arrondissement("13210", "Marseille 10e Arrondissement", 43.2754, 5.4270, 12.7, 56_600),
            new Arrondissement("13211", "Marseille 11e Arrondissement", 43.2883, 5.4837, 27.6, 57_700),
            new Arrondissement("13212", "Marseille 12e Arrondissement", 43.3079, 5.4395, 14.3, 63_400),
            new Arrondissement("13213", "Marseille 13e Arrondissement", 43.3497, 5.4340, 30.9, 92_700),
            new Arrondissement("13214", "Marseille 14e Arrondissement", 43.3447, 5.3935, 10.3, 61_000),
            new Arrondissement("13215", "Marseille 15e Arrondissement", 43.3593, 5.3633, 17.4, 80_600),
            new Arrondissement("13216", "Marseille 16e Arrondissement", 43.3658, 5.3124, 16.2, 16_500));

    /** The commune's outline as (lat, lon), simplified with Douglas–Peucker at about 300 m. */
    static final double[][] OUTLINE = {
        {43.1979, 5.5102}, {43.2013, 5.5083}, {43.1969, 5.4999}, {43.2035, 5.4929}, {43.2112, 5.4589},
        {43.2112, 5.4452}, {43.2020, 5.4545}, {43.2105, 5.4209}, {43.2035, 5.4269}, {43.2129, 5.4045},
        {43.2072, 5.3634}, {43.2126, 5.3418}, {43.2295, 5.3480}, {43.2357, 5.3594}, {43.2431, 5.3625},
        {43.2451, 5.3725}, {43.2552, 5.3761}, {43.2643, 5.3677}, {43.2675, 5.3702}, {43.2816, 5.3455},
        {43.2938, 5.3541}, {43.2942, 5.3735}, {43.2957, 5.3602}, {43.3121, 5.3644}, {43.3124, 5.3603},
        {43.3141, 5.3641}, {43.3190, 5.3565}, {43.3209, 5.3621}, {43.3257, 5.3587}, {43.3208, 5.3551},
        {43.3332, 5.3450}, {43.3347, 5.3511}, {43.3447, 5.3283}, {43.3412, 5.3392}, {43.3448, 5.3410},
        {43.3533, 5.3269}, {43.3546, 5.3141}, {43.3555, 5.3220}, {43.3614, 5.3083}, {43.3537, 5.2823},
        {43.3664, 5.2782}, {43.3748, 5.2850}, {43.3805, 5.2788}, {43.3890, 5.2970}, {43.3809, 5.3040},
        {43.3769, 5.3171}, {43.3682, 5.3219}, {43.3773, 5.3386}, {43.3745, 5.3552}, {43.3825, 5.3504},
        {43.3896, 5.3685}, {43.3843, 5.3784}, {43.3781, 5.3745}, {43.3697, 5.3796}, {43.3757, 5.4109},
        {43.3909, 5.4387}, {43.3857, 5.4491}, {43.3601, 5.4646}, {43.3392, 5.4502}, {43.3173, 5.4717},
        {43.3151, 5.5000}, {43.3219, 5.5136}, {43.3137, 5.5307}, {43.3091, 5.5271}, {43.2983, 5.5321},
        {43.2814, 5.5047}, {43.2672, 5.5147}, {43.2417, 5.5193}, {43.2375, 5.5262}, {43.2332, 5.5071},
        {43.2268, 5.5067}, {43.2155, 5.5179}, {43.1979, 5.5102},
    };

    private Marseille() {
    }

    public static Map<String, Long> populations() {
        var map = new LinkedHashMap<String, Long>();
        ARRONDISSEMENTS.forEach(a -> map.put(a.code(), a.population()));
        return map;
    }

    public static Polygon outline() {
        List<Coordinate> cs = CityGeoJson.coordinates(OUTLINE);
        return City.GEOMETRY.createPolygon(cs.toArray(Coordinate[]::new));
    }

    /** The 16 arrondissements as Voronoi cells of their centres clipped to the commune's outline. */
    public static City approximateCity() {
        Polygon outline = outline();
        var builder = new VoronoiDiagramBuilder();
        builder.setSites(ARRONDISSEMENTS.stream().map(a -> new Coordinate(a.lon(), a.lat())).toList());
        builder.setClipEnvelope(outline.getEnvelopeInternal());
        GeometryCollection cells = (GeometryCollection) builder.getDiagram(City.GEOMETRY);
        var districts = new ArrayList<District>();
        for (Arrondissement a : ARRONDISSEMENTS) {
            var centre = City.GEOMETRY.createPoint(new Coordinate(a.lon(), a.lat()));
            Geometry cell = null;
            for (int i = 0; i < cells.getNumGeometries(); i++) {
                if (cells.getGeometryN(i).covers(centre)) {
                    cell = cells.getGeometryN(i);
                    break;
                }
            }
            if (cell == null) {
                throw new IllegalStateException("no Voronoi cell for " + a.code());
            }
            Geometry clipped = cell.intersection(outline);
            districts.add(new District(a.code(), a.name(), a.population(), clipped, true));
        }
        return new City("Marseille", districts);
    }
}
