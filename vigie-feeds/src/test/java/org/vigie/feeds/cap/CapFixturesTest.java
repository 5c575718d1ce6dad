package org.vigie.feeds.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;

/**
 * Every real CAP document in {@code ../shared/data/alerts/cap}, and what it gives: events, quarantined records with
 * their reasons, records skipped on purpose, or a refused document. A fixture added to the folder without a line
 * here fails the test, so nothing is ever read without someone saying what it should give.
 */
class CapFixturesTest {
    static final Path DIR = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/alerts/cap");
    static final FeedContext CONTEXT = new FeedContext("cap-fixtures", Instant.parse("2026-01-01T00:00:00Z"));
    static CapFormat format;

    /**
     * @param events    how many events, and of which types in order
     * @param rejected  one fragment of each rejection's ref or reason, in order
     * @param skipped   one fragment of each skip note, in order
     * @param refused   a fragment of the document-level error, or null when the document is read
     */
    record Expected(int records, List<EventType> events, List<String> rejected, List<String> skipped, String refused) {
        static Expected events(int records, EventType... types) {
            return new Expected(records, List.of(types), List.of(), List.of(), null);
        }

        static Expected rejected(int records, String... fragments) {
            return new Expected(records, List.of(), List.of(fragments), List.of(), null);
        }

        static Expected refused(String fragment) {
            return new Expected(0, List.of(), List.of(), List.of(), fragment);
        }

        Expected andRejected(String... fragments) {
            return new Expected(records, events, List.of(fragments), skipped, refused);
        }

        Expected andSkipped(String... fragments) {
            return new Expected(records, events, rejected, List.of(fragments), refused);
        }
    }

    static final EventType FIRE = EventType.FIRE;
    static final String US_COUNTY_UNKNOWN = "no geocode names a place this city knows";

