package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;

class CellRangesTest {
    static boolean covered(List<long[]> ranges, long cell) {
        return ranges.stream().anyMatch(r -> r[0] <= cell && cell <= r[1]);
    }

    @Test
    void theDescendantsOfACellAreOneRange() throws IOException {
        H3Core h3 = H3Core.newInstance();
        var random = new SplittableRandom(0x5EED_0000_0008_0000L);
        for (int k = 0; k < 300; k++) {
            int res = 5 + random.nextInt(5);
            long cell = Cells.cell(random.nextDouble(-80, 80), random.nextDouble(-179, 179), res);
            long[] range = CellRanges.descendants(cell, res);
            for (long child : h3.cellToChildren(cell, Cells.EVENT_RESOLUTION)) {
                assertThat(child).isBetween(range[0], range[1]);
            }
        }
        for (long pentagon : h3.getPentagons(7)) {
            long[] range = CellRanges.descendants(pentagon, 7);
            for (long child : h3.cellToChildren(pentagon, Cells.EVENT_RESOLUTION)) {
                assertThat(child).isBetween(range[0], range[1]);
            }
        }
    }

    @Test
    void everyPointWithinTheRadiusHasItsCellInARange() {
        // 10,000 random circles anywhere, radii up to 5 km, points at 85..100 % of the radius.
        var random = new SplittableRandom(0x5EED_0000_0009_0000L);
        for (int k = 0; k < 10_000; k++) {
            double lat = random.nextDouble(-80, 80);
            double lon = random.nextDouble(-179, 179);
            double radius = random.nextInt(10) == 0 ? 5000 : random.nextDouble(1, 5000);
            double[] p = GeoMath.offset(lat, lon, radius * random.nextDouble(0.85, 1), random.nextDouble(0, 360));
            long cell = Cells.cell(p[0], p[1], Cells.EVENT_RESOLUTION);
            assertThat(covered(CellRanges.around(lat, lon, radius), cell))
                    .as("circle %s,%s r=%s point %s,%s", lat, lon, radius, p[0], p[1]).isTrue();
        }
    }
}
