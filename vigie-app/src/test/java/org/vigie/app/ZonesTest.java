package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;

/** {@code --zones FILE.geojson} loads real district polygons instead of the approximate ones. */
class ZonesTest {
    static Path sharedData() {
        return Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data").normalize();
    }

    @Test
    void realArrondissementsReplaceTheApproximateOnes() {
        Path file = sharedData().resolve("geo/marseille-16-arrondissements.geojson");
        assumeTrue(Files.isRegularFile(file), "needs ../shared/data");
        City city = Platform.loadCity(new VigieConfig.City("Marseille", file, "code", "nom"));
        assertThat(city.districts()).hasSize(16).noneMatch(District::approximate);
        assertThat(city.districts().stream().map(District::code)).contains("13201", "13216");
        assertThat(city.population()).isBetween(850_000L, 900_000L);
        // Gare Saint-Charles is in the 1st arrondissement; the Stade Vélodrome in the 8th.
        assertThat(city.findDistrict(43.3027, 5.3806).map(District::code)).contains("13201");
        assertThat(city.findDistrict(43.2698, 5.3959).map(District::code)).contains("13208");
    }

    @Test
    void withoutAFileTheCityIsBuiltFromFacts() {
        City city = Platform.loadCity(new VigieConfig.City("Marseille", null, "code", "nom"));
        assertThat(city.districts()).hasSize(16).allMatch(District::approximate);
    }
}
