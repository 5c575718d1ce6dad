package org.vigie.core.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigie.core.accountability.AlertFixtures.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.City;
import org.vigie.core.geo.CityGeoJson;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.core.model.EventType;

/** Coverage on the official arrondissement polygons, with cameras placed at known points. */
class CoverageTest {
    private static final long MARSEILLE = 874_900; // the sum of the 16 INSEE populations in Marseille.ARRONDISSEMENTS

    static City realCity() {
        Path file = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/geo/marseille-16-arrondissements.geojson");
        try {
            return CityGeoJson.read("Marseille", Json.MAPPER.readTree(Files.readString(file)), "code", "nom",
                    Marseille.populations());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Marseille.Arrondissement arrondissement(String code) {
        return Marseille.ARRONDISSEMENTS.stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    private static Equipment camera(String id, String code) {
        var a = arrondissement(code);
        return new Equipment(EquipmentKind.CAMERA, id, a.lat(), a.lon());
    }

    /**
     * The official polygons follow the land (the Frioul islands and the harbour waters are left out), so single
     * districts differ from INSEE's cadastral areas; the commune as a whole is 240.6 km² by INSEE, and the 1st
     * arrondissement, wholly inland, 1.8 km².
     */
    @Test
    void areasOfTheRealPolygonsAgreeWithInsee() {
        CoverageReport r = Coverage.of(realCity(), Map.of(), List.of(), List.of());
        assertThat(r.districts()).hasSize(16);
        double total = r.districts().stream().mapToDouble(CoverageReport.DistrictCoverage::areaKm2).sum();
        assertThat(total).isCloseTo(240.6, within(0.05 * 240.6));
        assertThat(r.districts().get(0).areaKm2()).isCloseTo(1.8, within(0.05 * 1.8));
        assertThat(r.districts().stream().mapToLong(CoverageReport.DistrictCoverage::population).sum()).isEqualTo(MARSEILLE);
        assertThat(r.byPopulation().gini()).isNaN(); // no camera at all: nothing shared out
    }

    /**
     * Three cameras in the 1st, one in the 13th, one out at sea; two incidents in each of the two (and one dismissed
     * alert in the 1st, which is no incident). Hand-worked: ranked by cameras per inhabitant, 14 districts with none
     * hold 742,700 inhabitants, then the 13th (92,700, a quarter of the cameras), then the 1st (39,500, three
     * quarters). Area under the curve = (92,700 / 874,900) × 0.25 + (39,500 / 874,900) × 1.25; Gini = 1 − that.
     * Against incidents: the 13th (half of them, a quarter of the cameras) then the 1st: area 0.5 × 0.25 + 0.5 × 1.25
     * = 0.75, Gini 0.25.
     */
    @Test
    void knownCamerasGiveHandComputedFigures() {
        var equipment = List.of(camera("c1", "13201"), camera("c2", "13201"), camera("c3", "13201"), camera("c4", "13213"),
                new Equipment(EquipmentKind.CAMERA, "at-sea", 43.25, 5.25),
                new Equipment(EquipmentKind.ACOUSTIC_SENSOR, "acu-1", 43.3497, 5.4340));
        var first = arrondissement("13201");
        var thirteenth = arrondissement("13213");
        var alerts = new ArrayList<Alert>();
        alerts.add(alert(1, EventType.FIRE, "camera/c1", "2026-11-02T10:00:00Z", "confirmed", first.lat(), first.lon()));
        alerts.add(alert(2, EventType.FIRE, "camera/c1", "2026-11-02T10:00:00Z", null, first.lat(), first.lon()));
        alerts.add(alert(3, EventType.FIRE, "camera/c1", "2026-11-02T10:00:00Z", "dismissed:lights", first.lat(), first.lon()));
        alerts.add(alert(4, EventType.FIRE, "camera/c4", "2026-11-02T10:00:00Z", "confirmed", thirteenth.lat(), thirteenth.lon()));
        alerts.add(alert(5, EventType.FIRE, "camera/c4", "2026-11-02T10:00:00Z", "confirmed", thirteenth.lat(), thirteenth.lon()));

        CoverageReport r = Coverage.of(realCity(), Map.of(), equipment, alerts);

        assertThat(r.outsideCameras()).isEqualTo(1);
        assertThat(r.outsideSensors()).isZero();
        var d1 = r.districts().stream().filter(d -> d.code().equals("13201")).findFirst().orElseThrow();
        assertThat(d1.cameras()).isEqualTo(3);
        assertThat(d1.incidents()).isEqualTo(2);
        assertThat(d1.camerasPer10k()).isCloseTo(3 * 10_000 / 39_500.0, within(1e-12));
        assertThat(d1.incidentsPer10k()).isCloseTo(2 * 10_000 / 39_500.0, within(1e-12));
        assertThat(d1.camerasPerIncident()).isCloseTo(1.5, within(1e-12));
        assertThat(d1.camerasPerKm2()).isCloseTo(3 / d1.areaKm2(), within(1e-12));
        var d13 = r.districts().stream().filter(d -> d.code().equals("13213")).findFirst().orElseThrow();
        assertThat(d13.cameras()).isEqualTo(1);
        assertThat(d13.sensors()).isEqualTo(1);
        assertThat(r.districts().stream().filter(d -> d.code().equals("13216")).findFirst().orElseThrow().camerasPerIncident()).isNaN();

        double area = 92_700.0 / MARSEILLE * 0.25 + 39_500.0 / MARSEILLE * 1.25;
        assertThat(r.byPopulation().gini()).isCloseTo(1 - area, within(1e-12)).isCloseTo(0.9170762, within(1e-7));
        assertThat(r.byIncidents().gini()).isCloseTo(0.25, within(1e-12));
        assertThat(r.byIncidents().points()).extracting(Lorenz.Point::district).containsExactly("", "13213", "13201");
    }

    @Test
    void evenCoverageHasGiniZeroAndConfigOverridesPopulation() {
        // One camera per district and every district given the same population: perfectly even.
        var equipment = new ArrayList<Equipment>();
        var populations = new java.util.HashMap<String, Long>();
        for (var a : Marseille.ARRONDISSEMENTS) {
            equipment.add(camera("c" + a.code(), a.code()));
            populations.put(a.code(), 10_000L);
        }
        CoverageReport r = Coverage.of(realCity(), populations, equipment, List.of());
        assertThat(r.outsideCameras()).isZero();
        assertThat(r.districts()).allSatisfy(d -> assertThat(d.cameras()).isEqualTo(1));
        assertThat(r.byPopulation().gini()).isCloseTo(0, within(1e-12));
        assertThat(r.byIncidents().gini()).isNaN();
    }
}
