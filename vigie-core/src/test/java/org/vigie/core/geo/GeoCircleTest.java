package org.vigie.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeoCircleTest {

    /** The cheap estimate may only skip points the exact distance also puts outside: answers never differ. */
    @Test
    void answersExactlyLikeTheHaversineDistanceEverywhere() {
        var random = new Random(20261129);
        int inside = 0;
        for (int i = 0; i < 200_000; i++) {
            double lat = random.nextDouble() * 178 - 89;
            double lon = random.nextDouble() * 360 - 180;
            double radius = switch (i % 4) {
                case 0 -> 50 + random.nextDouble() * 500;
                case 1 -> 500 + random.nextDouble() * 5_000;
                case 2 -> 5_000 + random.nextDouble() * 60_000;
                default -> random.nextDouble() * 10;
            };
            var circle = new GeoMath.Circle(lat, lon, radius);
            // Points around the circle's edge, where a wrong estimate would show.
            double[] p = GeoMath.offset(lat, lon, radius * (0.9 + random.nextDouble() * 0.2), random.nextDouble() * 360);
            double lon2 = p[1] > 180 ? p[1] - 360 : p[1] < -180 ? p[1] + 360 : p[1];
            double exact = GeoMath.distanceMeters(lat, lon, p[0], lon2);
            double answer = circle.distanceWithin(p[0], lon2);
            if (exact <= radius) {
                assertThat(answer).as("point %d at %.3f m of %.3f m", i, exact, radius).isEqualTo(exact);
                assertThat(circle.surelyBeyond(GeoMath.Circle.pack(p[0], lon2)))
                        .as("packed point %d at %.3f m of %.3f m", i, exact, radius).isFalse();
                inside++;
            } else {
                assertThat(answer).isEqualTo(Double.POSITIVE_INFINITY);
            }
        }
        assertThat(inside).isBetween(80_000, 120_000);
    }

    @Test
    void pointsAcrossTheAntimeridianAreNear() {
        var circle = new GeoMath.Circle(0, 179.999, 500);
        assertThat(circle.distanceWithin(0, -179.999)).isCloseTo(222.4, org.assertj.core.data.Offset.offset(0.5));
        assertThat(circle.surelyBeyond(GeoMath.Circle.pack(0, -179.999))).isFalse();
    }

    /** Single precision skips most of what is far, and never what is near (checked above, at the edge). */
    @Test
    void packedPointsWellBeyondTheRadiusAreSkipped() {
        var circle = new GeoMath.Circle(43.2965, 5.3698, 300);
        double[] far = GeoMath.offset(43.2965, 5.3698, 320, 45);
        assertThat(circle.surelyBeyond(GeoMath.Circle.pack(far[0], far[1]))).isTrue();
        double[] near = GeoMath.offset(43.2965, 5.3698, 299.9, 45);
        assertThat(circle.surelyBeyond(GeoMath.Circle.pack(near[0], near[1]))).isFalse();
    }
}
