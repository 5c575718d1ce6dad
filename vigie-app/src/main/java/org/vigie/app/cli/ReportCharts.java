package org.vigie.app.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;

/**
 * The report's charts, drawn server-side with Java2D (headless: no display is needed), so the HTML and the PDF show
 * the same pictures without a browser. Values that are null were withheld or unknown and are drawn as gaps.
 */
final class ReportCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;
    private static final Color INK = new Color(0x1d2330);
    private static final Color BAR = new Color(0x1e5bb8);
    private static final Color GRID = new Color(0xe3e7ec);
    private static final Color MUTED = new Color(0x8a94a6);
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 90;

    private ReportCharts() {
    }

    /** One bar: a label, a value in [0, 1] and its interval; null value when withheld. */
    record Bar(String label, Double value, Double low, Double high) {
    }

    static BufferedImage canvas() {
        return new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D start(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }

    /** Axes for a value in [0, 1] on y. */
    private static void unitAxis(Graphics2D g, String label) {
        int h = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            int y = TOP + h - i * h / 4;
            g.setColor(GRID);
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(INK);
            g.drawString(String.format("%.2f", i / 4.0), LEFT - 36, y + 4);
        }
        g.drawString(label, 8, TOP - 8);
    }

    static BufferedImage bars(String title, String axis, List<Bar> bars) {
        BufferedImage img = canvas();
        Graphics2D g = start(img, title);
        unitAxis(g, axis);
        int h = HEIGHT - TOP - BOTTOM;
        int n = Math.max(1, bars.size());
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = LEFT + i * slot + slot * 0.15;
            double w = slot * 0.7;
            if (b.value() != null) {
                double top = TOP + h * (1 - b.value());
                g.setColor(BAR);
                g.fill(new Rectangle2D.Double(x, top, w, TOP + h - top));
                if (b.low() != null && b.high() != null) {
                    g.setColor(INK);
                    g.setStroke(new BasicStroke(1.5f));
                    double cx = x + w / 2;
                    g.draw(new Line2D.Double(cx, TOP + h * (1 - b.low()), cx, TOP + h * (1 - b.high())));
                    g.draw(new Line2D.Double(cx - w / 6, TOP + h * (1 - b.low()), cx + w / 6, TOP + h * (1 - b.low())));
                    g.draw(new Line2D.Double(cx - w / 6, TOP + h * (1 - b.high()), cx + w / 6, TOP + h * (1 - b.high())));
                }
            } else {
                g.setColor(MUTED);
                g.drawString("withheld", (float) x, TOP + h - 4);
            }
            g.setColor(INK);
            var old = g.getTransform();
            g.rotate(-Math.PI / 4, x + w / 2, TOP + h + 12);
            g.drawString(shorten(b.label(), 22), (float) (x + w / 2 - 60), TOP + h + 16);
            g.setTransform(old);
        }
        g.dispose();
        return img;
    }

    /** A Lorenz curve: cumulative share of need on x, of what is shared out on y, against the diagonal. */
    static BufferedImage lorenz(String title, String xLabel, String yLabel, List<double[]> points, double gini) {
        BufferedImage img = canvas();
        Graphics2D g = start(img, title + (Double.isNaN(gini) ? "" : String.format(" (Gini %.3f)", gini)));
        unitAxis(g, yLabel);
        int h = HEIGHT - TOP - BOTTOM;
        int w = WIDTH - LEFT - RIGHT;
        g.setColor(MUTED);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
        g.draw(new Line2D.Double(LEFT, TOP + h, LEFT + w, TOP));
        if (points.size() > 1) {
            var path = new Path2D.Double();
            for (int i = 0; i < points.size(); i++) {
                double x = LEFT + w * points.get(i)[0];
                double y = TOP + h * (1 - points.get(i)[1]);
                if (i == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            g.setColor(BAR);
            g.setStroke(new BasicStroke(2.5f));
            g.draw(path);
        } else {
            g.setColor(MUTED);
            g.drawString("no cameras or no inhabitants: no curve", LEFT + 20, TOP + h / 2);
        }
        g.setColor(INK);
        g.drawString(xLabel, LEFT + w / 2 - 50, TOP + h + 30);
        g.dispose();
        return img;
    }

    /** Districts shaded by a value (darker is more); null values hatched grey. */
    static BufferedImage choropleth(String title, City city, Map<String, Double> values) {
        BufferedImage img = new BufferedImage(WIDTH, 560, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img, title);
        var bounds = city.bounds();
        double minLon = bounds.minLon();
        double maxLat = bounds.maxLat();
        double cos = Math.cos(Math.toRadians((bounds.minLat() + bounds.maxLat()) / 2));
        double spanX = (bounds.maxLon() - minLon) * cos;
        double spanY = maxLat - bounds.minLat();
        double scale = Math.min((WIDTH - 40) / spanX, (560 - 80) / spanY);
        double max = values.values().stream().filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(0);
        for (District d : city.districts()) {
            Double v = values.get(d.code());
            Color fill = v == null || v.isNaN() || !(max > 0) ? new Color(0xc9ced6) : shade(v / max);
            Path2D shape = shape(d.area(), minLon, maxLat, cos, scale);
            g.setColor(fill);
            g.fill(shape);
            g.setColor(INK);
            g.setStroke(new BasicStroke(0.8f));
            g.draw(shape);
            var c = d.area().getInteriorPoint().getCoordinate();
            g.drawString(d.code().substring(Math.max(0, d.code().length() - 2)),
                    (float) (20 + (c.x - minLon) * cos * scale - 6), (float) (50 + (maxLat - c.y) * scale + 4));
        }
        g.drawString(String.format("darkest: %.2f; grey: withheld or unknown", max), 20, 550);
        g.dispose();
        return img;
    }

    private static Color shade(double t) {
        t = Math.max(0, Math.min(1, t));
        return new Color((int) (240 - t * 200), (int) (240 - t * 150), (int) (255 - t * 60));
    }

    private static Path2D shape(Geometry area, double minLon, double maxLat, double cos, double scale) {
        var path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        for (int i = 0; i < area.getNumGeometries(); i++) {
            if (area.getGeometryN(i) instanceof Polygon p) {
                ring(path, p.getExteriorRing().getCoordinates(), minLon, maxLat, cos, scale);
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    ring(path, p.getInteriorRingN(h).getCoordinates(), minLon, maxLat, cos, scale);
                }
            }
        }
        return path;
    }

    private static void ring(Path2D path, Coordinate[] cs, double minLon, double maxLat, double cos, double scale) {
        for (int i = 0; i < cs.length; i++) {
            double x = 20 + (cs[i].x - minLon) * cos * scale;
            double y = 50 + (maxLat - cs[i].y) * scale;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static byte[] png(BufferedImage img) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
