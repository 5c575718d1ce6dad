package org.vigie.app.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;

/** The city's districts prepared for drawing places at random: first which district, then where inside it. */
final class Territory {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final int MAX_TRIES = 1_000;

    private record Area(PreparedGeometry shape, Envelope envelope, Point centre) {
    }

    private final City city;
    private final Map<String, Area> areas = new HashMap<>();

    Territory(City city) {
        this.city = city;
        for (District d : city.districts()) {
            Point centroid = d.area().getCentroid();
            Point centre = d.area().covers(centroid) ? centroid : d.area().getInteriorPoint();
            areas.put(d.code(), new Area(PreparedGeometryFactory.prepare(d.area()), d.area().getEnvelopeInternal(), centre));
        }
    }

    List<District> districts() {
        return city.districts();
    }

    District pickDistrict(RandomGenerator random, ToDoubleFunction<District> weight) {
        double total = districts().stream().mapToDouble(weight).sum();
        if (!(total > 0)) { // a boundary file without populations: every district alike
            return districts().get(random.nextInt(districts().size()));
        }
        double u = random.nextDouble() * total;
        for (District d : districts()) {
            u -= weight.applyAsDouble(d);
            if (u < 0) {
                return d;
            }
        }
        return districts().getLast(); // only reached through rounding
    }

    /**
     * A point inside the district, as {lat, lon}, by rejection sampling in its envelope. Candidates are drawn
     * around the district's centre rather than evenly: the large outer arrondissements are mostly hills and
     * the Calanques, where nobody lives, and an even spread would put street fights on the mountain.
     */
    double[] randomPoint(RandomGenerator random, District district) {
        Area a = areas.get(district.code());
        for (int i = 0; i < MAX_TRIES; i++) {
            double lon = a.centre().getX() + random.nextGaussian() * a.envelope().getWidth() / 4;
            double lat = a.centre().getY() + random.nextGaussian() * a.envelope().getHeight() / 4;
            if (a.envelope().contains(lon, lat) && a.shape().covers(GEOMETRY.createPoint(new Coordinate(lon, lat)))) {
                return new double[] {lat, lon};
            }
        }
        return new double[] {a.centre().getY(), a.centre().getX()};
    }

    boolean contains(double lat, double lon) {
        return city.findDistrict(lat, lon).isPresent();
    }
}
