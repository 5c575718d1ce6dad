package org.vigie.core.geo;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A city as Vigie sees it: named districts with populations. Point lookups use an STRtree of prepared
 * polygons (candidates by envelope, then an exact test). Immutable and safe to share between threads: the
 * tree is built in the constructor and only queried afterwards.
 */
public final class City {
    static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final String name;
    private final List<District> districts;
    private final STRtree index = new STRtree();

    public City(String name, List<District> districts) {
        if (districts.isEmpty()) {
            throw new IllegalArgumentException("a city needs at least one district");
        }
        this.name = name;
        this.districts = districts.stream().sorted(Comparator.comparing(District::code)).toList();
        for (District d : this.districts) {
            index.insert(d.area().getEnvelopeInternal(), new Entry(d, PreparedGeometryFactory.prepare(d.area())));
        }
        index.build();
    }

    private record Entry(District district, PreparedGeometry prepared) {
    }

    public String name() {
        return name;
    }

    public List<District> districts() {
        return districts;
    }

    public long population() {
        return districts.stream().mapToLong(District::population).sum();
    }

    public Optional<District> findDistrict(double lat, double lon) {
        Point p = GEOMETRY.createPoint(new Coordinate(lon, lat));
        @SuppressWarnings("unchecked")
        List<Entry> candidates = index.query(new Envelope(lon, lon, lat, lat));
        return candidates.stream().filter(e -> e.prepared().covers(p)).map(Entry::district)
                .min(Comparator.comparing(District::code));
    }

    public Optional<District> findDistrict(String code) {
        return districts.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    public BoundingBox bounds() {
        Envelope env = new Envelope();
        districts.forEach(d -> env.expandToInclude(d.area().getEnvelopeInternal()));
        return new BoundingBox(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY());
    }

    public Geometry union() {
        return GEOMETRY.buildGeometry(districts.stream().map(District::area).toList()).union();
    }
}
