package org.vigie.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads district polygons from a GeoJSON FeatureCollection and writes a city back as GeoJSON for the map.
 * Only Polygon and MultiPolygon geometries are districts; anything else is an error naming the feature.
 */
public final class CityGeoJson {
    private CityGeoJson() {
    }

    /**
     * @param codeProperty property that holds the district code ({@code code} in the INSEE files)
     * @param nameProperty property that holds its name ({@code nom})
     * @param populations  known populations by code; districts missing from it get 0
     */
    public static City read(String cityName, JsonNode root, String codeProperty, String nameProperty,
                            Map<String, Long> populations) {
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw new IllegalArgumentException("expected a GeoJSON FeatureCollection, got type '" + root.path("type").asText() + "'");
        }
        var districts = new ArrayList<District>();
        JsonNode features = root.path("features");
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String code = f.path("properties").path(codeProperty).asText(null);
            String name = f.path("properties").path(nameProperty).asText(code);
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("feature " + i + " has no '" + codeProperty + "' property");
            }
            Geometry g = geometry(f.path("geometry"), "feature " + i + " (" + code + ")");
            districts.add(new District(code, name, populations.getOrDefault(code, 0L), g, false));
        }
        return new City(cityName, districts);
    }

    static Geometry geometry(JsonNode g, String where) {
        String type = g.path("type").asText();
        JsonNode coords = g.path("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coords, where);
            case "MultiPolygon" -> {
                var polys = new Polygon[coords.size()];
                for (int i = 0; i < coords.size(); i++) {
                    polys[i] = polygon(coords.get(i), where);
                }
                yield City.GEOMETRY.createMultiPolygon(polys);
            }
            default -> throw new IllegalArgumentException(where + ": geometry must be Polygon or MultiPolygon, got '" + type + "'");
        };
    }

    private static Polygon polygon(JsonNode rings, String where) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException(where + ": a polygon needs at least one ring");
        }
        LinearRing shell = ring(rings.get(0), where);
        var holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), where);
        }
        return City.GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode points, String where) {
        var cs = new Coordinate[points.size()];
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new IllegalArgumentException(where + ": position " + i + " is not [lon, lat]");
            }
            cs[i] = new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
        }
        if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException(where + ": a ring needs at least 4 positions and must be closed");
        }
        return City.GEOMETRY.createLinearRing(cs);
    }

    /** The districts as a FeatureCollection with code, name, population and approximate in the properties. */
    public static ObjectNode write(City city) {
        var nodes = JsonNodeFactory.instance;
        ObjectNode fc = nodes.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (District d : city.districts()) {
            ObjectNode f = features.addObject().put("type", "Feature");
            f.putObject("properties").put("code", d.code()).put("name", d.name()).put("population", d.population())
                    .put("approximate", d.approximate());
            f.set("geometry", geometry(d.area()));
        }
        return fc;
    }

    private static ObjectNode geometry(Geometry g) {
        var nodes = JsonNodeFactory.instance;
        ObjectNode o = nodes.objectNode();
        if (g instanceof Polygon p) {
            o.put("type", "Polygon");
            o.set("coordinates", rings(p));
        } else if (g instanceof MultiPolygon mp) {
            o.put("type", "MultiPolygon");
            ArrayNode arr = o.putArray("coordinates");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                arr.add(rings((Polygon) mp.getGeometryN(i)));
            }
        } else {
            throw new IllegalStateException("district geometry " + g.getGeometryType());
        }
        return o;
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode rings = JsonNodeFactory.instance.arrayNode();
        rings.add(ring(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(ring(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode ring(Coordinate[] cs) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (Coordinate c : cs) {
            arr.addArray().add(Math.round(c.x * 1e6) / 1e6).add(Math.round(c.y * 1e6) / 1e6);
        }
        return arr;
    }

    static List<Coordinate> coordinates(double[][] latLon) {
        var list = new ArrayList<Coordinate>();
        for (double[] p : latLon) {
            list.add(new Coordinate(p[1], p[0]));
        }
        return list;
    }
}
