package org.vigie.vision.geom;

/** An axis-aligned rectangle in pixels of the frame it was measured on (x, y is the top-left corner). */
public record Box(double x, double y, double w, double h) {
    public Box {
        if (!(w >= 0 && h >= 0)) {
            throw new IllegalArgumentException("box width and height must be >= 0, got " + w + "x" + h);
        }
    }

    public static Box ofCorners(double x1, double y1, double x2, double y2) {
        return new Box(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    }

    public double area() {
        return w * h;
    }

    public double cx() {
        return x + w / 2;
    }

    public double cy() {
        return y + h / 2;
    }

    /** The point where an upright person or a vehicle touches the ground: what zones and lines are tested on. */
    public double footX() {
        return x + w / 2;
    }

    public double footY() {
        return y + h;
    }

    public double right() {
        return x + w;
    }

    public double bottom() {
        return y + h;
    }

    public double intersection(Box o) {
        double iw = Math.min(right(), o.right()) - Math.max(x, o.x);
        double ih = Math.min(bottom(), o.bottom()) - Math.max(y, o.y);
        return iw <= 0 || ih <= 0 ? 0 : iw * ih;
    }

    public double iou(Box o) {
        double i = intersection(o);
        double u = area() + o.area() - i;
        return u <= 0 ? 0 : i / u;
    }

    /** Share of this box covered by the other. */
    public double coveredBy(Box o) {
        return area() <= 0 ? 0 : intersection(o) / area();
    }

    public Box grow(double fraction) {
        double dx = w * fraction;
        double dy = h * fraction;
        return new Box(x - dx, y - dy, w + 2 * dx, h + 2 * dy);
    }

    public Box scale(double sx, double sy) {
        return new Box(x * sx, y * sy, w * sx, h * sy);
    }

    public Box clip(double width, double height) {
        double x1 = Math.max(0, Math.min(width, x));
        double y1 = Math.max(0, Math.min(height, y));
        double x2 = Math.max(0, Math.min(width, right()));
        double y2 = Math.max(0, Math.min(height, bottom()));
        return ofCorners(x1, y1, x2, y2);
    }

    public Box union(Box o) {
        return ofCorners(Math.min(x, o.x), Math.min(y, o.y), Math.max(right(), o.right()), Math.max(bottom(), o.bottom()));
    }

    public double distanceTo(Box o) {
        double dx = Math.max(0, Math.max(o.x - right(), x - o.right()));
        double dy = Math.max(0, Math.max(o.y - bottom(), y - o.bottom()));
        return Math.hypot(dx, dy);
    }
}
