package org.vigie.core.geo;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * H3 cells used across Vigie. Events are indexed at {@link #EVENT_RESOLUTION} (edges of about 174 m);
 * coarser resolutions are obtained with {@link #parent}. H3Core is thread-safe once loaded.
 */
public final class Cells {
    public static final int EVENT_RESOLUTION = 9;

    private static final H3Core H3;

    static {
        try {
            H3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }

    private Cells() {
    }

    public static long cell(double lat, double lon, int resolution) {
        return H3.latLngToCell(lat, lon, resolution);
    }

    /**
     * The ancestor of {@code cell} at a coarser {@code resolution}. Pure bit arithmetic on the H3 index layout
     * (resolution in bits 52–55, one 3-bit digit per finer resolution, unused digits set to 7), so it costs
     * nanoseconds instead of a native call; a test checks it against H3's own {@code cellToParent}.
     */
    public static long parent(long cell, int resolution) {
        int own = (int) ((cell >>> 52) & 0xF);
        if (resolution < 0 || resolution > own) {
            throw new IllegalArgumentException("resolution " + resolution + " is not coarser than the cell's " + own);
        }
        long p = (cell & ~(0xFL << 52)) | ((long) resolution << 52);
        for (int r = resolution + 1; r <= own; r++) {
            p |= 7L << ((15 - r) * 3);
        }
        return p;
    }

    public static List<Long> disk(long cell, int k) {
        return H3.gridDisk(cell, k);
    }

    /** Shortest edge length in metres over the whole globe at this resolution: a safe lower bound. */
    public static double minEdgeMeters(int resolution) {
        // H3's published minimum edge lengths (pentagon-adjacent cells are the smallest).
        double[] min = {
            833_000, 315_000, 118_000, 44_000, 16_800, 6_300, 2_400, 900, 340, 128, 48, 18, 7, 2.6, 1, 0.37
        };
        return min[resolution];
    }

    public static String toText(long cell) {
        return H3.h3ToString(cell);
    }

    public static long fromText(String text) {
        return H3.stringToH3(text);
    }

    public static boolean isValid(long cell) {
        return H3.isValidCell(cell);
    }
}
