package org.vigie.vision.camera;

import java.util.List;
import org.vigie.vision.geom.Polygon;

/** Maps normalised image coordinates to ground coordinates in metres (a 3x3 matrix, row-major). */
public record Homography(double[] m) {
    public Homography {
        if (m.length != 9) {
            throw new IllegalArgumentException("a homography has 9 values, got " + m.length);
        }
        m = m.clone();
    }

    public double[] toGround(double x, double y) {
        double w = m[6] * x + m[7] * y + m[8];
        return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
    }

    /** Area of a zone on the ground, square metres. */
    public double groundArea(Polygon p) {
        List<Polygon.Point> pts = p.points();
        double s = 0;
        for (int i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
            double[] a = toGround(pts.get(j).x(), pts.get(j).y());
            double[] b = toGround(pts.get(i).x(), pts.get(i).y());
            s += a[0] * b[1] - b[0] * a[1];
        }
        return Math.abs(s) / 2;
    }
}
