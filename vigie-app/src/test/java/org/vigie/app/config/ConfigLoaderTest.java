package org.vigie.app.config;

import org.vigie.core.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.core.correlate.CompositeRule;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.core.sop.Procedures;
import org.vigie.core.sop.Step;

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
                        "bad.yaml:11: colour: unknown key; expected one of [access, accountability, anomalies, audio, city, cluster, console, correlation, feeds, fusion, gtfs, open311, retention, server, social, store, video]"));
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

    @Test
    void compositeRulesAreReadAndTheShippedOnesApplyWhenAbsent() {
        VigieConfig shipped = ConfigLoader.parse("empty.yaml", "", BASE);
        assertThat(shipped.correlation().composites()).extracting(CompositeRule::name)
                .containsExactly("shooting", "fire-confirmed");

        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                correlation:
                  composite-rules:
                    - name: stabbing
                      anchor: {types: [assault], sources: [police]}
                      with:
                        - types: [medical_emergency]
                          sources: [hospital, fire_brigade]
                          min-count: 1
                      radius-m: 250
                      window: 20m
                      type: assault
                      priority: 2
                """, BASE);
        CompositeRule rule = c.correlation().composites().getFirst();
        assertThat(c.correlation().composites()).hasSize(1);
        assertThat(rule.name()).isEqualTo("stabbing");
        assertThat(rule.anchor()).isEqualTo(new CompositeRule.Part(Set.of(EventType.ASSAULT), Set.of(SourceKind.POLICE), 1));
        assertThat(rule.with().getFirst().sources()).containsExactlyInAnyOrder(SourceKind.HOSPITAL, SourceKind.FIRE_BRIGADE);
        assertThat(rule.radiusMeters()).isEqualTo(250);
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(20));
        assertThat(rule.priority()).isEqualTo(2);
        assertThat(c.correlation().ruleFor(EventType.GUNSHOT).radiusMeters()).isEqualTo(300);

        VigieConfig none = ConfigLoader.parse("none.yaml", "correlation:\n  composite-rules: []\n", BASE);
        assertThat(none.correlation().composites()).isEmpty();
    }

    @Test
    void compositeRuleMistakesAreNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("bad.yaml", """
                correlation:
                  composite-rules:
                    - name: a
                      anchor: {types: [gunshot], sources: [microphone]}
                      with: [{types: [noise], min-count: 0}]
                      radius-m: 300
                      window: 10m
                      type: shooting
                    - name: b
                      anchor: {types: [gunshot]}
                      with: [{types: [gunshot]}]
                      radius-m: 300
                      window: 10m
                      type: gunshot
                    - name: c
                      anchor: {types: [fire]}
                      radius-m: 300
                """, BASE)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(
                ((ConfigException) e).problems()).containsExactlyInAnyOrder(
                "bad.yaml:4: correlation.composite-rules[0].anchor.sources: unknown kind of source 'microphone'; expected one of "
                        + "[camera, acoustic_sensor, fire_brigade, police, hospital, transit, citizen, telecom, social, "
                        + "cap_feed, operator, fusion]",
                "bad.yaml:5: correlation.composite-rules[0].with[0].min-count: expected an integer between 1 and 100, got 0",
                "bad.yaml:3: correlation.composite-rules[0].type: unknown event type 'shooting'",
                "bad.yaml:9: correlation.composite-rules[1]: composite rule 'b': parts 0 and 1 can match the same report; "
                        + "make their types or sources disjoint",
                "bad.yaml:15: correlation.composite-rules[2]: a composite rule needs with, window, type"));
    }

    @Test
    void fusionIsRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("sites.geojson"), """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.3822, 43.2990]},
                   "properties": {"name": "Lycée Thiers", "kind": "school", "radius_m": 200}},
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.3660, 43.2950]},
                   "properties": {"name": "Fort Saint-Jean", "kind": "sensitive_site", "weight": 2}}]}""");
        java.nio.file.Files.writeString(dir.resolve("sop.yaml"), """
                fire:
                  - id: call-18
                    text: Call the fire brigade
                """);
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                fusion:
                  reliability:
                    prior-strength: 10
                    defaults: {camera: 0.8, social: 0.2}
                  vulnerable-places:
                    radius-m: 120
                    file: sites.geojson
                    places:
                      - {name: Hôpital de la Timone, kind: hospital, lat: 43.2899, lon: 5.4017}
                    transit-stops:
                      weight: 1.4
                      stops:
                        - {name: Noailles, lat: 43.2985, lon: 5.3817}
                  sop:
                    file: sop.yaml
                    procedures:
                      gunshot:
                        - {id: call-17, text: Call the police}
                """, dir);
        VigieConfig.Fusion f = c.fusion();
        assertThat(f.priorStrength()).isEqualTo(10);
        assertThat(f.reliabilityPriors()).containsOnly(Map.entry(SourceKind.CAMERA, 0.8), Map.entry(SourceKind.SOCIAL, 0.2));
        assertThat(f.places()).containsExactly(
                new VulnerablePlace("Lycée Thiers", "school", 43.2990, 5.3822, 1.5, 200),
                new VulnerablePlace("Fort Saint-Jean", "sensitive_site", 43.2950, 5.3660, 2, 120),
                new VulnerablePlace("Hôpital de la Timone", "hospital", 43.2899, 5.4017, 1.4, 120),
                new VulnerablePlace("Noailles", "transit_station", 43.2985, 5.3817, 1.4, 120));
        assertThat(f.procedures().forType(EventType.FIRE)).extracting(Step::id).containsExactly("call-18");
        assertThat(f.procedures().forType(EventType.GUNSHOT)).extracting(Step::id).containsExactly("call-17");
        assertThat(f.procedures().forType(EventType.EXPLOSION)).isEqualTo(Procedures.shipped().forType(EventType.EXPLOSION));
    }

    @Test
    void fusionMistakesAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("sites.geojson"), """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[5.38, 43.29], [5.39, 43.3]]},
                   "properties": {"name": "a road", "kind": "school"}},
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.38, 43.29]},
                   "properties": {"name": "x", "kind": "School"}}]}""");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yaml", """
                fusion:
                  reliability:
                    defaults: {camera: 1, drone: 0.5}
                  vulnerable-places:
                    file: sites.geojson
                    places:
                      - {name: Lycée, kind: school, lat: 95, lon: 5.38}
                      - {name: Collège, lat: 43.3, lon: 5.38}
                  sop:
                    procedures:
                      fire:
                        - {id: Call 18, text: x}
                """, dir)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(
                ((ConfigException) e).problems()).containsExactlyInAnyOrder(
                "f.yaml:3: fusion.reliability.defaults.camera: expected a reliability in (0, 1), got 1: no source is never wrong",
                "f.yaml:3: fusion.reliability.defaults.drone: unknown key; expected one of [acoustic_sensor, camera, cap_feed, "
                        + "citizen, fire_brigade, fusion, hospital, operator, police, social, telecom, transit]",
                dir.resolve("sites.geojson") + ": features[0]: expected a Point geometry with [lon, lat]",
                dir.resolve("sites.geojson") + ": features[1]: place 'x': kind must be lower-case words joined by "
                        + "underscores (e.g. school, transit_station), got 'School'",
                "f.yaml:7: fusion.vulnerable-places.places[0]: place 'Lycée'.lat: must be between -90 and 90, got 95.0",
                "f.yaml:8: fusion.vulnerable-places.places[1]: a place needs a name, a kind, lat and lon",
                "f.yaml:12: fusion.sop.procedures.fire[0]: step id must be lower-case letters, digits and '-' (at most 64), "
                        + "got 'Call 18'"));
    }
}
