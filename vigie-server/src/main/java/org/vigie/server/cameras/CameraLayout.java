package org.vigie.server.cameras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vigie.server.api.Requests;

/**
 * The zones and direction lines drawn on one camera's image, in normalised image coordinates ([0,1] from the
 * top-left corner), so a layout survives a change of resolution.
 */
public record CameraLayout(List<Zone> zones, List<Line> lines) {
    public static final int MAX_SHAPES = 64;
    public static final int MAX_POINTS = 64;
    public static final CameraLayout EMPTY = new CameraLayout(List.of(), List.of());

    public CameraLayout {
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
    }

    public record Point(double x, double y) {
        public Point {
            if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
                throw new IllegalArgumentException("point (" + x + ", " + y + ") is outside the image: x and y must be in [0, 1]");
            }
        }
    }

    /** What a zone is for; each kind feeds a different scene rule. */
    public enum ZoneKind {
        FORBIDDEN, SENSITIVE, COUNTING, FURNITURE, GRAFFITI_SURFACE;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<ZoneKind> fromJson(String s) {
            for (ZoneKind k : values()) {
                if (k.jsonName().equals(s)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Which way a crossing of the line is allowed, as seen from {@code a} looking towards {@code b}. */
    public enum Direction {
        LEFT_TO_RIGHT, RIGHT_TO_LEFT, BOTH;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Direction> fromJson(String s) {
            for (Direction d : values()) {
                if (d.jsonName().equals(s)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    public record Zone(String name, ZoneKind kind, List<Point> points) {
        public Zone {
            points = List.copyOf(points);
            if (points.size() < 3 || points.size() > MAX_POINTS) {
                throw new IllegalArgumentException("zone '" + name + "' needs 3.." + MAX_POINTS + " points, got " + points.size());
            }
        }
    }

    public record Line(String name, Point a, Point b, Direction allowed) {
        public Line {
            if (a.equals(b)) {
                throw new IllegalArgumentException("line '" + name + "' has both ends at the same point");
            }
        }
    }

    public ObjectNode json() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ArrayNode zs = n.putArray("zones");
        for (Zone z : zones) {
            ObjectNode o = zs.addObject().put("name", z.name()).put("kind", z.kind().jsonName());
            ArrayNode pts = o.putArray("points");
            z.points().forEach(p -> pts.addArray().add(p.x()).add(p.y()));
        }
        ArrayNode ls = n.putArray("lines");
        for (Line l : lines) {
            ObjectNode o = ls.addObject().put("name", l.name());
            o.putArray("a").add(l.a().x()).add(l.a().y());
            o.putArray("b").add(l.b().x()).add(l.b().y());
            o.put("allowed", l.allowed().jsonName());
        }
        return n;
    }

    /**
     * Reads {@code {"zones": [{"name", "kind", "points": [[x, y], ...]}], "lines": [{"name", "a": [x, y], "b",
     * "allowed"}]}}, reporting every wrong field at once.
     *
     * @throws org.vigie.server.api.ApiError 400 naming each invalid field
     */
    public static CameraLayout read(JsonNode body) {
        var errors = new ArrayList<Map<String, Object>>();
        var zones = new ArrayList<Zone>();
        var lines = new ArrayList<Line>();
        var names = new HashSet<String>();
        JsonNode zs = body.path("zones");
        JsonNode ls = body.path("lines");
        if (!zs.isArray() || !ls.isArray()) {
            errors.add(Requests.fieldError(zs.isArray() ? "lines" : "zones", "must be an array"));
        } else if (zs.size() + ls.size() > MAX_SHAPES) {
            errors.add(Requests.fieldError("zones", "at most " + MAX_SHAPES + " zones and lines together"));
        } else {
            for (int i = 0; i < zs.size(); i++) {
                String path = "zones[" + i + "]";
                JsonNode z = zs.get(i);
                String name = name(z, path, names, errors);
                ZoneKind kind = ZoneKind.fromJson(z.path("kind").asText("")).orElse(null);
                if (kind == null) {
                    errors.add(Requests.fieldError(path + ".kind",
                            "must be one of forbidden, sensitive, counting, furniture, graffiti-surface"));
                }
                var points = new ArrayList<Point>();
                JsonNode ps = z.path("points");
                if (!ps.isArray()) {
                    errors.add(Requests.fieldError(path + ".points", "must be an array of [x, y]"));
                } else {
                    for (int j = 0; j < ps.size(); j++) {
                        point(ps.get(j), path + ".points[" + j + "]", errors).ifPresent(points::add);
                    }
                }
                if (name != null && kind != null && points.size() == ps.size()) {
                    try {
                        zones.add(new Zone(name, kind, points));
                    } catch (IllegalArgumentException e) {
                        errors.add(Requests.fieldError(path + ".points", e.getMessage()));
                    }
                }
            }
            for (int i = 0; i < ls.size(); i++) {
                String path = "lines[" + i + "]";
                JsonNode l = ls.get(i);
                String name = name(l, path, names, errors);
                Optional<Point> a = point(l.path("a"), path + ".a", errors);
                Optional<Point> b = point(l.path("b"), path + ".b", errors);
                Direction allowed = Direction.fromJson(l.path("allowed").asText("")).orElse(null);
                if (allowed == null) {
                    errors.add(Requests.fieldError(path + ".allowed", "must be one of left-to-right, right-to-left, both"));
                }
                if (name != null && a.isPresent() && b.isPresent() && allowed != null) {
                    try {
                        lines.add(new Line(name, a.get(), b.get(), allowed));
                    } catch (IllegalArgumentException e) {
                        errors.add(Requests.fieldError(path, e.getMessage()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw org.vigie.server.api.ApiError.badRequest("the layout has " + errors.size() + " invalid field(s)", errors);
        }
        return new CameraLayout(zones, lines);
    }

    private static String name(JsonNode shape, String path, java.util.Set<String> names,
                               List<Map<String, Object>> errors) {
        String name = shape.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 64) {
            errors.add(Requests.fieldError(path + ".name", "must be 1..64 characters"));
            return null;
        }
        if (!names.add(name)) {
            errors.add(Requests.fieldError(path + ".name", "'" + name + "' is used twice; names identify shapes in events"));
            return null;
        }
        return name;
    }

    private static Optional<Point> point(JsonNode p, String path, List<Map<String, Object>> errors) {
        if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            errors.add(Requests.fieldError(path, "must be [x, y] with numbers in [0, 1]"));
            return Optional.empty();
        }
        try {
            return Optional.of(new Point(p.get(0).asDouble(), p.get(1).asDouble()));
        } catch (IllegalArgumentException e) {
            errors.add(Requests.fieldError(path, e.getMessage()));
            return Optional.empty();
        }
    }
}
