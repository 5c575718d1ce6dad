package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.config.ConfigException;

class AnomaliesConfigTest {
    private static final Path BASE = Path.of("/srv/vigie");

    @Test
    void defaultsAreOnWithDistrictsAndParisTime() {
        VigieConfig c = ConfigLoader.parse("empty.yaml", "", BASE);
        assertThat(c.anomalies().enabled()).isTrue();
        assertThat(c.anomalies().zones()).isEqualTo(VigieConfig.AnomalyZones.DISTRICTS);
        assertThat(c.anomalies().settings()).isEqualTo(AnomalySettings.defaults());
        assertThat(c.anomalies().lateness()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.city().timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void everyKeyIsRead() {
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                city:
                  time-zone: America/New_York
                anomalies:
                  enabled: false
                  zones: cells
                  zone-resolution: 6
                  weeks: 6
                  min-history: 10d
                  false-alarms-per-day: 0.5
                  min-count: 4
                  min-expected: 0.05
                  lateness: 30m
                """, BASE);
        assertThat(c.city().timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        var a = c.anomalies();
        assertThat(a.enabled()).isFalse();
        assertThat(a.zones()).isEqualTo(VigieConfig.AnomalyZones.CELLS);
        assertThat(a.zoneResolution()).isEqualTo(6);
        assertThat(a.settings()).isEqualTo(new AnomalySettings(6, Duration.ofDays(10), 0.5, 4, 0.05));
        assertThat(a.lateness()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void mistakesAreNamedWithTheirLines() {
        assertThatThrownBy(() -> ConfigLoader.parse("bad.yaml", """
                city:
                  time-zone: Europe/Marseille
                anomalies:
                  enabled: maybe
                  zones: hexagons
                  zone-resolution: 12
                  min-count: 1
                  min-history: 60d
                  colour: red
                """, BASE)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "bad.yaml:2: city.time-zone: expected a time zone such as Europe/Paris or America/New_York, got 'Europe/Marseille'",
                        "bad.yaml:4: anomalies.enabled: expected true or false, got 'maybe'",
                        "bad.yaml:4: anomalies.zones: expected districts or cells, got 'hexagons'",
                        "bad.yaml:6: anomalies.zone-resolution: expected an integer between 0 and 9, got 12",
                        "bad.yaml:7: anomalies.min-count: expected an integer between 2 and 1000000, got 1",
                        "bad.yaml:9: anomalies.colour: unknown key; expected one of [enabled, false-alarms-per-day, "
                                + "lateness, min-count, min-expected, min-history, weeks, zone-resolution, zones]",
                        "bad.yaml:4: anomalies: min-history must be between 0 and the 8 week(s) of the baseline, got 60d"));
    }
}
