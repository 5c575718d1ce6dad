package org.vigie.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;

class MarseilleTest {
    static final City CITY = Marseille.approximateCity();

    @Test
    void hasTheSixteenArrondissements() {
        assertThat(CITY.name()).isEqualTo("Marseille");
        assertThat(CITY.districts()).hasSize(16);
        assertThat(CITY.districts()).extracting(District::code)
                .containsExactly("13201", "13202", "13203", "13204", "13205", "13206", "13207", "13208", "13209",
                        "13210", "13211", "13212", "13213", "13214", "13215", "13216");
        assertThat(new HashSet<>(CITY.districts().stream().map(District::name).toList())).hasSize(16);
    }

    @Test
    void everyDistrictIsANonEmptyValidApproximatePolygon() {
        for (District d : CITY.districts()) {
            assertThat(d.area().isEmpty()).as(d.code()).isFalse();
            assertThat(d.area().isValid()).as(d.code()).isTrue();
            assertThat(d.area().getGeometryType()).as(d.code()).isIn("Polygon", "MultiPolygon");
            assertThat(d.area().getArea()).as(d.code()).isPositive();
            assertThat(d.approximate()).isTrue();
            assertThat(d.population()).isPositive();
        }
    }

    @Test
    void populationIsAbout870Thousand() {
        assertThat(CITY.population()).isBetween(860_000L, 880_000L);
        assertThat(Marseille.populations().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(CITY.population());
    }

    @Test
    void everyCentreLiesInItsOwnDistrict() {
        for (Marseille.Arrondissement a : Marseille.ARRONDISSEMENTS) {
            assertThat(CITY.findDistrict(a.lat(), a.lon())).as(a.code())
                    .hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(a.code()));
            assertThat(Marseille.outline().covers(City.GEOMETRY.createPoint(new Coordinate(a.lon(), a.lat()))))
                    .as("centre of %s inside the outline", a.code()).isTrue();
        }
    }

    @Test
    void districtsTileTheOutlineWithoutOverlap() {
        double total = CITY.districts().stream().mapToDouble(d -> d.area().getArea()).sum();
        assertThat(total).isCloseTo(Marseille.outline().getArea(), org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(CITY.union().getArea()).isCloseTo(total, org.assertj.core.data.Percentage.withPercentage(0.01));
    }

    @Test
    void outlineIsAValidPolygonOfAbout240SquareKilometres() {
        assertThat(Marseille.outline().isValid()).isTrue();
        // Degrees squared to km² at 43.3° N: 111.2 km × 81.0 km per degree.
        double km2 = Marseille.outline().getArea() * 111.2 * 111.2 * Math.cos(Math.toRadians(43.3));
        assertThat(km2).isBetween(200.0, 260.0);
    }

    @ParameterizedTest
    @CsvSource({
        "43.2951, 5.3740, 13201",   // Vieux-Port, quai des Belges
        "43.3026, 5.3806, 13201",   // gare Saint-Charles
        "43.3045, 5.3660, 13202",   // La Joliette
        "43.2840, 5.3712, 13207",   // Notre-Dame de la Garde
        "43.2440, 5.3730, 13208",   // Pointe Rouge
        "43.3570, 5.4440, 13213"})  // Château-Gombert
    void findsTheDistrictOfKnownPlaces(double lat, double lon, String code) {
        assertThat(CITY.findDistrict(lat, lon)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(code));
    }

    @Test
    void pointsOutsideTheCityHaveNoDistrict() {
        assertThat(CITY.findDistrict(43.5297, 5.4474)).isEmpty(); // Aix-en-Provence
        assertThat(CITY.findDistrict(43.2200, 5.3000)).isEmpty(); // at sea, south of the Frioul
    }

    @Test
    void findDistrictByCode() {
        assertThat(CITY.findDistrict("13207")).hasValueSatisfying(d -> assertThat(d.name()).contains("7e"));
        assertThat(CITY.findDistrict("13299")).isEmpty();
    }

    @Test
    void boundsContainEveryCentre() {
        BoundingBox b = CITY.bounds();
        for (Marseille.Arrondissement a : Marseille.ARRONDISSEMENTS) {
            assertThat(b.contains(a.lat(), a.lon())).as(a.code()).isTrue();
        }
        assertThat(b.contains(43.5297, 5.4474)).isFalse();
    }
}
