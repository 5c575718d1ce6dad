package org.vigie.core.geo;

/**
 * A latitude/longitude grid for one search radius r, whose cells are at least r wide in every direction, so the
 * (at most) 3 × 3 block of cells around a point holds every point within r of it (great-circle distance on the
 * sphere of {@link GeoMath#EARTH_RADIUS_METERS}, as {@link GeoMath#distanceMeters}).
 *
 * <p>Why not H3 rings: a ring that surely covers r at the resolution that suits r has 19–37 cells and 5–15 times
 * the circle's area, and every cell is a hash lookup. This block has 9 cells (3 near a pole) and 3 times the
 * circle's area, and a key is two divisions, with no native call. H3 stays the partitioning key (coarse cells
 * that a stream processor routes on); this is only the correlator's index inside one partition.
 *
 * <p>Rows are {@code δ} degrees of latitude high, δ the radius as an angle: two points within r differ by at
 * most δ in latitude, so their rows are adjacent. Each row has its own number of columns: a point at latitude φ
 * sees points within δ up to {@code asin(sin δ / cos φ)} of longitude away, so a row whose cells are that wide at
 * its most poleward latitude keeps them in adjacent columns (which wrap around the antimeridian). A row where
 * the circle may reach the pole, or that would have fewer than three columns, is one single cell.
 */
public final class RadiusGrid {
    /** Rounding head-room on the angle: the bound must hold for computed distances, not only exact ones. */
    private static final double ANGLE_MARGIN = 1.001;
    /** Column counts are kept per step of this many degrees of latitude, rounded poleward (so never too many). */
    private static final int STEPS_PER_DEGREE = 4;

    private final double radiusMeters;
    private final double rowDegrees;
    private final int minRow;
    private final int maxRow;
    /** Columns of a row, by its most poleward latitude rounded up to a step. */
    private final int[] columnsByStep = new int[90 * STEPS_PER_DEGREE + 1];
    /**
     * Whether {@link #aroundHalf} may use its 2 × 2 block: the longitude reach of half the radius exceeds half a
     * column's width by a factor 1/cos(δ/2), which the rounding head-room covers while δ²/8 stays well below it.
     */
    private final boolean halfBlockHolds;

    public RadiusGrid(double radiusMeters) {
        if (!(radiusMeters > 0) || Double.isInfinite(radiusMeters)) {
            throw new IllegalArgumentException("radius must be a positive number of metres, got " + radiusMeters);
        }
        this.radiusMeters = radiusMeters;
        // Below a metre the cells stay a metre wide (wider cells still hold every point within r; the row
        // numbers must fit an int).
        double delta = Math.min(Math.PI, Math.max(1, radiusMeters) / GeoMath.EARTH_RADIUS_METERS * ANGLE_MARGIN);
        this.rowDegrees = Math.toDegrees(delta);
        this.halfBlockHolds = delta * delta / 8 < (ANGLE_MARGIN - 1) / 4;
        this.minRow = (int) Math.floor(-90 / rowDegrees);
        this.maxRow = (int) Math.floor(90 / rowDegrees);
        double sinDelta = Math.sin(Math.min(delta, Math.PI / 2));
        for (int step = 0; step < columnsByStep.length; step++) {
            double cosLat = Math.cos(Math.toRadians((double) step / STEPS_PER_DEGREE));
            int columns = 1;
            if (delta < Math.PI / 2 && sinDelta < cosLat * 0.999) {
                double width = Math.toDegrees(Math.asin(sinDelta / cosLat)) * ANGLE_MARGIN;
                columns = (int) Math.floor(360 / width);
            }
            columnsByStep[step] = columns < 3 ? 1 : columns;
        }
    }

    public double radiusMeters() {
        return radiusMeters;
    }

    /** The cell holding a point. */
    public long keyOf(double lat, double lon) {
        int row = rowOf(lat);
        return key(row, columnOf(lon, columns(row)));
    }

    /**
     * The cells that may hold a point within the radius of ({@code lat}, {@code lon}), written into {@code out}
     * (9 long at least); returns how many. No cell is listed twice.
     */
    public int around(double lat, double lon, long[] out) {
        int row = rowOf(lat);
        int n = 0;
        for (int r = Math.max(minRow, row - 1); r <= Math.min(maxRow, row + 1); r++) {
            int columns = columns(r);
            int c = columnOf(lon, columns);
            if (columns == 1) {
                out[n++] = key(r, 0);
            } else {
                out[n++] = key(r, c == 0 ? columns - 1 : c - 1);
                out[n++] = key(r, c);
                out[n++] = key(r, c == columns - 1 ? 0 : c + 1);
            }
        }
        return n;
    }

    /**
     * The cells that may hold a point within <em>half</em> the radius of ({@code lat}, {@code lon}), written into
     * {@code out} (4 long at least); returns how many. A point within r/2 of this one is at most half a cell away
     * in latitude and in longitude, so it lies in this cell or in the neighbour on the side of the cell's half this
     * point is in: two rows, two columns each. An index that wants every point within r therefore builds its grid
     * for 2r and reads four cells instead of nine: at 10^5 open incidents each cell read is a cache miss, and the
     * larger cells' extra candidates are scanned in one array.
     */
    public int aroundHalf(double lat, double lon, long[] out) {
        if (!halfBlockHolds) {
            return around(lat, lon, out); // a radius so large that the half-width argument loses its margin
        }
        int row = rowOf(lat);
        int first = lat / rowDegrees - row < 0.5 ? row - 1 : row;
        int n = 0;
        for (int r = Math.max(minRow, first); r <= Math.min(maxRow, first + 1); r++) {
            int columns = columns(r);
            if (columns == 1) {
                out[n++] = key(r, 0);
                continue;
            }
            double x = (lon + 180) / 360 * columns;
            int c = columnOf(lon, columns);
            int other = x - c < 0.5 ? (c == 0 ? columns - 1 : c - 1) : (c == columns - 1 ? 0 : c + 1);
            out[n++] = key(r, Math.min(c, other));
            out[n++] = key(r, Math.max(c, other));
        }
        return n;
    }

    private int rowOf(double lat) {
        return Math.min(maxRow, Math.max(minRow, (int) Math.floor(lat / rowDegrees)));
    }

    int columns(int row) {
        double poleward = Math.min(90, Math.max(Math.abs(row * rowDegrees), Math.abs((row + 1) * rowDegrees)));
        return columnsByStep[(int) Math.ceil(poleward * STEPS_PER_DEGREE)];
    }

    private static int columnOf(double lon, int columns) {
        if (columns == 1) {
            return 0;
        }
        int c = (int) Math.floor((lon + 180) / 360 * columns);
        return c < 0 ? 0 : Math.min(c, columns - 1);
    }

    private static long key(int row, int column) {
        return ((long) row << 32) | (column & 0xFFFF_FFFFL);
    }
}
