package org.vigie.feeds.cap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Location;

/**
 * Where a CAP {@code <area>} is, as one point and a radius that covers it: the centroid of a polygon and its
 * farthest vertex, the centre and radius of a circle, or the districts of the city its geocodes name (French
 * INSEE codes, e.g. 13201–13216 for Marseille's arrondissements). Several shapes in one area are one place: the
 * centre is their area-weighted mean and the radius reaches the far edge of each.
 *
 * <p>Shapes win over geocodes, being exact. An area wider than {@link Location#MAX_ACCURACY_METERS} cannot be one
 * located event (a national weather warning is not a place in a city) and is refused with its size.
 *
 * <p>Thread-safe: the only state is a cache of the city's district extents, filled atomically.
 */
final class AreaLocator {
    /** Metres per degree of latitude on the sphere {@link GeoMath} uses. */
    private static final double METERS_PER_DEGREE = Math.toRadians(1) * GeoMath.EARTH_RADIUS_METERS;

    private final City city;
    private final Map<String, Optional<Extent>> districts = new ConcurrentHashMap<>();

    /** @param city whose district codes geocodes may name; null when geocodes cannot be resolved */
    AreaLocator(City city) {
        this.city = city;
    }

    sealed interface Result permits Located, Unlocated {
    }

    /** @param method {@code polygon}, {@code circle} or {@code geocode} */
    record Located(double lat, double lon, double accuracyMeters, String method) implements Result {
    }

    record Unlocated(String reason) implements Result {
    }

    /** A point, the radius around it that covers a shape, and the shape's area for weighting (m², may be 0). */
    record Extent(double lat, double lon, double radiusMeters, double areaM2) {
    }

    Result locate(CapAlert.Area area) {
        String name = "area " + area.index() + " '" + CapAlertReader.clip(area.description()) + "' (line " + area.line() + ")";
        var shapes = new ArrayList<Extent>();
        String method = null;
        try {
            for (CapAlert.Shape p : area.polygons()) {
                shapes.add(polygon(p));
                method = "polygon";
            }
            for (CapAlert.Shape c : area.circles()) {
                shapes.add(circle(c));
                method = method == null ? "circle" : method;
            }
        } catch (ShapeException e) {
            return new Unlocated(name + ": " + e.getMessage());
        }
        if (shapes.isEmpty()) {
            if (area.geocodes().isEmpty()) {
                return new Unlocated(name + " has no <polygon>, <circle> or <geocode> to place it");
            }
            var resolved = new ArrayList<Extent>();
            var unknown = new ArrayList<String>();
            for (CapAlert.Code code : area.geocodes()) {
                resolve(code, resolved, unknown);
            }
            if (resolved.isEmpty()) {
                return new Unlocated(name + " has no <polygon> or <circle>, and no geocode names a place this city"
                        + " knows: " + describe(unknown) + (city == null ? " (no city is configured)"
                        : " (" + city.name() + " resolves the INSEE codes of its districts, " + districtCodes() + ")"));
            }
            shapes.addAll(resolved);
            method = "geocode";
        }
        Extent e = combine(shapes);
        if (!(e.radiusMeters() <= Location.MAX_ACCURACY_METERS)) {
            return new Unlocated(name + " spans a radius of " + Math.round(e.radiusMeters() / 1000) + " km; an event"
                    + " is placed within " + (long) (Location.MAX_ACCURACY_METERS / 1000) + " km, so an area this wide"
                    + " cannot become one located event");
        }
        return new Located(e.lat(), e.lon(), e.radiusMeters(), method);
    }

    private void resolve(CapAlert.Code code, List<Extent> resolved, List<String> unknown) {
        if (city == null || !code.name().toLowerCase(Locale.ROOT).contains("insee")) {
            unknown.add(code.toString());
            return;
        }
        for (String value : code.value().split("\\s+")) {
            // Only the city's own codes are cached: caching every code a sender writes would let a feed grow memory.
            Optional<Extent> d = city.findDistrict(value)
                    .flatMap(district -> districts.computeIfAbsent(district.code(), c -> extent(district)));
            if (d.isPresent()) {
                resolved.add(d.get());
            } else {
                unknown.add(code.name() + "=" + value);
            }
        }
    }

