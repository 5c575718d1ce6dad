package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Severity;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.FeedIds;
import org.vigie.feeds.RejectedRecord;

/** Each mapping feature on small documents, with nulls, empties and wrong values (in the style of OTP's mapper tests). */
class TabularFormatTest {
    static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");
    static final FeedContext CONTEXT = new FeedContext("src", NOW);
    static final BoundingBox MARSEILLE = new BoundingBox(5.2, 43.1, 5.6, 43.4);
    static final String BASE = """
            format: {kind: csv}
            source: police
            record: {id: id, version: v}
            occurred-at: {column: t, formats: ["dd/MM/yyyy HH:mm", iso, epoch-s], zone: Europe/Paris}
            location: {lat: lat, lon: lon}
            type: other
            confidence: 0.5
            """;
    static final String HEADER = "id,v,t,lat,lon\n";

    static TabularFormat format(String yaml) {
        return new TabularFormat(TabularMappings.parse("t.yaml", yaml, "t"), MARSEILLE);
    }

    static FeedBatch parse(String yaml, String doc) throws FeedParseException {
        return format(yaml).parse(doc.getBytes(StandardCharsets.UTF_8), CONTEXT);
    }

    static Event one(String yaml, String doc) throws FeedParseException {
        FeedBatch b = parse(yaml, doc);
        assertThat(b.rejected()).as("rejected").isEmpty();
        assertThat(b.events()).hasSize(1);
        return b.events().get(0);
    }

    static String reason(String yaml, String doc) throws FeedParseException {
        FeedBatch b = parse(yaml, doc);
        assertThat(b.events()).as("events").isEmpty();
        assertThat(b.rejected()).hasSize(1);
        return b.rejected().get(0).reason();
    }

    static String with(String key, String replacement) {
        return BASE.lines().map(l -> l.startsWith(key + ":") ? replacement : l).reduce("", (a, b) -> a + b + "\n");
    }

    // --- the document as a whole ------------------------------------------------------------------------------

    @Test
    void anEmptyDocumentHasNoHeaderAndAHeaderAloneHasNoRecords() throws Exception {
        assertThatThrownBy(() -> parse(BASE, "")).isInstanceOf(FeedParseException.class).hasMessage("the document has no header row");
        FeedBatch b = parse(BASE, HEADER);
        assertThat(b.records()).isZero();
        assertThat(b.events()).isEmpty();
        assertThat(b.rejected()).isEmpty();
    }

    @Test
    void aHeaderWithoutTheMappedColumnsRefusesTheDocument() {
        assertThatThrownBy(() -> parse(BASE, "id,t,latitude,longitude\n1,x,1,2\n")).isInstanceOf(FeedParseException.class)
                .hasMessage("the header has no column 'v', 'lat', 'lon' that mapping t reads; it has [id, t, latitude, longitude]");
        assertThatThrownBy(() -> parse(BASE, "id,v,t,lat,lon,lat\n")).hasMessage("the header names column(s) [lat] more than once");
        assertThatThrownBy(() -> parse(BASE, "\"id,v,t,lat,lon\n")).hasMessageContaining("the header row (line 1) cannot be read");
    }

    @Test
    void aByteOrderMarkAndSpacesAroundHeaderNamesDoNotMatter() throws Exception {
        Event e = one(BASE, "\uFEFFid, v ,t,lat,lon\r\n1,a,28/11/2026 10:00,43.3,5.4\r\n");
        assertThat(e.location().lat()).isEqualTo(43.3);
    }

    @Test
    void textNotInTheMappingsEncodingRefusesTheDocumentAndSaysWhatToSet() throws Exception {
        byte[] latin1 = (HEADER + "1,a,28/11/2026 10:00,43.3,5.4,é\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> format(BASE).parse(latin1, CONTEXT)).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("format.encoding");
        String yaml = with("format", "format: {kind: csv, encoding: ISO-8859-1}");
        assertThat(format(yaml).parse(latin1, CONTEXT).rejected()).singleElement()
                .extracting(RejectedRecord::reason).isEqualTo("the row has 6 fields, the header 5");
    }

    @Test
    void documentsOverTheLimitAndOverlongSourceIdsAreRefused() {
        assertThatThrownBy(() -> format(BASE).parse(new byte[FeedFormat.MAX_DOCUMENT_BYTES + 1], CONTEXT))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> format(BASE).parse(HEADER.getBytes(StandardCharsets.UTF_8), new FeedContext("s".repeat(129), NOW)))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("source id");
    }

