package org.vigie.core.accountability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How evenly something is shared out against a need: districts ranked from least to best served per unit of need
 * (cameras per inhabitant, cameras per incident), cumulative share of the need on x, of what is shared out on y.
 * The Gini coefficient is twice the area between the curve and the diagonal: 0 when every district has its
 * share, towards 1 when one district holds everything.
 *
 * @param points from (0, 0) to (1, 1), one per district with any need or any share
 * @param gini   NaN when there is nothing to share out or no need
 */
public record Lorenz(List<Point> points, double gini) {
    public record Point(String district, double need, double share) {
    }

    /** One district's need (inhabitants, incidents) and share (cameras). */
    public record Part(String district, double need, double share) {
    }

    public static Lorenz of(List<Part> parts) {
        double needTotal = parts.stream().mapToDouble(Part::need).sum();
        double shareTotal = parts.stream().mapToDouble(Part::share).sum();
        if (!(needTotal > 0) || !(shareTotal > 0)) {
            return new Lorenz(List.of(), Double.NaN);
        }
        // Districts without need but with a share come last (infinitely well served per unit of need).
        var sorted = new ArrayList<>(parts.stream().filter(p -> p.need() > 0 || p.share() > 0).toList());
        sorted.sort(Comparator.comparingDouble((Part p) -> p.need() == 0 ? Double.POSITIVE_INFINITY : p.share() / p.need())
                .thenComparing(Part::district));
        var points = new ArrayList<Point>();
        points.add(new Point("", 0, 0));
        double x = 0;
        double y = 0;
        double area = 0;
        for (Part p : sorted) {
            double nx = x + p.need() / needTotal;
            double ny = y + p.share() / shareTotal;
            area += (nx - x) * (ny + y);
            x = nx;
            y = ny;
            points.add(new Point(p.district(), x, y));
        }
        return new Lorenz(List.copyOf(points), 1 - area);
    }
}