    private String districtCodes() {
        List<String> codes = city.districts().stream().map(District::code).toList();
        return codes.size() <= 4 ? String.join(", ", codes)
                : codes.get(0) + ", " + codes.get(1) + " … " + codes.get(codes.size() - 1) + " (" + codes.size() + " districts)";
    }

    private static String describe(List<String> codes) {
        String shown = codes.stream().limit(5).map(CapAlertReader::clip).collect(Collectors.joining(", "));
        return codes.size() > 5 ? shown + " and " + (codes.size() - 5) + " more" : shown;
    }

    private static Optional<Extent> extent(District d) {
        Geometry g = d.area();
        if (g.isEmpty()) {
            return Optional.empty();
        }
        Point c = g.getCentroid();
        double radius = 0;
        for (Coordinate v : g.getCoordinates()) {
            radius = Math.max(radius, GeoMath.distanceMeters(c.getY(), c.getX(), v.y, v.x));
        }
        double k = Math.cos(Math.toRadians(c.getY()));
        return Optional.of(new Extent(c.getY(), c.getX(), radius, g.getArea() * k * METERS_PER_DEGREE * METERS_PER_DEGREE));
    }

    /** CAP: space-separated "lat,lon" pairs, the first repeated last. An unclosed ring is closed here. */
    static Extent polygon(CapAlert.Shape shape) throws ShapeException {
        String text = shape.text();
        String where = "<polygon> at line " + shape.line();
        if (text.isEmpty()) {
            throw new ShapeException(where + " is empty");
        }
        String[] tokens = text.split("\\s+");
        int n = tokens.length;
        double[] lat = new double[n + 1];
        double[] lon = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double[] p = pair(tokens[i], where + ", point " + (i + 1));
            lat[i] = p[0];
            lon[i] = p[1];
        }
        if (lat[0] != lat[n - 1] || lon[0] != lon[n - 1]) {
            lat[n] = lat[0];
            lon[n] = lon[0];
            n++;
        }
        if (n < 4) {
            throw new ShapeException(where + " has " + Math.max(1, n - 1) + " distinct point(s); a polygon needs at least 3");
        }
        // Longitudes are unwrapped along the ring so a polygon across the antimeridian stays in one piece.
        for (int i = 1; i < n; i++) {
            lon[i] = lon[i - 1] + wrap(lon[i] - lon[i - 1]);
        }
        // Planar centroid in a local equirectangular frame around the first vertex: exact enough at the scale of
        // an alert area (the result is checked against a 100 km radius anyway).
        double meanLat = 0;
        for (int i = 0; i < n - 1; i++) {
            meanLat += lat[i];
        }
        meanLat /= n - 1;
        double k = Math.cos(Math.toRadians(meanLat));
        double twiceArea = 0;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < n - 1; i++) {
            double x0 = (lon[i] - lon[0]) * k;
            double y0 = lat[i] - lat[0];
            double x1 = (lon[i + 1] - lon[0]) * k;
            double y1 = lat[i + 1] - lat[0];
            double cross = x0 * y1 - x1 * y0;
            twiceArea += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        double sumLon = 0;
        for (int i = 0; i < n - 1; i++) {
            minLat = Math.min(minLat, lat[i]);
            maxLat = Math.max(maxLat, lat[i]);
            minLon = Math.min(minLon, lon[i]);
            maxLon = Math.max(maxLon, lon[i]);
            sumLon += lon[i];
        }
        double cLat = lat[0] + cy / (3 * twiceArea);
        double cLon = lon[0] + cx / (3 * twiceArea) / k;
        if (!(Math.abs(twiceArea) > 1e-12 && cLat >= minLat && cLat <= maxLat && cLon >= minLon && cLon <= maxLon)) {
            // A ring that encloses nothing (points on a line) or crosses itself so that its signed areas cancel:
            // the mean of its vertices is the honest centre.
            cLat = meanLat;
            cLon = sumLon / (n - 1);
        }
        double radius = 0;
        for (int i = 0; i < n - 1; i++) {
            radius = Math.max(radius, GeoMath.distanceMeters(cLat, cLon, lat[i], lon[i]));
        }
        double areaM2 = Math.abs(twiceArea) / 2 * METERS_PER_DEGREE * METERS_PER_DEGREE;
        return new Extent(cLat, normalizeLon(cLon), radius, areaM2);
    }

    /** CAP: "lat,lon radius", the radius in kilometres. */
    static Extent circle(CapAlert.Shape shape) throws ShapeException {
        String where = "<circle> at line " + shape.line();
        String[] tokens = shape.text().split("\\s+");
        if (tokens.length != 2) {
            throw new ShapeException(where + " is '" + CapAlertReader.clip(shape.text()) + "'; expected 'lat,lon radius-km'");
        }
        double[] centre = pair(tokens[0], where);
        double km;
        try {
            km = Double.parseDouble(tokens[1]);
        } catch (NumberFormatException e) {
            throw new ShapeException(where + " has radius '" + CapAlertReader.clip(tokens[1]) + "'; expected kilometres");
        }
        if (!(km >= 0) || Double.isInfinite(km)) {
            throw new ShapeException(where + " has radius " + tokens[1] + "; expected 0 or more kilometres");
        }
        double m = km * 1000;
        return new Extent(centre[0], centre[1], m, Math.PI * m * m);
    }

    private static double[] pair(String token, String where) throws ShapeException {
        String[] parts = token.split(",", -1);
        if (parts.length != 2) {
            throw new ShapeException(where + " is '" + CapAlertReader.clip(token) + "'; expected 'lat,lon'");
        }
        double lat;
        double lon;
        try {
            lat = Double.parseDouble(parts[0]);
            lon = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            throw new ShapeException(where + " is '" + CapAlertReader.clip(token) + "'; expected two decimal numbers 'lat,lon'");
        }
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new ShapeException(where + " is '" + CapAlertReader.clip(token)
                    + "'; latitude must lie in -90..90 and longitude in -180..180");
        }
        return new double[] {lat, lon};
    }

    /** One place for several shapes: area-weighted centre, radius reaching the far side of each. */
    static Extent combine(List<Extent> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        double total = parts.stream().mapToDouble(Extent::areaM2).sum();
        boolean weighted = total > 0;
        double lon0 = parts.get(0).lon();
        double lat = 0;
        double lon = 0;
        for (Extent e : parts) {
            double w = weighted ? e.areaM2() / total : 1.0 / parts.size();
            lat += w * e.lat();
            lon += w * (lon0 + wrap(e.lon() - lon0));
        }
        lon = normalizeLon(lon);
        double radius = 0;
        for (Extent e : parts) {
            radius = Math.max(radius, GeoMath.distanceMeters(lat, lon, e.lat(), e.lon()) + e.radiusMeters());
        }
        return new Extent(lat, lon, radius, total);
    }

    private static double wrap(double dLon) {
        return normalizeLon(dLon);
    }

    /** Back into -180..180 after unwrapping (inputs are finite and within a few turns of it). */
    private static double normalizeLon(double lon) {
        double l = ((lon + 180) % 360 + 360) % 360 - 180;
        return l == -180 && lon > 0 ? 180 : l;
    }

    /** A {@code <polygon>} or {@code <circle>} that does not follow CAP's notation. */
    static final class ShapeException extends Exception {
        private static final long serialVersionUID = 1L;

        ShapeException(String message) {
            super(message);
        }
    }
}