    static final Map<String, Expected> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("amber.atom", Expected.rejected(1, "FIPS6=006037")),
            Map.entry("australia.cap", Expected.events(1, FIRE, FIRE)),
            Map.entry("bushfire_invalid.edxlde", Expected.events(7, FIRE, FIRE, FIRE, FIRE, FIRE)
                    .andRejected("missing <identifier> in <alert> at line 94", "<urgency> at line 115 is 'Foobar'")),
            Map.entry("bushfire_valid.edxlde", Expected.events(7, FIRE, FIRE, FIRE, FIRE, FIRE, FIRE, FIRE)),
            Map.entry("canada.cap", Expected.events(1).andSkipped("info 1 (line 18): responseType AllClear",
                    "info 2 (line 124): responseType AllClear")),
            Map.entry("canada_errors.cap", Expected.rejected(1, "<references> at line 12 is empty")),
            Map.entry("canada_signed.atom", Expected.rejected(1, "area 1 'La Ronge", "area 2 'Île à la Crosse")
                    .andSkipped("info 2 (line 234): the same as info 1 in another language")),
            Map.entry("canada_signed.cap", Expected.rejected(1, "spans a radius of 167 km", "spans a radius of 134 km")
                    .andSkipped("info 2 (line 222): the same as info 1 in another language")),
            Map.entry("earthquake-iso8859-1.cap", Expected.events(1, EventType.OTHER)),
            Map.entry("earthquake.cap", Expected.events(1, EventType.OTHER)),
            Map.entry("earthquake_index.atom", Expected.rejected(1, "only a link to http://earthquake.usgs.gov")),
            Map.entry("earthquake_signed.cap", Expected.events(1, EventType.OTHER)),
            Map.entry("empty_weather_index.atom", Expected.events(0)),
            Map.entry("invalid.cap", Expected.rejected(1, "missing <scope> in <alert> at line 2")),
            Map.entry("invalid.rss", Expected.rejected(1, "item 1 (line 5)")),
            Map.entry("invalid_element.atom", Expected.rejected(1, "its <content> at line 12 has none")),
            Map.entry("no_entries.atom", Expected.rejected(1, "outside any <entry>")),
            Map.entry("no_id.atom", Expected.rejected(1, "entry 1 (line 9)")),
            Map.entry("no_link.atom", Expected.rejected(1, "holds no CAP alert and links to none")),
            Map.entry("no_optional_fields.cap", Expected.rejected(1, "the alert has no <info>")),
            Map.entry("no_title.atom", Expected.rejected(1, "its <content> at line 16 has none")),
            Map.entry("noaa_errors.cap", Expected.rejected(1, "<references> at line 13 is empty")),
            Map.entry("ny_index.rss", Expected.rejected(2, "guid NYAlert-ALLHAZALERT-3167113", "guid NYAlert-ALLHAZALERT-3162202")),
            Map.entry("thunderstorm.cap", Expected.events(1, EventType.WEATHER)),
            Map.entry("validator-example-43b080713727.cap", Expected.rejected(1, "has no <polygon>, <circle> or <geocode>")),
            Map.entry("validator-example-KAR0-0306112239-SW.cap", Expected.rejected(1, "SAME=006037")),
            Map.entry("wcatwc-warning.cap", Expected.rejected(1, "UGC=AKZ185, UGC=AKZ187")),
            Map.entry("weather.atom", Expected.rejected(1, "FIPS6=030049, UGC=MTZ014")),
            Map.entry("weather.cap", Expected.rejected(1, "FIPS6=030049, UGC=MTZ014")),
            Map.entry("weather_index.atom", Expected.rejected(2, "entry 1 (line 27", "entry 2 (line 55")),
            Map.entry("weather_invalid.atom", Expected.rejected(1, "<identifier> at line 28 is 'INVALID,'")),
            Map.entry("xee.atom", Expected.refused("declares a DTD")),
            Map.entry("xee.cap", Expected.refused("declares a DTD"))));

    @BeforeAll
    static void city() {
        format = new CapFormat(Marseille.approximateCity());
    }

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(DIR.resolve(name));
    }

    @Test
    void everyFixtureIsListedWithWhatItGives() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("fixtures in %s", DIR).containsExactlyElementsOf(EXPECTED.keySet());
        }
    }

    @Test
    void everyFixtureGivesWhatItsLineSays() throws Exception {
        var listing = new StringBuilder();
        for (var e : EXPECTED.entrySet()) {
            String name = e.getKey();
            Expected expected = e.getValue();
            byte[] document = fixture(name);
            listing.append(name).append(": ");
            if (expected.refused() != null) {
                assertThatThrownBy(() -> format.read(document, CONTEXT)).as(name)
                        .isInstanceOf(FeedParseException.class).hasMessageContaining(expected.refused());
                listing.append("refused\n");
                continue;
            }
            CapFormat.Reading reading = format.read(document, CONTEXT);
            var batch = reading.batch();
            listing.append(batch.events().size()).append(" event(s), ").append(batch.rejected().size())
                    .append(" quarantined, ").append(reading.skipped().size()).append(" skipped\n");
            batch.rejected().forEach(r -> listing.append("   quarantined ").append(r.ref()).append(": ").append(r.reason()).append('\n'));
            reading.skipped().forEach(s -> listing.append("   skipped ").append(s).append('\n'));

            assertThat(batch.records()).as(name + " records").isEqualTo(expected.records());
            assertThat(batch.events()).as(name + " events").extracting(Event::type).containsExactlyElementsOf(expected.events());
            assertThat(batch.rejected()).as(name + " rejected").hasSameSizeAs(expected.rejected());
            for (int i = 0; i < expected.rejected().size(); i++) {
                RejectedRecord r = batch.rejected().get(i);
                assertThat(r.ref() + ": " + r.reason()).as(name + " rejection " + i).contains(expected.rejected().get(i));
            }
            assertThat(reading.skipped()).as(name + " skipped").hasSameSizeAs(expected.skipped());
            for (int i = 0; i < expected.skipped().size(); i++) {
                assertThat(reading.skipped().get(i)).as(name + " skip " + i).contains(expected.skipped().get(i));
            }
            // Nothing silently lost: a document with records gives something for each one, or says why not.
            if (batch.records() > 0) {
                assertThat(batch.events().size() + batch.rejected().size() + reading.skipped().size()).as(name)
                        .isGreaterThanOrEqualTo(batch.records());
            }
            for (RejectedRecord r : batch.rejected()) {
                assertThat(r.ref() + " " + r.reason()).as(name + ": a reason names where").contains("line ");
                assertThat(r.raw()).as(name + ": the record's own text is kept").isNotBlank();
            }
        }
        System.out.println(listing);
    }

    @Test
    void parsingAgainGivesTheSameEventsSoPollingTwiceStoresNothingTwice() throws Exception {
        for (var e : EXPECTED.entrySet()) {
            if (e.getValue().refused() != null) {
                continue;
            }
            byte[] doc = fixture(e.getKey());
            var first = format.parse(doc, CONTEXT);
            var again = format.parse(doc, new FeedContext(CONTEXT.sourceId(), CONTEXT.receivedAt().plusSeconds(600)));
            assertThat(again.events()).as(e.getKey()).extracting(Event::id)
                    .containsExactlyElementsOf(first.events().stream().map(Event::id).toList());
            assertThat(again.rejected()).as(e.getKey()).isEqualTo(first.rejected());
        }
    }

    @Test
    void anAlertIsLocatedFromItsPolygonWithTheTimeOfItsOwnOffset() throws Exception {
        Event storm = format.parse(fixture("thunderstorm.cap"), CONTEXT).events().get(0);
        // 38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89: the centroid lies inside, the radius reaches the
        // farthest corner (about 18 km).
        assertThat(storm.location().lat()).isBetween(38.45, 38.52);
        assertThat(storm.location().lon()).isBetween(-119.97, -119.90);
        assertThat(storm.location().accuracyMeters()).isBetween(15_000.0, 21_000.0);
        assertThat(storm.occurredAt()).isEqualTo(Instant.parse("2003-06-17T21:57:00Z")); // sent 14:57 at -07:00
        assertThat(storm.severity().jsonName()).isEqualTo("severe");
        assertThat(storm.confidence()).isEqualTo(0.95); // Observed
        assertThat(storm.source().kind().jsonName()).isEqualTo("cap_feed");
        assertThat(storm.source().id()).isEqualTo("cap-fixtures");
        assertThat(storm.attributes().asMap()).containsEntry("cap_identifier", "KSTO1055887203")
                .containsEntry("cap_sender", "KSTO@NWS.NOAA.GOV").containsEntry("cap_event", "SEVERE THUNDERSTORM")
                .containsEntry("cap_headline", "SEVERE THUNDERSTORM WARNING").containsEntry("location_method", "polygon");
        assertThat(storm.attributes().findText("cap_area_desc").orElseThrow())
                .startsWith("EXTREME NORTH CENTRAL TUOLUMNE COUNTY").doesNotContain("\n");
        // The description and contact (which name people in real alerts) are never read.
        assertThat(storm.attributes().asMap().values().toString()).doesNotContain("BARUFFALDI", "DOPPLER");
    }

    @Test
    void aCircleIsItsCentreAndItsRadiusInMetres() throws Exception {
        Event fire = format.parse(fixture("australia.cap"), CONTEXT).events().get(0);
        assertThat(fire.location().lat()).isEqualTo(-35.3888);
        assertThat(fire.location().lon()).isEqualTo(147.0598);
        assertThat(fire.location().accuracyMeters()).isEqualTo(25_000.0);
        assertThat(fire.occurredAt()).isEqualTo(Instant.parse("2011-10-05T13:04:00Z")); // effective, +10:00
    }

    @Test
    void latin1DocumentsAreDecodedWithTheirOwnEncoding() throws Exception {
        Event quake = format.parse(fixture("earthquake-iso8859-1.cap"), CONTEXT).events().get(0);
        assertThat(quake.attributes().findText("cap_headline").orElseThrow()).contains("Usulután");
        assertThat(quake.occurredAt()).isEqualTo(Instant.parse("2012-10-14T22:40:56Z")); // onset
    }
}
