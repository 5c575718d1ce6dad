package org.vigie.core.geo;

/** A lat/lon rectangle, as in the {@code bbox=minLon,minLat,maxLon,maxLat} query parameter (GeoJSON order). */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {
    public BoundingBox {
        if (!(minLat >= -90 && maxLat <= 90 && minLat <= maxLat)) {
            throw new IllegalArgumentException("bbox latitudes must satisfy -90 <= minLat <= maxLat <= 90");
        }
        if (!(minLon >= -180 && maxLon <= 180 && minLon <= maxLon)) {
            throw new IllegalArgumentException("bbox longitudes must satisfy -180 <= minLon <= maxLon <= 180");
        }
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat}. */
    public static BoundingBox parse(String text) {
        String[] p = text.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException("bbox must be minLon,minLat,maxLon,maxLat; got '" + text + "'");
        }
        try {
            return new BoundingBox(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                    Double.parseDouble(p[2].trim()), Double.parseDouble(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bbox must be four numbers minLon,minLat,maxLon,maxLat; got '" + text + "'");
        }
    }

    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }
}
