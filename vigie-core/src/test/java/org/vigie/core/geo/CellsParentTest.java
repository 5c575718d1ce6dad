package org.vigie.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.h3core.H3Core;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Cells#parent} computes parents by bit arithmetic; it must agree with H3 everywhere. */
class CellsParentTest {
    @Test
    void agreesWithH3OnRandomCellsAtEveryResolution() throws Exception {
        H3Core h3 = H3Core.newInstance();
        var random = new SplittableRandom(13055);
        for (int i = 0; i < 5_000; i++) {
            double lat = random.nextDouble(-89.9, 89.9);
            double lon = random.nextDouble(-180, 180);
            int res = random.nextInt(1, 16);
            long cell = h3.latLngToCell(lat, lon, res);
            int parentRes = random.nextInt(0, res + 1);
            assertThat(Cells.parent(cell, parentRes)).as("cell %x to resolution %d", cell, parentRes)
                    .isEqualTo(h3.cellToParent(cell, parentRes));
        }
    }

    @Test
    void refusesAFinerResolution() {
        long cell = Cells.cell(43.2965, 5.3698, 8);
        assertThatThrownBy(() -> Cells.parent(cell, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
