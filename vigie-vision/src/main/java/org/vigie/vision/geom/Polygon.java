package org.vigie.vision.geom;

import java.util.List;

/** A closed polygon in normalised image coordinates: (0,0) top-left, (1,1) bottom-right of the frame. */
public record Polygon(List<Point> points) {
    public record Point(double x, double y) {}

    public Polygon {
        points = List.copyOf(points);
        if (points.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, got " + points.size());
        }
    }

    public static Polygon wholeFrame() {
        return new Polygon(List.of(new Point(0, 0), new Point(1, 0), new Point(1, 1), new Point(0, 1)));
    }

    /** Even-odd rule; a point on the border may fall either way, which is fine for zones drawn by hand. */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            Point a = points.get(i);
            Point b = points.get(j);
            if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Area in normalised units (shoelace formula). */
    public double area() {
        double s = 0;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            s += points.get(j).x * points.get(i).y - points.get(i).x * points.get(j).y;
        }
        return Math.abs(s) / 2;
    }

    public Box bounds() {
        double x1 = 1, y1 = 1, x2 = 0, y2 = 0;
        for (Point p : points) {
            x1 = Math.min(x1, p.x);
            y1 = Math.min(y1, p.y);
            x2 = Math.max(x2, p.x);
            y2 = Math.max(y2, p.y);
        }
        return Box.ofCorners(x1, y1, x2, y2);
    }
}
