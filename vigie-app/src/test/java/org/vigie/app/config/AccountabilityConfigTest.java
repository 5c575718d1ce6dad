package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.core.accountability.CostModel;
import org.vigie.core.accountability.EquipmentKind;
import org.vigie.core.accountability.Range;
import org.vigie.core.config.ConfigException;

class AccountabilityConfigTest {
    private static final Path BASE = Path.of("/srv/vigie");

    @Test
    void defaultsAreTheSeedFigures() {
        VigieConfig c = ConfigLoader.parse("empty.yaml", "", BASE);
        assertThat(c.accountability()).isEqualTo(AccountabilitySettings.defaults());
        assertThat(c.accountability().suppression().k()).isEqualTo(5);
    }

    @Test
    void everyKeyIsRead() {
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                accountability:
                  suppress-below: 10
                  costs:
                    amortisation-years: 5
                    operators: 12
                    hours-per-operator-year: 1500
                    hourly-cost: 0
                    camera: {financing: rental, installation: [1000, 2000], rental-per-month: [300, 400], running-per-year: 100}
                    acoustic-sensor: {installation: 8000, running-per-year: 500}
                  populations: {"13201": 40000}
                  equipment:
                    - {kind: camera, id: cam-1, lat: 43.2965, lon: 5.3698}
                    - {kind: acoustic_sensor, id: mic-7, lat: 43.305, lon: 5.395}
                """, BASE);
        AccountabilitySettings a = c.accountability();
        assertThat(a.suppression().k()).isEqualTo(10);
        CostModel m = a.costs();
        assertThat(m.amortisationYears()).isEqualTo(5);
        assertThat(m.operators()).isEqualTo(12);
        assertThat(m.staffPerYear()).isZero();
        CostModel.UnitCosts camera = m.unit(EquipmentKind.CAMERA);
        assertThat(camera.financing()).isEqualTo(CostModel.Financing.RENTAL);
        assertThat(camera.installation()).isEqualTo(new Range(1000, 2000));
        assertThat(camera.perYear(5)).isEqualTo(new Range(3700, 4900));
        assertThat(m.unit(EquipmentKind.ACOUSTIC_SENSOR).installation()).isEqualTo(Range.of(8000));
        assertThat(a.populations()).containsEntry("13201", 40_000L);
        assertThat(a.equipment()).hasSize(2);
        assertThat(a.equipment().get(1).kind()).isEqualTo(EquipmentKind.ACOUSTIC_SENSOR);
    }

    @Test
    void mistakesNameTheLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("vigie.yaml", """
                accountability:
                  costs:
                    camera: {financing: lease, installation: [25000, 20000]}
                    hourly-cost: -3
                  equipment:
                    - {kind: drone, id: d1, lat: 43.3, lon: 5.4}
                    - {kind: camera, lat: 43.3, lon: 5.4}
                  colour: blue
                """, BASE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("vigie.yaml:3: accountability.costs.camera.financing: expected purchase or rental")
                .hasMessageContaining("accountability.costs.camera.installation: expected amounts >= 0, the lower first")
                .hasMessageContaining("accountability.costs.hourly-cost: expected a number between 0")
                .hasMessageContaining("vigie.yaml:6: accountability.equipment[0].kind: expected camera or acoustic_sensor")
                .hasMessageContaining("accountability.equipment[1].id")
                .hasMessageContaining("vigie.yaml:8: accountability.colour: unknown key");
    }
}
