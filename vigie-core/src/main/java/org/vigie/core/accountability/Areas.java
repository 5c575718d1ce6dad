package org.vigie.core.accountability;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.vigie.core.geo.GeoMath;

/** Areas of district polygons given in longitude/latitude degrees. */
public final class Areas {
    private Areas() {
    }

    /**
     * Square kilometres on the sphere: each ring's area by the formula of Chamberlain and Duquette (JPL, 2007),
     * holes subtracted. Planar area of the degrees would be wrong by the cosine of the latitude (0.73 in Marseille).
     */
    public static double squareKm(Geometry g) {
        double m2 = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p) {
                m2 += ring(p.getExteriorRing());
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    m2 -= ring(p.getInteriorRingN(h));
                }
            } else if (part != g) {
                m2 += squareKm(part) * 1e6; // a collection nested in a collection
            }
        }
        return m2 / 1e6;
    }

    private static double ring(LineString ring) {
        Coordinate[] c = ring.getCoordinates();
        double sum = 0;
        for (int i = 0; i < c.length - 1; i++) {
            double lon1 = Math.toRadians(c[i].x);
            double lon2 = Math.toRadians(c[i + 1].x);
            double lat1 = Math.toRadians(c[i].y);
            double lat2 = Math.toRadians(c[i + 1].y);
            sum += (lon2 - lon1) * (2 + Math.sin(lat1) + Math.sin(lat2));
        }
        double r = GeoMath.EARTH_RADIUS_METERS;
        return Math.abs(sum * r * r / 2);
    }
}
