package org.vigie.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.core.json.Json;

/** Reads the official boundaries of the 16 arrondissements from {@code ../shared/data/geo}. */
class CityGeoJsonTest {
    static final String FILE = "shared/data/geo/marseille-16-arrondissements.geojson";
    static City city;

    /**
     * Surefire sets {@code vigie.root} to the repository root; an IDE run from the module folder does not, so
     * also try from the working directory. The data lives beside the repository, in {@code ../shared}.
     */
    static Optional<Path> dataFile() {
        var roots = new ArrayList<Path>();
        String root = System.getProperty("vigie.root");
        if (root != null && !root.isBlank() && !root.contains("${")) {
            roots.add(Path.of(root));
        }
        Path cwd = Path.of("").toAbsolutePath();
        roots.add(cwd);
        if (cwd.getParent() != null) {
            roots.add(cwd.getParent());
        }
        for (Path r : roots) {
            for (Path candidate : List.of(r.resolve("..").resolve(FILE), r.resolve(FILE))) {
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void load() throws IOException {
        Optional<Path> file = dataFile();
        Assumptions.assumeTrue(file.isPresent(), "no " + FILE + " beside the repository");
        JsonNode root = Json.MAPPER.readTree(Files.readString(file.get()));
        city = CityGeoJson.read("Marseille", root, "code", "nom", Marseille.populations());
    }

    @Test
    void readsSixteenDistrictsWithTheirInseeCodes() {
        assertThat(city.districts()).extracting(District::code)
                .containsExactly("13201", "13202", "13203", "13204", "13205", "13206", "13207", "13208", "13209",
                        "13210", "13211", "13212", "13213", "13214", "13215", "13216");
        assertThat(city.findDistrict("13201")).hasValueSatisfying(d -> {
            assertThat(d.name()).isEqualTo("Marseille 1er Arrondissement");
            assertThat(d.population()).isEqualTo(39_500);
            assertThat(d.approximate()).isFalse();
        });
        assertThat(city.population()).isEqualTo(Marseille.approximateCity().population());
        for (District d : city.districts()) {
            assertThat(d.area().isValid()).as(d.code()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "43.2951, 5.3740, 13201",   // Vieux-Port, quai des Belges
        "43.2840, 5.3712, 13207",   // Notre-Dame de la Garde
        "43.3045, 5.3660, 13202",   // La Joliette
        "43.3026, 5.3806, 13201",   // gare Saint-Charles
        "43.2698, 5.3959, 13208",   // stade Vélodrome
        "43.3570, 5.4440, 13213"})  // Château-Gombert
    void knownPlacesFallInTheirArrondissement(double lat, double lon, String code) {
        assertThat(city.findDistrict(lat, lon)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(code));
    }

    @Test
    void pointsOutsideTheCommuneHaveNoDistrict() {
        assertThat(city.findDistrict(43.5297, 5.4474)).isEmpty();
        assertThat(city.findDistrict(43.2200, 5.3000)).isEmpty();
    }

    @Test
    void approximateDistrictsAgreeWithTheOfficialOnesAtEveryCentre() {
        for (Marseille.Arrondissement a : Marseille.ARRONDISSEMENTS) {
            assertThat(city.findDistrict(a.lat(), a.lon())).as(a.code())
                    .hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(a.code()));
        }
    }

    @Test
    void writeThenReadGivesTheSameDistricts() throws IOException {
        ObjectNode written = CityGeoJson.write(city);
        JsonNode back = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(written));
        City again = CityGeoJson.read("Marseille", back, "code", "name", Map.of());
        assertThat(again.districts()).extracting(District::code)
                .isEqualTo(city.districts().stream().map(District::code).toList());
        assertThat(again.districts()).extracting(District::name)
                .isEqualTo(city.districts().stream().map(District::name).toList());
        for (District d : city.districts()) {
            District e = again.findDistrict(d.code()).orElseThrow();
            // Coordinates are written to 6 decimals (about 0.1 m): areas agree closely.
            assertThat(e.area().getArea()).as(d.code()).isCloseTo(d.area().getArea(),
                    org.assertj.core.data.Percentage.withPercentage(0.1));
        }
        assertThat(written.get("features").get(0).get("properties").get("population").asLong()).isEqualTo(39_500);
        assertThat(again.findDistrict(43.3045, 5.3660)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo("13202"));
    }

    @Test
    void approximateCityWritesAndReadsBack() throws IOException {
        City approx = Marseille.approximateCity();
        JsonNode back = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(CityGeoJson.write(approx)));
        City again = CityGeoJson.read("Marseille", back, "code", "name", Marseille.populations());
        assertThat(again.districts()).extracting(District::code)
                .isEqualTo(approx.districts().stream().map(District::code).toList());
        assertThat(back.get("features").get(0).get("properties").get("approximate").asBoolean()).isTrue();
        assertThat(again.population()).isEqualTo(approx.population());
    }

    @Test
    void refusesWhatIsNotAFeatureCollectionOfPolygons() throws IOException {
        assertThatIllegalArgumentException().isThrownBy(() -> CityGeoJson.read("x",
                Json.MAPPER.readTree("{\"type\": \"Feature\"}"), "code", "nom", Map.of()))
                .withMessageContaining("FeatureCollection");
        assertThatIllegalArgumentException().isThrownBy(() -> CityGeoJson.read("x", Json.MAPPER.readTree("""
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "1"},
                 "geometry": {"type": "Point", "coordinates": [5.3, 43.3]}}]}"""), "code", "nom", Map.of()))
                .withMessageContaining("feature 0 (1)").withMessageContaining("Point");
        assertThatIllegalArgumentException().isThrownBy(() -> CityGeoJson.read("x", Json.MAPPER.readTree("""
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                 "geometry": {"type": "Polygon", "coordinates": [[[5.3, 43.3], [5.4, 43.3], [5.4, 43.4], [5.3, 43.3]]]}}]}"""),
                "code", "nom", Map.of())).withMessageContaining("no 'code'");
        assertThatIllegalArgumentException().isThrownBy(() -> CityGeoJson.read("x", Json.MAPPER.readTree("""
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "1"},
                 "geometry": {"type": "Polygon", "coordinates": [[[5.3, 43.3], [5.4, 43.3], [5.4, 43.4], [5.3, 43.35]]]}}]}"""),
                "code", "nom", Map.of())).withMessageContaining("closed");
    }

    @Test
    void readsMultiPolygonsAndHoles() throws IOException {
        City c = CityGeoJson.read("Test", Json.MAPPER.readTree("""
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"code": "A", "nom": "with a hole"},
                  "geometry": {"type": "Polygon", "coordinates": [
                    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                    [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]}},
                 {"type": "Feature", "properties": {"code": "B"},
                  "geometry": {"type": "MultiPolygon", "coordinates": [
                    [[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]],
                    [[[20, 0], [21, 0], [21, 1], [20, 0]]]]}}]}"""), "code", "nom", Map.of("A", 5L));
        assertThat(c.findDistrict(1, 1)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo("A"));
        assertThat(c.findDistrict(5, 5)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo("B"));
        assertThat(c.findDistrict(0.2, 20.8)).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo("B"));
        assertThat(c.findDistrict("B")).hasValueSatisfying(d -> {
            assertThat(d.name()).isEqualTo("B");
            assertThat(d.population()).isZero();
        });
        assertThat(c.population()).isEqualTo(5);
        JsonNode back = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(CityGeoJson.write(c)));
        assertThat(back.get("features").get(0).get("geometry").get("coordinates")).hasSize(2);
        assertThat(back.get("features").get(1).get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
    }
}
