package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.config.ConfigException;

/** Mapping files fail early, each problem with its file, line, key and what was expected. */
class TabularMappingsTest {
    static final String MINIMAL = """
            format:
              kind: csv
            source: citizen
            record:
              id: id
            occurred-at:
              column: t
              formats: [iso]
              zone: Europe/Paris
            location:
              lat: lat
              lon: lon
            type: other
            confidence: 0.5
            """;

    @TempDir
    Path dir;

    static List<String> problems(String yaml) {
        try {
            TabularMappings.parse("m.yaml", yaml, "m");
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the mapping to be refused:\n" + yaml);
    }

    @Test
    void theMinimalMappingLoadsWithItsDefaults() {
        TabularMapping m = TabularMappings.parse("m.yaml", MINIMAL, "m");
        assertThat(m.name()).isEqualTo("m");
        assertThat(m.origin()).isEqualTo("m.yaml");
        assertThat(m.layout()).isEqualTo(TabularMapping.Layout.CSV);
        assertThat(m.dialect().delimiter()).isEqualTo(',');
        assertThat(m.dialect().quote()).isEqualTo('"');
        assertThat(m.dialect().header()).isTrue();
        assertThat(m.encoding().name()).isEqualTo("UTF-8");
        assertThat(m.idColumns()).containsExactly("id");
        assertThat(m.versionColumn()).isNull();
        assertThat(m.severity()).isNull();
        assertThat(m.attributes()).isEmpty();
        assertThat(m.readColumns()).containsExactly("id", "t", "lat", "lon");
        assertThat(m.toString()).isEqualTo("tabular.m [csv, citizen, EPSG:4326]");
    }

    @Test
    void unknownKeysAreRefusedWithTheirLine() {
        assertThat(problems(MINIMAL + "colour: blue\n")).containsExactly(
                "m.yaml:15: colour: unknown key; expected one of [attributes, confidence, description, emit-when, format, "
                        + "location, name, occurred-at, personal-columns, record, severity, source, type]");
        assertThat(problems(MINIMAL.replace("  zone: Europe/Paris", "  zone: Europe/Paris\n  tz: UTC")))
                .singleElement().asString().startsWith("m.yaml:10: occurred-at.tz: unknown key; expected one of [column, columns, formats, zone]");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        List<String> p = problems("""
                format:
                  kind: tsv
                source: ambulance
                record: {}
                occurred-at:
                  column: t
                  formats: ["dd/MM/yyyy HH:mm", "not a pattern {"]
                  zone: Mars/Olympus
                location:
                  lat: lat
                type:
                  column: nature
                  values:
                    Vol: theft
                    Rixe: brawl
                confidence: 1.5
                attributes:
                  nom: "Name"
                """);
        assertThat(p).contains(
                "m.yaml:2: format.kind: expected csv or jsonl, got 'tsv'",
                "m.yaml:4: record.id: required: the column(s) that identify a record, e.g. [incident_id]",
                "m.yaml:8: occurred-at.zone: unknown time zone 'Mars/Olympus'; expected e.g. Europe/Paris",
                "m.yaml:10: location.lon: required: both lat and lon columns",
                "m.yaml:15: type.values.Rixe: expected a value or reject, got 'brawl'",
                "m.yaml:12: type.default: required: what a value not in the table becomes: a type value, or reject",
                "m.yaml:16: confidence: expected a number in (0, 1], or a mapping with column, values and default, got '1.5'",
                "m.yaml:18: attributes.nom: attribute names must match [a-z][a-z0-9_]{0,63}, got 'Name'");
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("m.yaml:3: source: expected one of [camera, acoustic_sensor,")
                .endsWith(", got 'ambulance'").doesNotContain("operator", "fusion"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("m.yaml:7: occurred-at.formats: 'not a pattern {' is not a date-time pattern"));
    }

    @Test
    void requiredPartsAreNamed() {
        assertThat(problems("description: nothing else\n")).containsExactlyInAnyOrder(
                "m.yaml:1: format: required: a mapping with kind: csv or jsonl",
                "m.yaml:1: source: required: the kind of source: police, fire_brigade, hospital, citizen, …",
                "m.yaml:1: record: required: a mapping with id: the column(s) identifying a record (and version: a last-updated column)",
                "m.yaml:1: occurred-at: required: a mapping with column, formats and zone",
                "m.yaml:1: location: required: a mapping with lat/lon, x/y and crs, or site and sites",
                "m.yaml:1: type: required: an event type, or a mapping with column, values and default",
                "m.yaml:1: confidence: required: a number in (0, 1], or a mapping with column, values and default");
        assertThat(problems("")).hasSize(7);
        assertThat(problems("- a\n- b\n")).first().asString().contains("expected a mapping of keys to values");
    }

    @Test
    void locationIsOneOfThreeWays() {
        assertThat(problems(MINIMAL.replace("  lon: lon", "  lon: lon\n  x: e\n  y: n")))
                .containsExactly("m.yaml:11: location: give exactly one of lat and lon (WGS84), x and y with crs, or site and sites");
        assertThat(problems(MINIMAL.replace("  lat: lat\n  lon: lon", "  x: e\n  y: n")))
                .containsExactly("m.yaml:11: location.crs: required: the projected system of x and y, e.g. EPSG:2154 (Lambert-93)");
        assertThat(problems(MINIMAL.replace("  lat: lat\n  lon: lon", "  x: e\n  y: n\n  crs: EPSG:999999")))
                .singleElement().asString().contains("location.crs: unknown coordinate reference system 'EPSG:999999'");
        assertThat(problems(MINIMAL.replace("  lat: lat\n  lon: lon", "  x: e\n  y: n\n  crs: EPSG:4326")))
                .singleElement().asString().contains("EPSG:4326 is not a projected system");
        assertThat(problems(MINIMAL.replace("  lon: lon", "  lon: lon\n  crs: EPSG:2154")))
                .singleElement().asString().contains("lat and lon are WGS84 (EPSG:4326); for EPSG:2154 give x and y columns");
        assertThat(problems(MINIMAL.replace("  lon: lon", "  lon: lon\n  bounds: [5.2, 43.1, 5.6]")))
                .singleElement().asString().contains("location.bounds: expected [minLon, minLat, maxLon, maxLat]");
        assertThat(problems(MINIMAL.replace("  lat: lat\n  lon: lon", "  site: h\n  sites:\n    A: [43.3, 5.4]\n    a: [43.3, 5.4]\n    B: [91, 5]\n    C: here")))
                .containsExactlyInAnyOrder(
                        "m.yaml:14: location.sites.a: the same site twice (names are compared ignoring case and spaces)",
                        "m.yaml:15: location.sites.B: expected [lat, lon] in WGS84 degrees, got [91, 5]",
                        "m.yaml:16: location.sites.C: expected [lat, lon]");
        TabularMapping l93 = TabularMappings.parse("m.yaml", MINIMAL.replace("  lat: lat\n  lon: lon",
                "  x: e\n  y: n\n  crs: epsg:2154"), "m");
        assertThat(l93.position().crsName()).isEqualTo("EPSG:2154");
    }

    @Test
    void tablesRefuseAmbiguityAndEmptyPrefixes() {
        assertThat(problems(MINIMAL.replace("type: other", """
                type:
                  column: c
                  values:
                    "Vol simple": theft
                    "VOL  simple": burglary
                  prefixes:
                    " ": fire
                  default: reject""")))
                .containsExactlyInAnyOrder(
                        "m.yaml:17: type.values.VOL  simple: the same value as 'Vol simple' (values are compared ignoring case and runs of spaces)",
                        "m.yaml:19: type.prefixes. : an empty prefix would match everything; that is what default is for");
        assertThat(problems(MINIMAL.replace("type: other", "type: reject")))
                .singleElement().asString().contains("type: expected an event type");
        assertThat(problems(MINIMAL.replace("confidence: 0.5", "confidence:\n  column: c\n  values: {a: 2}\n  default: 0.5")))
                .singleElement().asString().contains("confidence.values.a: expected a value or reject, got '2'");
    }

    @Test
    void personalColumnsCanNeverBeKept() {
        assertThat(problems(MINIMAL + "attributes:\n  tel: phone\npersonal-columns: [tel]\n"))
                .containsExactly("m.yaml:16: attributes.tel: 'tel' is listed in personal-columns; it can never be kept");
    }

    @Test
    void attributesAreTypedAndCountsMayBeSuppressed() {
        TabularMapping m = TabularMappings.parse("m.yaml", MINIMAL + """
                attributes:
                  a: alpha
                  n: {name: count, as: integer, suppress-below: 5}
                """, "m");
        assertThat(m.attributes()).containsExactly(new AttributeColumn("a", "alpha", AttributeColumn.As.AUTO, 0),
                new AttributeColumn("n", "count", AttributeColumn.As.INTEGER, 5));
        assertThat(problems(MINIMAL + "attributes:\n  a: x\n  b: x\n  c: {name: y, as: date}\n  d: {name: z, as: text, suppress-below: 3}\n"))
                .containsExactlyInAnyOrder("m.yaml:17: attributes.b: attribute 'x' is given twice",
                        "m.yaml:18: attributes.c.as: expected auto, text, integer, number or boolean, got 'date'",
                        "m.yaml:19: attributes.d.suppress-below: only for counts (as: integer or number)");
    }

    @Test
    void csvWithoutHeaderNamesItsColumnsAndUsesOnlyThose() {
        TabularMapping m = TabularMappings.parse("m.yaml", MINIMAL.replace("  kind: csv",
                "  kind: csv\n  header: false\n  columns: [id, t, lat, lon, extra]"), "m");
        assertThat(m.dialect().columns()).containsExactly("id", "t", "lat", "lon", "extra");
        assertThat(problems(MINIMAL.replace("  kind: csv", "  kind: csv\n  header: false\n  columns: [id, t, lat]")))
                .containsExactly("m.yaml:2: format.columns: the mapping reads column 'lon', which is not among the columns [id, t, lat]");
        assertThat(problems(MINIMAL.replace("  kind: csv", "  kind: csv\n  header: false")))
                .containsExactly("m.yaml:2: format.columns: required: with header: false, the list of column names in file order");
        assertThat(problems(MINIMAL.replace("  kind: csv", "  kind: jsonl\n  delimiter: \";\"")))
                .containsExactly("m.yaml:3: format.delimiter: only for kind: csv");
        assertThat(problems(MINIMAL.replace("  kind: csv", "  kind: csv\n  delimiter: \"\\t\"\n  quote: \"\\t\"")))
                .containsExactly("m.yaml:4: format.quote: must differ from the delimiter");
        assertThat(problems(MINIMAL.replace("  kind: csv", "  kind: csv\n  encoding: klingon\n  decimal: ';'")))
                .containsExactlyInAnyOrder(
                        "m.yaml:3: format.encoding: unknown encoding 'klingon'; expected e.g. UTF-8, windows-1252 or ISO-8859-1",
                        "m.yaml:4: format.decimal: expected \".\" or \",\", got ';'");
    }

    @Test
    void emitWhenNeedsExactlyOneTest() {
        assertThat(problems(MINIMAL + "emit-when:\n  - column: w\n  - column: w\n    at-least: 3\n    one-of: [a]\n  - at-least: 1\n"))
                .containsExactlyInAnyOrder(
                        "m.yaml:16: emit-when[0]: give exactly one of at-least: NUMBER or one-of: [values]",
                        "m.yaml:17: emit-when[1]: give exactly one of at-least: NUMBER or one-of: [values]",
                        "m.yaml:20: emit-when[2].column: required: the column the condition reads");
    }

    @Test
    void namesComeFromTheFileOrItsNameKey() throws Exception {
        Path file = Files.writeString(dir.resolve("Lyon-Police.yaml"), MINIMAL);
        assertThat(TabularMappings.load(file).name()).isEqualTo("lyon-police");
        assertThat(TabularMappings.load(file.toString()).name()).isEqualTo("lyon-police");
        Path named = Files.writeString(dir.resolve("x.yml"), "name: lyon_pn\n" + MINIMAL);
        assertThat(TabularMappings.load(named).name()).isEqualTo("lyon_pn");
        assertThat(TabularMappings.load(named).withName("other").name()).isEqualTo("other");
        assertThat(problems("name: Lyon PN\n" + MINIMAL)).singleElement().asString()
                .startsWith("m.yaml:1: name: expected a name matching");
        assertThat(TabularMappings.load("baltimore311").origin()).startsWith("classpath:");
        assertThatThrownBy(() -> TabularMappings.load(dir.resolve("missing.yaml").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("neither a shipped mapping");
        assertThatThrownBy(() -> TabularMappings.getShipped("nope")).hasMessageContaining("shipped: [baltimore311");
    }

    @Test
    void notYamlAtAllNamesTheLine() {
        assertThat(problems("format:\n  kind: [csv\n")).singleElement().asString().startsWith("m.yaml:3: not valid YAML");
    }
}