    @Test
    void linesAboveTheHeaderAreSkippedAndStillCounted() throws Exception {
        String yaml = with("format", "format: {kind: csv, skip-lines: 2}");
        FeedBatch b = parse(yaml, "Export police\nle 29/11/2026\n" + HEADER + "1,a,28/11/2026 10:00,43.3,5.4\n2,a,,43.3,5.4\n");
        assertThat(b.events()).hasSize(1);
        assertThat(b.rejected()).singleElement().extracting(RejectedRecord::ref).isEqualTo("line 5");
    }

    @Test
    void aFileWithoutHeaderUsesTheMappingsColumns() throws Exception {
        String yaml = with("format", "format: {kind: csv, header: false, columns: [id, v, t, lat, lon], delimiter: tab}");
        FeedBatch b = parse(yaml, "1\ta\t28/11/2026 10:00\t43.3\t5.4\n");
        assertThat(b.events()).hasSize(1);
    }

    // --- record ids -------------------------------------------------------------------------------------------

    @Test
    void idsComeFromTheRecordIdAndVersion() throws Exception {
        Event v1 = one(BASE, HEADER + "42,2026-11-28,28/11/2026 10:00,43.3,5.4\n");
        assertThat(v1.id()).isEqualTo(FeedIds.eventId("tabular", "src", "42|2026-11-28", v1.occurredAt()));
        Event again = one(BASE, HEADER + "42,2026-11-28,28/11/2026 10:00,43.30,5.40\n");
        assertThat(again.id()).isEqualTo(v1.id());
        Event v2 = one(BASE, HEADER + "42,2026-11-29,28/11/2026 10:00,43.3,5.4\n");
        assertThat(v2.id()).isNotEqualTo(v1.id());
        // A blank version is still the same record.
        Event blank = one(BASE, HEADER + "42,,28/11/2026 10:00,43.3,5.4\n");
        assertThat(blank.id()).isEqualTo(FeedIds.eventId("tabular", "src", "42|", blank.occurredAt()));
    }

