package org.vigie.feeds.tabular;

import java.util.List;
import java.util.Map;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.model.Location;

/**
 * Where a record happened: WGS84 latitude and longitude columns; easting and northing columns in a projected
 * system (Lambert-93, EPSG:2154, in French exports) turned into WGS84 with proj4j; or a site column looked up in
 * a table of fixed places (a hospital's emergency department, a fire station), for sources that name a place
 * rather than give coordinates.
 *
 * <p>A blank or zero coordinate is a placeholder, not a place, and a point outside the bounds is a geocoding
 * failure (Baltimore's export puts those at 39, -77) or another city's record: such rows are rejected.
 */
final class PositionColumns {
    enum Kind { LAT_LON, PROJECTED, SITE }

    /** The target of every conversion, so that a datum shift (NTF → WGS84) is applied where the source has one. */
    static final CoordinateReferenceSystem WGS84 = new CRSFactory().createFromParameters("WGS84",
            "+proj=longlat +datum=WGS84 +no_defs");

    private static final double ROUND_TRIP_METERS = 1.0;

    private final Kind kind;
    private final String first;
    private final String second;
    private final String crsName;
    private final CoordinateReferenceSystem crs;
    private final Map<String, double[]> sites;
    private final double accuracyMeters;
    private final BoundingBox bounds;

    private PositionColumns(Kind kind, String first, String second, String crsName, CoordinateReferenceSystem crs,
                            Map<String, double[]> sites, double accuracyMeters, BoundingBox bounds) {
        this.kind = kind;
        this.first = first;
        this.second = second;
        this.crsName = crsName;
        this.crs = crs;
        this.sites = sites;
        this.accuracyMeters = accuracyMeters;
        this.bounds = bounds;
    }

    static PositionColumns latLon(String lat, String lon, double accuracyMeters, BoundingBox bounds) {
        return new PositionColumns(Kind.LAT_LON, lat, lon, "EPSG:4326", null, Map.of(), accuracyMeters, bounds);
    }

    static PositionColumns projected(String x, String y, String crsName, CoordinateReferenceSystem crs,
                                     double accuracyMeters, BoundingBox bounds) {
        return new PositionColumns(Kind.PROJECTED, x, y, crsName, crs, Map.of(), accuracyMeters, bounds);
    }

    /** @param sites normalized site name ({@link ValueTable#normalize}) → {lat, lon} */
    static PositionColumns sites(String column, Map<String, double[]> sites, double accuracyMeters, BoundingBox bounds) {
        return new PositionColumns(Kind.SITE, column, null, "EPSG:4326", null, Map.copyOf(sites), accuracyMeters, bounds);
    }

    Kind kind() {
        return kind;
    }

    List<String> columns() {
        return second == null ? List.of(first) : List.of(first, second);
    }

    String crsName() {
        return crsName;
    }

    BoundingBox bounds() {
        return bounds;
    }

    /** Locates rows of one parse. Not thread-safe (proj4j transforms keep state): one per parse. */
    Locator locator(BoundingBox cityBounds, char decimalSeparator) {
        CoordinateTransform transform = kind == Kind.PROJECTED
                ? new CoordinateTransformFactory().createTransform(crs, WGS84) : null;
        CoordinateTransform back = kind == Kind.PROJECTED
                ? new CoordinateTransformFactory().createTransform(WGS84, crs) : null;
        BoundingBox box = bounds != null ? bounds : cityBounds;
        String boxName = bounds != null ? "the mapping's bounds" : "the city's bounds";
        return new Locator(transform, back, box, boxName, decimalSeparator);
    }

    final class Locator {
        private final CoordinateTransform transform;
        private final CoordinateTransform back;
        private final BoundingBox box;
        private final String boxName;
        private final char decimal;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        private Locator(CoordinateTransform transform, CoordinateTransform back, BoundingBox box, String boxName,
                        char decimal) {
            this.transform = transform;
            this.back = back;
            this.box = box;
            this.boxName = boxName;
            this.decimal = decimal;
        }

        /** The location, or null after adding why not to {@code problems}. */
        Location locate(Row row, List<String> problems) {
            double lat;
            double lon;
            String quoted;
            if (kind == Kind.SITE) {
                String site = row.text(first, problems);
                if (site == null) {
                    return null;
                }
                if (site.isEmpty()) {
                    problems.add(first + " is blank; the site of the record is required");
                    return null;
                }
                double[] at = sites.get(ValueTable.normalize(site));
                if (at == null) {
                    problems.add(first + " '" + Row.clip(site) + "' is not one of the mapping's " + sites.size() + " sites");
                    return null;
                }
                lat = at[0];
                lon = at[1];
                quoted = first + " '" + Row.clip(site) + "'";
            } else {
                String a = row.text(first, problems);
                String b = row.text(second, problems);
                if (a == null || b == null) {
                    return null;
                }
                String names = first + "/" + second;
                quoted = names + " '" + Row.clip(a) + "', '" + Row.clip(b) + "'";
                if (a.isEmpty() || b.isEmpty()) {
                    problems.add(names + " " + (a.isEmpty() && b.isEmpty() ? "are" : "is partly") + " blank; a position is required");
                    return null;
                }
                Double u = Row.number(a, decimal);
                Double v = Row.number(b, decimal);
                if (u == null || v == null) {
                    problems.add(quoted + ": " + (u == null ? first : second) + " is not a number");
                    return null;
                }
                if (u == 0 || v == 0) {
                    problems.add(quoted + ": a zero coordinate is a placeholder, not a place");
                    return null;
                }
                if (transform == null) {
                    lat = u;
                    lon = v;
                } else {
                    try {
                        in.x = u;
                        in.y = v;
                        transform.transform(in, out);
                        lat = out.y;
                        lon = out.x;
                        // Far outside a projection's domain the formulas still return a point (1e300 m gives the
                        // pole); such a point does not project back to where it came from.
                        in.x = lon;
                        in.y = lat;
                        back.transform(in, in);
                        if (!(Math.hypot(in.x - u, in.y - v) < ROUND_TRIP_METERS)) {
                            problems.add(quoted + " is not a point of " + crsName + " (it converts to "
                                    + round(lat) + ", " + round(lon) + ", which does not convert back)");
                            return null;
                        }
                    } catch (Proj4jException | ArithmeticException e) {
                        problems.add(quoted + ": cannot be converted from " + crsName + " (" + e.getMessage() + ")");
                        return null;
                    }
                }
                if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                    problems.add(quoted + (transform == null ? " is not a latitude and longitude"
                            : " is not a point of " + crsName + " (it converts to " + lat + ", " + lon + ")"));
                    return null;
                }
            }
            if (box != null && !box.contains(lat, lon)) {
                problems.add(quoted + " (" + round(lat) + ", " + round(lon) + ") lies outside " + boxName + " ["
                        + box.minLon() + ", " + box.minLat() + ", " + box.maxLon() + ", " + box.maxLat() + "]");
                return null;
            }
            return Location.of(lat, lon, accuracyMeters);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
