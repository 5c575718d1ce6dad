package org.vigie.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeoTest {
    @Test
    void distanceBetweenKnownPlaces() {
        // Vieux-Port to Notre-Dame de la Garde: about 1.26 km.
        assertThat(GeoMath.distanceMeters(43.2951, 5.3740, 43.2840, 5.3712)).isCloseTo(1260, within(20.0));
        // One degree of latitude: 111.2 km on the mean sphere.
        assertThat(GeoMath.distanceMeters(43, 5, 44, 5)).isCloseTo(111_195, within(5.0));
        assertThat(GeoMath.distanceMeters(43.3, 5.4, 43.3, 5.4)).isZero();
        assertThat(GeoMath.distanceMeters(0, 0, 0, 180)).isCloseTo(Math.PI * GeoMath.EARTH_RADIUS_METERS, within(1.0));
    }

    @Test
    void distanceIsSymmetric() {
        assertThat(GeoMath.distanceMeters(43.2951, 5.3740, 43.3570, 5.4440))
                .isEqualTo(GeoMath.distanceMeters(43.3570, 5.4440, 43.2951, 5.3740));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 45, 90, 135, 180, 270, 333})
    void offsetIsTheInverseOfDistance(double bearing) {
        double[] p = GeoMath.offset(43.2951, 5.3740, 750, bearing);
        assertThat(GeoMath.distanceMeters(43.2951, 5.3740, p[0], p[1])).isCloseTo(750, within(1e-6));
    }

    @Test
    void offsetNorthIncreasesLatitudeOnly() {
        double[] p = GeoMath.offset(43.0, 5.0, 1000, 0);
        assertThat(p[0]).isGreaterThan(43.0);
        assertThat(p[1]).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void cellsRoundTripAsText() {
        long c = Cells.cell(43.2951, 5.3740, Cells.EVENT_RESOLUTION);
        assertThat(Cells.isValid(c)).isTrue();
        assertThat(Cells.fromText(Cells.toText(c))).isEqualTo(c);
        assertThat(Cells.toText(c)).hasSize(15).startsWith("89");
        assertThat(Cells.parent(c, 7)).isEqualTo(Cells.cell(43.2951, 5.3740, 7));
        assertThat(Cells.disk(c, 1)).hasSize(7).contains(c);
        assertThat(Cells.isValid(0L)).isFalse();
    }

    @Test
    void minimumEdgeShrinksWithResolution() {
        for (int r = 1; r <= 15; r++) {
            assertThat(Cells.minEdgeMeters(r)).isLessThan(Cells.minEdgeMeters(r - 1));
        }
    }

    @Test
    void boundingBoxParsesInGeoJsonOrder() {
        BoundingBox b = BoundingBox.parse("5.2, 43.1,5.6,43.4");
        assertThat(b).isEqualTo(new BoundingBox(5.2, 43.1, 5.6, 43.4));
        assertThat(b.contains(43.3, 5.4)).isTrue();
        assertThat(b.contains(43.3, 5.7)).isFalse();
        assertThat(b.contains(43.1, 5.2)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.2,43.1,5.6", "a,b,c,d", "5.6,43.1,5.2,43.4", "5.2,43.4,5.6,43.1", "5.2,-91,5.6,43", "-181,0,0,1", ""})
    void badBoundingBoxIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> BoundingBox.parse(text));
    }
}
