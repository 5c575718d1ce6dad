package org.vigie.core.geo;

/** Distances on the WGS84 sphere approximation; good to 0.5 % at city scale, which is far below sensor error. */
public final class GeoMath {
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private GeoMath() {
    }

    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /**
     * A circle that answers "how far, if within the radius?" for many points. The exact (haversine) distance costs
     * an arcsine, which dominated the correlator's candidate checks; a flat-earth estimate first rejects the points
     * that are surely outside, and only the others pay for the exact distance. So the answers are exactly those of
     * {@link #distanceMeters}: the estimate only ever skips points well beyond the radius.
     */
    public static final class Circle {
        /** Beyond this radius or this close to a pole the estimate is not trusted; every point gets the exact test. */
        private static final double MAX_ESTIMATED_RADIUS = 50_000;
        private static final double MAX_ESTIMATED_LAT = 80;
        /** The estimate errs by well under 1 % at these scales; 2 % plus a metre leaves room to spare. */
        private static final double MARGIN = 1.02;
        private static final double METERS_PER_DEGREE = Math.toRadians(1) * EARTH_RADIUS_METERS;

        private final double lat;
        private final double lon;
        private final double radius;
        private final double metersPerDegreeLon;
        private final double rejectBeyondSquared;
        /** The same bound for points in single precision: a float degree errs by at most a metre anywhere. */
        private final double packedBeyondSquared;

        public Circle(double lat, double lon, double radiusMeters) {
            this.lat = lat;
            this.lon = lon;
            this.radius = radiusMeters;
            this.metersPerDegreeLon = METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
            double bound = radiusMeters * MARGIN + 1;
            boolean trusted = radiusMeters <= MAX_ESTIMATED_RADIUS && Math.abs(lat) <= MAX_ESTIMATED_LAT;
            this.rejectBeyondSquared = trusted ? bound * bound : Double.POSITIVE_INFINITY;
            this.packedBeyondSquared = trusted ? (bound + 2) * (bound + 2) : Double.POSITIVE_INFINITY;
        }

        /**
         * A point in eight bytes (latitude and longitude as floats) for {@link #surelyBeyond}: a search that tests
         * dozens of points reads a quarter of what the exact coordinates and their time span take.
         */
        public static long pack(double lat, double lon) {
            long latBits = Float.floatToRawIntBits((float) lat);
            return (latBits << 32) | (Float.floatToRawIntBits((float) lon) & 0xFFFF_FFFFL);
        }

        /** Whether a {@link #pack packed} point is surely beyond the radius; false when it may be within. */
        public boolean surelyBeyond(long packed) {
            double dy = (Float.intBitsToFloat((int) (packed >>> 32)) - lat) * METERS_PER_DEGREE;
            double dLon = Float.intBitsToFloat((int) packed) - lon;
            if (dLon > 180) {
                dLon -= 360;
            } else if (dLon < -180) {
                dLon += 360;
            }
            double dx = dLon * metersPerDegreeLon;
            return dx * dx + dy * dy > packedBeyondSquared;
        }

        /** The exact distance to the point when it is within the radius, otherwise {@code +∞}. */
        public double distanceWithin(double lat2, double lon2) {
            double dy = (lat2 - lat) * METERS_PER_DEGREE;
            double dLon = lon2 - lon;
            if (dLon > 180) {
                dLon -= 360;
            } else if (dLon < -180) {
                dLon += 360;
            }
            double dx = dLon * metersPerDegreeLon;
            if (dx * dx + dy * dy > rejectBeyondSquared) {
                return Double.POSITIVE_INFINITY;
            }
            double d = distanceMeters(lat, lon, lat2, lon2);
            return d <= radius ? d : Double.POSITIVE_INFINITY;
        }
    }

    /** The point reached from (lat, lon) after {@code meters} towards {@code bearingDeg} (0 = north). */
    public static double[] offset(double lat, double lon, double meters, double bearingDeg) {
        double d = meters / EARTH_RADIUS_METERS;
        double b = Math.toRadians(bearingDeg);
        double p1 = Math.toRadians(lat);
        double l1 = Math.toRadians(lon);
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
        double l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        return new double[] {Math.toDegrees(p2), Math.toDegrees(l2)};
    }
}
