package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vigie.core.config.ConfigException;

class ConsoleConfigTest {
    private static final Path BASE = Path.of("/srv/vigie");

    @Test
    void defaultsAreOpenStreetMapAndEvidenceBesideTheDatabase() {
        // The one evidence folder is retention's (the folder the purge empties); the console reads it from there.
        VigieConfig c = ConfigLoader.parse("empty.yaml", "", BASE);
        assertThat(c.console().tiles()).contains("openstreetmap");
        assertThat(c.retention().evidenceDir()).isEqualTo(Path.of("/srv/vigie/vigie-data/evidence"));
        assertThat(c.console().cameras()).isEmpty();
    }

    @Test
    void tilesCamerasAndSensorsAreRead() {
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                console:
                  tiles: none
                  cameras:
                    - {id: cam-1, name: Vieux-Port, lat: 43.2951, lon: 5.3739}
                  sensors:
                    - {id: ac-7, name: Noailles, lat: 43.2952, lon: 5.3830}
                """, BASE);
        assertThat(c.console().tiles()).isEmpty();
        assertThat(c.console().cameras()).singleElement().satisfies(cam -> assertThat(cam.name()).isEqualTo("Vieux-Port"));
        assertThat(c.console().sensors()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo("ac-7"));
    }

    @Test
    void badTilesAndCamerasAreNamedWithTheirLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("bad.yaml", """
                console:
                  tiles: ftp://tiles.example/{z}/{x}/{y}.png
                  cameras:
                    - {id: "cam 1", name: A, lat: 43.3, lon: 5.4}
                    - {id: cam-2, name: B, lat: 95, lon: 5.4, zoom: 3}
                """, BASE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p)
                                .startsWith("bad.yaml:2: console.tiles").contains("http(s)"))
                        .anySatisfy(p -> assertThat(p).startsWith("bad.yaml:4:").contains("camera id"))
                        .anySatisfy(p -> assertThat(p).startsWith("bad.yaml:5:").contains("lat"))
                        .anySatisfy(p -> assertThat(p).contains("zoom").contains("unknown key")));
    }
}
