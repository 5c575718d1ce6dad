package org.vigie.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.geo.Cells;

/**
 * The events around a point as ranges of stored cells: events keep their H3 cell at
 * {@link Cells#EVENT_RESOLUTION}, and the descendants of a coarser cell at that resolution are one contiguous
 * range of H3 indexes (same base cell and leading digits; the finer digits run from 0 to 6, and the digits
 * below the event resolution are all 7). So a disk of coarse cells that surely covers the circle (the
 * correlator's bound) becomes a few {@code h3 BETWEEN lo AND hi}, and the exact distance is checked after.
 */
final class CellRanges {
    private CellRanges() {
    }

    /** Sorted, non-overlapping {@code [lo, hi]} ranges covering every event cell within the radius. */
    static List<long[]> around(double lat, double lon, double radiusMeters) {
        int res = Math.min(Cells.EVENT_RESOLUTION, CorrelationEngine.resolutionFor(radiusMeters));
        int ring = CorrelationEngine.ringFor(radiusMeters, res);
        List<Long> disk = Cells.disk(Cells.cell(lat, lon, res), ring);
        long[][] ranges = new long[disk.size()][];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = descendants(disk.get(i), res);
        }
        Arrays.sort(ranges, (a, b) -> Long.compare(a[0], b[0]));
        var merged = new ArrayList<long[]>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r.clone());
            }
        }
        return merged;
    }

    /** The smallest and largest possible index of a descendant at the event resolution of a cell at {@code res}. */
    static long[] descendants(long cell, int res) {
        long base = (cell & ~(0xFL << 52)) | ((long) Cells.EVENT_RESOLUTION << 52);
        long lo = base;
        long hi = base;
        for (int d = res + 1; d <= Cells.EVENT_RESOLUTION; d++) {
            int shift = (15 - d) * 3;
            lo &= ~(7L << shift);
            hi = (hi & ~(7L << shift)) | (6L << shift);
        }
        return new long[] {lo, hi};
    }
}
