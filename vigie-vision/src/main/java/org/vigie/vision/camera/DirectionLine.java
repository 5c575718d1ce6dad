package org.vigie.vision.camera;

import org.vigie.vision.geom.Polygon.Point;

/**
 * A segment drawn across a passage (normalised coordinates) with the direction in which it may be crossed.
 * Looking from {@code from} to {@code to}, "left" is the side where the cross product is negative in image
 * coordinates (y grows downwards), i.e. the left of someone standing at {@code from} and facing {@code to}.
 *
 * @param band how far from the segment (normalised) a track counts as "on the line" for {@code wrong_way}
 */
public record DirectionLine(String name, Point from, Point to, Allowed allowed, double band) {
    public enum Allowed { LEFT_TO_RIGHT, RIGHT_TO_LEFT, BOTH }

    /** +1 on the right side, -1 on the left, 0 on the line. */
    public int side(double x, double y) {
        double c = (to.x() - from.x()) * (y - from.y()) - (to.y() - from.y()) * (x - from.x());
        return c > 0 ? 1 : c < 0 ? -1 : 0;
    }

    /** Unit normal pointing to the right side, in normalised coordinates. */
    public double[] rightNormal() {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double n = Math.hypot(dx, dy);
        return new double[] {-dy / n, dx / n};
    }

    /** Unit vector of the allowed crossing direction, or null when both are allowed. */
    public double[] allowedDirection() {
        double[] n = rightNormal();
        return switch (allowed) {
            case LEFT_TO_RIGHT -> n;
            case RIGHT_TO_LEFT -> new double[] {-n[0], -n[1]};
            case BOTH -> null;
        };
    }

    /** Distance (normalised) from a point to the segment. */
    public double distance(double x, double y) {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - from.x()) * dx + (y - from.y()) * dy) / len2));
        return Math.hypot(x - (from.x() + t * dx), y - (from.y() + t * dy));
    }
}
