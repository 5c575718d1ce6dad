package org.vigie.audio.locate;

/**
 * Metres east and north of a reference point. An equirectangular projection: over the few kilometres a sensor
 * array spans, its error is far below the metre.
 */
public record LocalFrame(double lat0, double lon0) {
    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    public double[] toMetres(double lat, double lon) {
        return new double[] {(lon - lon0) * METRES_PER_DEGREE * Math.cos(Math.toRadians(lat0)),
                (lat - lat0) * METRES_PER_DEGREE};
    }

    /** {lat, lon} of a point given in metres. */
    public double[] toDegrees(double east, double north) {
        return new double[] {lat0 + north / METRES_PER_DEGREE,
                lon0 + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat0)))};
    }
}
