package org.vigie.app.config;

import org.vigie.core.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.EventType;

class ConfigLoaderTest {
    private static final Path BASE = Path.of("/srv/vigie");

    @Test
    void anEmptyFileGivesTheEmbeddedDefaults() {
        VigieConfig c = ConfigLoader.parse("empty.yaml", "", BASE);
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.store().url()).isEqualTo("jdbc:sqlite:/srv/vigie/vigie-data/vigie.db");
        assertThat(c.city().zones()).isNull();
        assertThat(c.correlation().ruleFor(EventType.GUNSHOT).radiusMeters()).isEqualTo(300);
    }

    @Test
    void aFullFileIsRead() {
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                server:
                  host: 127.0.0.1
                  port: 9090
                store:
                  url: jdbc:postgresql://db.internal/vigie
                  user: vigie
                  password: secret
                  pool-size: 16
                correlation:
                  default-radius-m: 200
                  default-window: 20m
                  rules:
                    - name: shots
                      types: [gunshot, explosion]
                      radius-m: 400
                      window: PT12M
                """, BASE);
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.store().url()).isEqualTo("jdbc:postgresql://db.internal/vigie");
        assertThat(c.store().poolSize()).isEqualTo(16);
        var shots = c.correlation().ruleFor(EventType.EXPLOSION);
        assertThat(shots.radiusMeters()).isEqualTo(400);
        assertThat(shots.window()).isEqualTo(Duration.ofMinutes(12));
        assertThat(c.correlation().compatible(EventType.GUNSHOT, EventType.EXPLOSION)).isTrue();
        assertThat(c.correlation().ruleFor(EventType.FIRE).radiusMeters()).isEqualTo(200);
    }

    @Test
    void everyProblemIsReportedWithFileLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("bad.yaml", """
                server:
                  port: 99999
                  hots: x
                store:
                  url: mysql://nope
                correlation:
                  rules:
                    - types: [gunshot, teleportation]
                      radius-m: -3
                      window: soon
                colour: blue
                """, BASE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "bad.yaml:2: server.port: expected an integer between 0 and 65535, got 99999",
                        "bad.yaml:3: server.hots: unknown key; expected one of [host, port]",
                        "bad.yaml:5: store.url: expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB, got 'mysql://nope'",
                        "bad.yaml:8: correlation.rules[0].types: unknown event type 'teleportation'",
                        "bad.yaml:9: correlation.rules[0].radius-m: expected a number in (0.0, 5000.0], got -3.0",
                        "bad.yaml:10: correlation.rules[0].window: expected a duration such as 30s, 10m, 2h or PT10M, got 'soon'",
                        "bad.yaml:11: colour: unknown key; expected one of [anomalies, city, correlation, feeds, gtfs, open311, server, store]"));
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("broken.yaml", "server:\n  port: 1\n port: [\n", BASE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("broken.yaml:3: not valid YAML");
    }

    @Test
    void aTypeInTwoRulesIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("twice.yaml", """
                correlation:
                  rules:
                    - types: [fire]
                    - types: [fire, smoke]
                """, BASE)).isInstanceOf(ConfigException.class).hasMessageContaining("'fire' is already in another rule");
    }

    @Test
    void aGtfsSectionNamesTheStaticFeedAndTunesTheRealtimeEvents() {
        VigieConfig c = ConfigLoader.parse("t.yaml", """
                gtfs:
                  static: https://transport.example.org/rtm-gtfs.zip
                  stopped-vehicle-factor: 4
                  stopped-vehicle-minimum: 15m
                  delay-threshold: off
                  alert-max-stations: 20
                  languages: [en]
                """, BASE);
        assertThat(c.gtfs().staticFeed()).hasToString("https://transport.example.org/rtm-gtfs.zip");
        assertThat(c.gtfs().fetchTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.gtfs().realtime().stoppedFactor()).isEqualTo(4);
        assertThat(c.gtfs().realtime().stoppedMinimum()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.gtfs().realtime().delayThreshold()).isZero();
        assertThat(c.gtfs().realtime().maxStationsPerAlert()).isEqualTo(20);
        assertThat(c.gtfs().realtime().languages()).containsExactly("en");
        assertThat(ConfigLoader.parse("empty.yaml", "", BASE).gtfs()).isNull();
    }

    @Test
    void aGtfsSectionIsCheckedWithFileAndLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("g.yaml", """
                gtfs:
                  static: nowhere/gtfs.zip
                  stopped-vehicle-minimum: 10s
                  delay-threshold: late
                  colour: blue
                """, BASE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "g.yaml:2: gtfs.static: no such file or folder: /srv/vigie/nowhere/gtfs.zip",
                        "g.yaml:4: gtfs.delay-threshold: expected a duration such as 30s, 10m, 2h or PT10M, got 'late'",
                        "g.yaml:5: gtfs.colour: unknown key; expected one of [alert-max-stations, delay-threshold,"
                                + " fetch-timeout, languages, static, stopped-vehicle-factor, stopped-vehicle-minimum]",
                        "g.yaml:2: gtfs: stoppedMinimum must be between 1 min and 6 h, got PT10S"));
        assertThatThrownBy(() -> ConfigLoader.parse("g.yaml", "gtfs:\n  delay-threshold: 20m\n", BASE))
                .hasMessageContaining("g.yaml:2: gtfs.static: required");
    }

    @Test
    void aMissingZonesFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("z.yaml", "city:\n  zones: nowhere.geojson\n", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("z.yaml:2: city.zones: no such file");
    }
}
