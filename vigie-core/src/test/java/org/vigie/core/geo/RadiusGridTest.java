package org.vigie.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RadiusGridTest {
    /**
     * Every point within the radius lies in one of the cells around the centre, over the whole globe: near the
     * poles, across the antimeridian, for radii from under a metre to hundreds of kilometres, and right at the
     * edge of the circle where rounding would show.
     */
    @Test
    void theCellsAroundAPointHoldEveryPointWithinTheRadius() {
        assertBlocksHoldEveryPoint(0x6121_D000L, new double[] {0.3, 5, 50, 150, 300, 600, 1000, 2500, 10_000,
                80_000, 400_000}, 1, RadiusGrid::around);
    }

    /** The same for the 2 × 2 block around a point and every point within half the radius. */
    @Test
    void theHalfBlockAroundAPointHoldsEveryPointWithinHalfTheRadius() {
        assertBlocksHoldEveryPoint(0x6121_D001L, new double[] {0.3, 5, 50, 150, 300, 600, 1000, 2500, 10_000,
                80_000, 400_000, 2_000_000}, 0.5, RadiusGrid::aroundHalf);
    }

    private interface Block {
        int cells(RadiusGrid grid, double lat, double lon, long[] out);
    }

    /** 200,000 random centres and points within {@code fraction} of a random radius: the block holds each point. */
    private static void assertBlocksHoldEveryPoint(long seed, double[] radii, double fraction, Block block) {
        var random = new Random(seed);
        for (int trial = 0; trial < 200_000; trial++) {
            double radius = radii[random.nextInt(radii.length)] * (0.5 + random.nextDouble());
            var grid = new RadiusGrid(radius);
            double lat = switch (trial % 4) {
                case 0 -> 90 - random.nextDouble() * 3; // near the north pole
                case 1 -> -90 + random.nextDouble() * 3;
                default -> random.nextDouble() * 180 - 90;
            };
            double lon = trial % 5 == 0 ? (random.nextBoolean() ? 180 : -180) - Math.signum(random.nextGaussian())
                    * random.nextDouble() * 0.01 : random.nextDouble() * 360 - 180;
            lon = Math.max(-180, Math.min(180, lon));
            double reach = trial % 3 == 0 ? 1 : random.nextDouble();
            double within = radius * fraction;
            double[] q = GeoMath.offset(lat, lon, within * reach, random.nextDouble() * 360);
            if (GeoMath.distanceMeters(lat, lon, q[0], q[1]) > within) {
                continue;
            }
            long[] cells = new long[9];
            int n = block.cells(grid, lat, lon, cells);
            long target = grid.keyOf(q[0], q[1]);
            assertThat(Arrays.stream(cells, 0, n).anyMatch(c -> c == target))
                    .as("radius %.2f m around (%.6f, %.6f), point (%.6f, %.6f) at %.2f m", radius, lat, lon, q[0],
                            q[1], GeoMath.distanceMeters(lat, lon, q[0], q[1]))
                    .isTrue();
            assertThat(Arrays.stream(cells, 0, n).distinct().count()).isEqualTo(n);
        }
    }

    @Test
    void aCityHalfBlockIsFourCells() {
        long[] cells = new long[9];
        assertThat(new RadiusGrid(600).aroundHalf(43.2965, 5.3698, cells)).isEqualTo(4);
    }

    /** At a city's latitude the block is nine cells, about three times the circle: candidates stay few. */
    @Test
    void aCityBlockIsNineCellsLittleWiderThanTheCircle() {
        var grid = new RadiusGrid(300);
        long[] cells = new long[9];
        assertThat(grid.around(43.2965, 5.3698, cells)).isEqualTo(9);
        double rowMeters = Math.toRadians(1) * GeoMath.EARTH_RADIUS_METERS * 300 * 1.001
                / GeoMath.EARTH_RADIUS_METERS * 180 / Math.PI;
        assertThat(rowMeters).isBetween(300.0, 301.0);
        int row = (int) Math.floor(43.2965 / Math.toDegrees(300 * 1.001 / GeoMath.EARTH_RADIUS_METERS));
        double columnMeters = 360.0 / grid.columns(row) * Math.toRadians(1) * GeoMath.EARTH_RADIUS_METERS
                * Math.cos(Math.toRadians(43.2965));
        assertThat(columnMeters).isBetween(300.0, 310.0);
    }

    @Test
    void aPointNearThePoleHasOneCellPerRow() {
        var grid = new RadiusGrid(5_000);
        long[] cells = new long[9];
        assertThat(grid.around(89.99, 12, cells)).isLessThanOrEqualTo(3);
    }

    @Test
    void refusesARadiusThatIsNotPositive() {
        assertThatThrownBy(() -> new RadiusGrid(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RadiusGrid(Double.NaN)).hasMessageContaining("positive");
    }
}