    @Test
    void severalIdColumnsTogetherIdentifyARecord() throws Exception {
        String yaml = with("record", "record: {id: [site, hour]}");
        String doc = "site,hour,t,lat,lon\nA,10,28/11/2026 10:00,43.3,5.4\nA,11,28/11/2026 10:00,43.3,5.4\nB,10,28/11/2026 10:00,43.3,5.4\n";
        FeedBatch b = parse(yaml.replace("column: t", "column: t"), doc);
        assertThat(b.events()).extracting(Event::id).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void aBlankIdIsRejected() throws Exception {
        assertThat(reason(BASE, HEADER + " ,a,28/11/2026 10:00,43.3,5.4\n")).isEqualTo("id is blank; a record needs its id");
    }

    // --- time ------------------------------------------------------------------------------------------------

    @Test
    void timesInEachFormatAndTheZoneForLocalValues() throws Exception {
        assertThat(one(BASE, HEADER + "1,a,28/11/2026 10:00,43.3,5.4\n").occurredAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(one(BASE, HEADER + "1,a,28/07/2026 10:00,43.3,5.4\n").occurredAt()).isEqualTo(Instant.parse("2026-07-28T08:00:00Z"));
        assertThat(one(BASE, HEADER + "1,a,2026-11-28T10:00:00Z,43.3,5.4\n").occurredAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(one(BASE, HEADER + "1,a,2026-11-28T10:00:00,43.3,5.4\n").occurredAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(one(BASE, HEADER + "1,a,1764324000,43.3,5.4\n").occurredAt()).isEqualTo(Instant.ofEpochSecond(1764324000));
        // The spring gap in Paris: 02:30 on 29 March 2026 does not exist; it moves forward by the gap.
        assertThat(one(BASE, HEADER + "1,a,29/03/2026 02:30,43.3,5.4\n").occurredAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        String ms = with("occurred-at", "occurred-at: {column: t, formats: [epoch-ms, dd/MM/yyyy], zone: UTC}");
        assertThat(one(ms, HEADER + "1,a,1764324000123,43.3,5.4\n").occurredAt()).isEqualTo(Instant.ofEpochMilli(1764324000123L));
        assertThat(one(ms, HEADER + "1,a,28/11/2026,43.3,5.4\n").occurredAt()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void dateAndTimeColumnsAreJoined() throws Exception {
        String yaml = with("occurred-at", "occurred-at: {columns: [d, h], formats: [\"dd/MM/yyyy HH:mm\"], zone: Europe/Paris}");
        Event e = one(yaml, "id,v,d,h,lat,lon\n1,a,28/11/2026,10:00,43.3,5.4\n");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    }

    @Test
    void wrongBlankImpossibleAndFutureTimesAreRejectedWithTheValue() throws Exception {
        assertThat(reason(BASE, HEADER + "1,a,,43.3,5.4\n")).isEqualTo("t is blank; the time of the record is required");
        assertThat(reason(BASE, HEADER + "1,a,yesterday,43.3,5.4\n"))
                .isEqualTo("t 'yesterday' is not a time in any of the formats [dd/MM/yyyy HH:mm, iso, epoch-s]");
        assertThat(reason(BASE, HEADER + "1,a,31/04/2026 10:00,43.3,5.4\n")).startsWith("t '31/04/2026 10:00' is not a time");
        assertThat(reason(BASE, HEADER + "1,a,29/11/2026 10:00,43.3,5.4\n"))
                .isEqualTo("t '29/11/2026 10:00' is 10800 s in the future; at most 300 s of clock skew is accepted");
        assertThat(reason(BASE, HEADER + "1,a,-100,43.3,5.4\n")).startsWith("t '-100' is before 1970-01-01T00:00:00Z");
        assertThat(reason(BASE, HEADER + "1,a,NaN,43.3,5.4\n")).startsWith("t 'NaN' is not a time");
    }

    // --- location --------------------------------------------------------------------------------------------

    @Test
    void blankZeroAndNonNumericCoordinatesAreRejected() throws Exception {
        assertThat(reason(BASE, HEADER + "1,a,28/11/2026 10:00,,\n")).isEqualTo("lat/lon are blank; a position is required");
        assertThat(reason(BASE, HEADER + "1,a,28/11/2026 10:00,43.3,\n")).isEqualTo("lat/lon is partly blank; a position is required");
        assertThat(reason(BASE, HEADER + "1,a,28/11/2026 10:00,0,0\n")).isEqualTo("lat/lon '0', '0': a zero coordinate is a placeholder, not a place");
        assertThat(reason(BASE, HEADER + "1,a,28/11/2026 10:00,0.0,5.4\n")).contains("zero coordinate");
        for (String bad : List.of("NaN", "Infinity", "0x1p3", "1d", "43,3", "1e5000", "--1", "4 3")) {
            assertThat(reason(BASE, HEADER + "1,a,28/11/2026 10:00,\"" + bad + "\",5.4\n")).as(bad).endsWith("lat is not a number");
        }
        assertThat(reason(BASE, HEADER + "1,a,28/11/2026 10:00,95,5.4\n")).isEqualTo("lat/lon '95', '5.4' is not a latitude and longitude");
    }

    @Test
    void pointsOutsideTheBoundsAreRejectedNamingWhichBounds() throws Exception {
        assertThat(reason(BASE, HEADER + "1,a,28/11/2026 10:00,48.85,2.35\n"))
                .isEqualTo("lat/lon '48.85', '2.35' (48.85, 2.35) lies outside the city's bounds [5.2, 43.1, 5.6, 43.4]");
        String own = with("location", "location: {lat: lat, lon: lon, bounds: [2, 48, 3, 49]}");
        assertThat(one(own, HEADER + "1,a,28/11/2026 10:00,48.85,2.35\n").location().lon()).isEqualTo(2.35);
        assertThat(reason(own, HEADER + "1,a,28/11/2026 10:00,43.3,5.4\n")).contains("outside the mapping's bounds [2.0, 48.0, 3.0, 49.0]");
        // Without any bounds, any valid point is kept.
        var anywhere = new TabularFormat(TabularMappings.parse("t.yaml", BASE, "t"), null);
        assertThat(anywhere.parse((HEADER + "1,a,28/11/2026 10:00,-33.9,151.2\n").getBytes(StandardCharsets.UTF_8), CONTEXT)
                .events()).hasSize(1);
    }

    @Test
    void decimalCommasWithGroupedThousands() throws Exception {
        String yaml = with("format", "format: {kind: csv, delimiter: \";\", decimal: \",\"}");
        Event e = one(yaml, "id;v;t;lat;lon\n1;a;28/11/2026 10:00;43,2951;5,3739\n");
        assertThat(e.location().lat()).isEqualTo(43.2951);
        assertThat(Row.number("892 727,65", ',')).isEqualTo(892727.65);
        assertThat(Row.number("892.727,65", ',')).isNull();
        assertThat(Row.number("-.5", '.')).isEqualTo(-0.5);
        assertThat(Row.number("", '.')).isNull();
    }

    @Test
    void sitesAreLookedUpIgnoringCaseAndSpaces() throws Exception {
        String yaml = with("location", "location: {site: s, sites: {\"Hôpital Nord\": [43.38, 5.41]}}");
        Event e = one(yaml, "id,v,t,s\n1,a,28/11/2026 10:00,HÔPITAL   nord\n");
        assertThat(e.location().lat()).isEqualTo(43.38);
        assertThat(e.location().accuracyMeters()).isEqualTo(150);
        assertThat(reason(yaml, "id,v,t,s\n1,a,28/11/2026 10:00,\n")).isEqualTo("s is blank; the site of the record is required");
        assertThat(reason(yaml, "id,v,t,s\n1,a,28/11/2026 10:00,Timone\n")).isEqualTo("s 'Timone' is not one of the mapping's 1 sites");
    }

    // --- type, confidence, severity --------------------------------------------------------------------------

    static final String TABLES = with("type", """
            type:
              column: nature
              values: {"Vol simple": theft, "Chien errant": reject}
              prefixes: {"Vol": burglary, "Vol à": theft, "Feu": fire}
              default: other""").replace("confidence: 0.5", """
            confidence:
              column: statut
              values: {constaté: 0.9, infondé: reject}
              default: 0.6
            severity:
              column: gravite
              values: {"1": minor, "3": severe}""");
    static final String TABLE_HEADER = "id,v,t,lat,lon,nature,statut,gravite\n";

    static Event tabled(String nature, String statut, String gravite) throws FeedParseException {
        return one(TABLES, TABLE_HEADER + "1,a,28/11/2026 10:00,43.3,5.4," + nature + "," + statut + "," + gravite + "\n");
    }

    @Test
    void typeTablesMatchExactlyThenByLongestPrefixThenDefault() throws Exception {
        assertThat(tabled("Vol simple", "", "").type()).isEqualTo(EventType.THEFT);
        assertThat(tabled("  VOL   SIMPLE ", "", "").type()).isEqualTo(EventType.THEFT);
        assertThat(tabled("Vol à l'arraché", "", "").type()).isEqualTo(EventType.THEFT);
        assertThat(tabled("Vol de vélo", "", "").type()).isEqualTo(EventType.BURGLARY);
        assertThat(tabled("Feu de poubelle", "", "").type()).isEqualTo(EventType.FIRE);
        assertThat(tabled("Tapage", "", "").type()).isEqualTo(EventType.OTHER);
        assertThat(tabled("", "", "").type()).isEqualTo(EventType.OTHER);
        assertThat(reason(TABLES, TABLE_HEADER + "1,a,28/11/2026 10:00,43.3,5.4,Chien errant,,\n"))
                .isEqualTo("nature 'Chien errant' is rejected by the type table");
        String strict = TABLES.replace("default: other", "default: reject");
        assertThat(reason(strict, TABLE_HEADER + "1,a,28/11/2026 10:00,43.3,5.4,Tapage,,\n"))
                .isEqualTo("nature 'Tapage' is not in the type table, whose default is reject");
    }

    @Test
    void confidenceAndSeverityTablesAndTheirDefaults() throws Exception {
        assertThat(tabled("Vol simple", "Constaté", "3").confidence()).isEqualTo(0.9);
        assertThat(tabled("Vol simple", "Constaté", "3").severity()).isEqualTo(Severity.SEVERE);
        assertThat(tabled("Vol simple", "", "").confidence()).isEqualTo(0.6);
        // No severity default: the type's own.
        assertThat(tabled("Vol simple", "", "").severity()).isEqualTo(EventType.THEFT.defaultSeverity());
        assertThat(tabled("Feu", "", "9").severity()).isEqualTo(EventType.FIRE.defaultSeverity());
        assertThat(reason(TABLES, TABLE_HEADER + "1,a,28/11/2026 10:00,43.3,5.4,Vol,infondé,1\n"))
                .isEqualTo("statut 'infondé' is rejected by the confidence table");
        Event constant = one(BASE.replace("type: other", "type: fire\nseverity: extreme"), HEADER + "1,a,28/11/2026 10:00,43.3,5.4\n");
        assertThat(constant.type()).isEqualTo(EventType.FIRE);
        assertThat(constant.severity()).isEqualTo(Severity.EXTREME);
        assertThat(constant.confidence()).isEqualTo(0.5);
    }

    @Test
    void allProblemsOfARowAreReportedTogether() throws Exception {
        assertThat(reason(TABLES, TABLE_HEADER + ",a,,0,0,Chien errant,infondé,\n")).isEqualTo(
                "id is blank; a record needs its id; t is blank; the time of the record is required; "
                        + "lat/lon '0', '0': a zero coordinate is a placeholder, not a place; "
                        + "nature 'Chien errant' is rejected by the type table; statut 'infondé' is rejected by the confidence table");
    }

    // --- attributes ------------------------------------------------------------------------------------------

    @Test
    void onlyAllowListedColumnsAreKeptAndBlanksAreLeftOut() throws Exception {
        String yaml = BASE + """
                attributes:
                  nature: nature
                  n: {name: count, as: integer}
                  x: {name: ratio, as: number}
                  ok: {name: open, as: boolean}
                  txt: {name: note, as: text}
                """;
        String header = "id,v,t,lat,lon,nature,n,x,ok,txt,nom\n";
        Event e = one(yaml, header + "1,a,28/11/2026 10:00,43.3,5.4,Vol,12.0,0.5,oui," + "z".repeat(2000) + ",Dupont\n");
        assertThat(e.attributes().asMap()).containsEntry("nature", "Vol").containsEntry("count", 12L)
                .containsEntry("ratio", 0.5).containsEntry("open", true).doesNotContainKey("nom");
        assertThat(e.attributes().findText("note").orElseThrow()).hasSize(Attributes.MAX_TEXT_LENGTH).endsWith("…");
        assertThat(e.attributes().toString()).doesNotContain("Dupont");
        Event empty = one(yaml, header + "1,a,28/11/2026 10:00,43.3,5.4,,,,,,\n");
        assertThat(empty.attributes().isEmpty()).isTrue();
        assertThat(reason(yaml, header + "1,a,28/11/2026 10:00,43.3,5.4,,1.5,x,peut-être,,\n")).isEqualTo(
                "n '1.5' is not an integer (attribute count); x 'x' is not a number (attribute ratio); "
                        + "ok 'peut-être' is not a yes/no value (attribute open)");
    }

    @Test
    void smallCountsAreSuppressed() throws Exception {
        String yaml = BASE + "attributes:\n  n: {name: count, as: integer, suppress-below: 5}\n";
        assertThat(one(yaml, "id,v,t,lat,lon,n\n1,a,28/11/2026 10:00,43.3,5.4,4\n").attributes().asMap()).doesNotContainKey("count");
        assertThat(one(yaml, "id,v,t,lat,lon,n\n1,a,28/11/2026 10:00,43.3,5.4,5\n").attributes().asMap()).containsEntry("count", 5L);
    }

    // --- emit-when -------------------------------------------------------------------------------------------

    @Test
    void rowsOfAnAggregateFeedBecomeEventsOnlyWhenAConditionHolds() throws Exception {
        String yaml = BASE + "emit-when:\n  - {column: w, at-least: 25}\n  - {column: level, one-of: [Rouge, noir]}\n";
        String h = "id,v,t,lat,lon,w,level\n";
        FeedBatch b = parse(yaml, h + "1,a,28/11/2026 10:00,43.3,5.4,24,vert\n2,a,28/11/2026 10:00,43.3,5.4,25,\n"
                + "3,a,28/11/2026 10:00,43.3,5.4,,ROUGE\n4,a,28/11/2026 10:00,43.3,5.4,,\n5,a,28/11/2026 10:00,43.3,5.4,lots,\n"
                + "6,a,,43.3,5.4,1,\n");
        assertThat(b.records()).isEqualTo(6);
        assertThat(b.events()).hasSize(2);
        // A broken row is rejected even when it would not have been an event: the feed's owner should know.
        assertThat(b.rejected()).extracting(RejectedRecord::reason).containsExactly("w 'lots' is not a number (emit-when)",
                "t is blank; the time of the record is required");
    }

    // --- JSON Lines ------------------------------------------------------------------------------------------

    static final String JSONL = BASE.replace("format: {kind: csv}", "format: {kind: jsonl}")
            .replace("location: {lat: lat, lon: lon}", "location: {lat: geo.lat, lon: geo.lon}") + """
            attributes:
              n: count
              b: flag
              s: label
            personal-columns: [caller, who.name]
            """;

    @Test
    void jsonLinesReadNestedFieldsAndKeepJsonTypes() throws Exception {
        Event e = one(JSONL, "{\"id\":7,\"v\":null,\"t\":\"2026-11-28T10:00:00Z\",\"geo\":{\"lat\":43.3,\"lon\":\"5.4\"},"
                + "\"n\":3,\"b\":true,\"s\":\"x\",\"caller\":\"Dupont\"}\n");
        assertThat(e.location().lon()).isEqualTo(5.4);
        assertThat(e.id()).isEqualTo(FeedIds.eventId("tabular", "src", "7|", e.occurredAt()));
        assertThat(e.attributes().asMap()).containsEntry("count", 3L).containsEntry("flag", true).containsEntry("label", "x");
    }

    @Test
    void jsonLinesThatAreNotObjectsOrHoldDuplicatesAreRejectedWithoutPersonalData() throws Exception {
        FeedBatch b = parse(JSONL, """
                {"id":1,"id":2,"t":"2026-11-28T10:00:00Z","geo":{"lat":43.3,"lon":5.4}}
                "just a string"
                {"id":3,"t":"2026-11-28T10:00:00Z","geo":{"lat":43.3,"lon":5.4},"n":[1],"caller":"Dupont","who":{"name":"Martin","age":40}}
                {"id":4, "caller": "Durand"
                """);
        assertThat(b.rejected()).hasSize(4);
        assertThat(b.rejected().get(0).reason()).contains("Duplicate field 'id'");
        assertThat(b.rejected().get(1).reason()).isEqualTo("expected a JSON object, got string");
        assertThat(b.rejected().get(2).reason()).isEqualTo("n holds a list; a single value was expected");
        assertThat(b.rejected().get(2).raw()).contains("\"caller\":\"[removed]\"", "\"name\":\"[removed]\"", "\"age\":40")
                .doesNotContain("Dupont", "Martin");
        assertThat(b.rejected().get(3).raw()).startsWith("(not kept").doesNotContain("Durand");
        assertThat(b.rejected()).extracting(RejectedRecord::ref).containsExactly("line 1", "line 2", "line 3", "line 4");
    }
}
