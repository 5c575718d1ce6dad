package org.vigie.feeds.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.core.geo.City;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Severity;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedParseException;

class CapFormatTest {
    static final Instant NOW = Instant.parse("2026-07-14T20:00:00Z");
    static final FeedContext CONTEXT = new FeedContext("marins-pompiers", NOW);
    static City city;
    static CapFormat format;

    @BeforeAll
    static void city() {
        city = Marseille.approximateCity();
        format = new CapFormat(city);
    }

    /** A CAP 1.2 alert with one info; {@code extra} goes after certainty, {@code areas} at the end of the info. */
    static String alert(String id, String sent, String msgType, String category, String event, String extra, String areas) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>sdis13@example.fr</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>%s</msgType>
                  <scope>Public</scope>
                  <info>
                    <language>fr-FR</language>
                    <category>%s</category>
                    <event>%s</event>
                    <urgency>Immediate</urgency>
                    <severity>Severe</severity>
                    <certainty>Likely</certainty>
                    %s
                    <headline>Feu de broussailles</headline>
                    <description>Témoin : M. Dupont, 06 12 34 56 78</description>
                    <contact>Capitaine Martin</contact>
                    %s
                  </info>
                </alert>
                """.formatted(id, sent, msgType, category, event, extra, areas);
    }

    static final String CIRCLE_VIEUX_PORT = "<area><areaDesc>Vieux-Port</areaDesc><circle>43.2951,5.3740 0.5</circle></area>";

    static FeedBatch parse(String doc) throws FeedParseException {
        return format.parse(doc.getBytes(StandardCharsets.UTF_8), CONTEXT);
    }

    @Test
    void oneAlertInTheCityBecomesOneLocatedEvent() throws Exception {
        FeedBatch b = parse(alert("F-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu de broussailles", "",
                CIRCLE_VIEUX_PORT));
        assertThat(b.records()).isEqualTo(1);
        assertThat(b.rejected()).isEmpty();
        Event e = b.events().get(0);
        assertThat(e.type()).isEqualTo(EventType.FIRE);
        assertThat(e.severity()).isEqualTo(Severity.SEVERE);
        assertThat(e.confidence()).isEqualTo(0.75);
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-07-14T19:30:00Z"));
        assertThat(e.receivedAt()).isEqualTo(NOW);
        assertThat(e.location().lat()).isEqualTo(43.2951);
        assertThat(e.location().accuracyMeters()).isEqualTo(500.0);
        assertThat(e.attributes().asMap()).containsEntry("cap_identifier", "F-1")
                .containsEntry("cap_sender", "sdis13@example.fr").containsEntry("cap_area_desc", "Vieux-Port")
                .containsEntry("cap_headline", "Feu de broussailles").containsEntry("cap_language", "fr-FR");
        // Names and telephone numbers in description and contact never reach an event.
        assertThat(e.attributes().asMap().toString()).doesNotContain("Dupont", "06 12", "Martin");
    }

    @Test
    void idsDependOnTheMessageVersionSoAnUpdateIsNewEventsAndARepeatIsNot() throws Exception {
        String first = alert("F-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT);
        String update = alert("F-1", "2026-07-14T21:45:00+02:00", "Update", "Fire", "Feu", "", CIRCLE_VIEUX_PORT);
        var a = parse(first).events().get(0).id();
        assertThat(parse(first).events().get(0).id()).isEqualTo(a);
        // The same instant written with another offset is the same message.
        assertThat(parse(first.replace("2026-07-14T21:30:00+02:00", "2026-07-14T19:30:00-00:00")).events().get(0).id())
                .isEqualTo(a);
        assertThat(parse(update).events().get(0).id()).isNotEqualTo(a);
        assertThat(format.parse(first.getBytes(StandardCharsets.UTF_8), new FeedContext("other-feed", NOW))
                .events().get(0).id()).isNotEqualTo(a);
    }

    @Test
    void inseeGeocodesOfTheCityDistrictsPlaceAnArea() throws Exception {
        String area = "<area><areaDesc>Marseille 1er</areaDesc><geocode><valueName>INSEE</valueName><value>13201</value></geocode></area>";
        Event e = parse(alert("G-1", "2026-07-14T21:30:00+02:00", "Alert", "Safety", "Inondation", "", area)).events().get(0);
        assertThat(e.type()).isEqualTo(EventType.FLOODING);
        assertThat(city.findDistrict(e.location().lat(), e.location().lon()).orElseThrow().code()).isEqualTo("13201");
        assertThat(e.attributes().asMap()).containsEntry("location_method", "geocode");
        assertThat(e.location().accuracyMeters()).isBetween(300.0, 5_000.0);

        String two = "<area><areaDesc>1er et 2e</areaDesc><geocode><valueName>code_insee</valueName><value>13201</value></geocode>"
                + "<geocode><valueName>code_insee</valueName><value>13202</value></geocode></area>";
        Event both = parse(alert("G-2", "2026-07-14T21:30:00+02:00", "Alert", "Met", "Orages", "", two)).events().get(0);
        assertThat(both.type()).isEqualTo(EventType.WEATHER);
        assertThat(both.location().accuracyMeters()).isGreaterThan(e.location().accuracyMeters());
    }

    @Test
    void aGeocodeTheCityDoesNotKnowIsRejectedNamingIt() throws Exception {
        String area = "<area><areaDesc>Toulon</areaDesc><geocode><valueName>INSEE</valueName><value>83137</value></geocode>"
                + "<geocode><valueName>EMMA_ID</valueName><value>FR825</value></geocode></area>";
        FeedBatch b = parse(alert("G-3", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", area));
        assertThat(b.events()).isEmpty();
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ref()).contains("alert G-3 (line 2)", "info 1 (line 9)");
            assertThat(r.reason()).contains("INSEE=83137", "EMMA_ID=FR825", "13201");
            assertThat(r.raw()).contains("<identifier>G-3</identifier>");
        });
    }

    @Test
    void oneEventPerInfoAndAreaAndABadAreaSpoilsOnlyItself() throws Exception {
        String areas = CIRCLE_VIEUX_PORT
                + "<area><areaDesc>Estaque</areaDesc><polygon>43.36,5.31 43.37,5.31 43.37,5.32 43.36,5.32 43.36,5.31</polygon></area>"
                + "<area><areaDesc>broken</areaDesc><polygon>43.36,5.31 43.37;5.31 43.37,5.32 43.36,5.31</polygon></area>";
        FeedBatch b = parse(alert("A-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", areas));
        assertThat(b.events()).hasSize(2).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(b.events().get(1).location().lat()).isCloseTo(43.365, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.events().get(1).location().lon()).isCloseTo(5.315, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("area 3 'broken'", "<polygon> at line", "point 2 is '43.37;5.31'"));
    }

    @Test
    void anAreaWiderThanAnEventCanBeIsRejectedWithItsSize() throws Exception {
        String area = "<area><areaDesc>PACA</areaDesc><circle>43.9,6.0 180</circle></area>";
        FeedBatch b = parse(alert("W-1", "2026-07-14T21:30:00+02:00", "Alert", "Met", "Vent violent", "", area));
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("radius of 180 km"));
    }

    @Test
    void aPolygonAcrossTheAntimeridianIsCentredOnIt() throws Exception {
        var e = AreaLocator.polygon(new CapAlert.Shape("-17,179.9 -17,-179.9 -17.1,-179.9 -17.1,179.9 -17,179.9", 1));
        assertThat(Math.abs(e.lon())).isGreaterThan(179.95);
        assertThat(e.radiusMeters()).isLessThan(20_000);
    }

    @Test
    void cancelAckErrorAndNonActualAlertsGiveNoEventButAreCounted() throws Exception {
        for (String doc : List.of(
                alert("C-1", "2026-07-14T21:30:00+02:00", "Cancel", "Fire", "Feu", "", CIRCLE_VIEUX_PORT)
                        .replace("<scope>", "<references>sdis13@example.fr,F-1,2026-07-14T21:00:00+02:00</references><scope>"),
                alert("C-2", "2026-07-14T21:30:00+02:00", "Ack", "Fire", "Feu", "", CIRCLE_VIEUX_PORT),
                alert("C-3", "2026-07-14T21:30:00+02:00", "Error", "Fire", "Feu", "", CIRCLE_VIEUX_PORT),
                alert("T-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT)
                        .replace("<status>Actual</status>", "<status>Exercise</status>"),
                alert("T-2", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "<responseType>AllClear</responseType>",
                        CIRCLE_VIEUX_PORT).replace("<responseType>AllClear</responseType>", "")
                        .replace("<urgency>", "<responseType>AllClear</responseType><urgency>"))) {
            CapFormat.Reading r = format.read(doc.getBytes(StandardCharsets.UTF_8), CONTEXT);
            assertThat(r.batch().records()).isEqualTo(1);
            assertThat(r.batch().events()).isEmpty();
            assertThat(r.batch().rejected()).isEmpty();
            assertThat(r.skipped()).singleElement().asString().containsAnyOf("msgType", "status Exercise", "AllClear");
        }
    }

    @Test
    void aWarningForTomorrowIsAnEventOfTodayWithItsOnsetKept() throws Exception {
        FeedBatch b = parse(alert("O-1", "2026-07-14T21:30:00+02:00", "Alert", "Met", "Canicule",
                "<onset>2026-07-15T12:00:00+02:00</onset>", CIRCLE_VIEUX_PORT));
        Event e = b.events().get(0);
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-07-14T19:30:00Z"));
        assertThat(e.attributes().asMap()).containsEntry("cap_onset", "2026-07-15T10:00:00Z");
    }

    @Test
    void anAlertSentInTheFutureIsRejectedByTheEventRules() throws Exception {
        FeedBatch b = parse(alert("O-2", "2026-07-15T21:30:00+02:00", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT));
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("occurredAt", "future"));
    }

    @Test
    void headerFaultsAreAllNamedAtOnceWithTheirLines() throws Exception {
        String doc = alert("bad id", "yesterday", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT)
                .replace("<status>Actual</status>", "<status>Real</status>");
        FeedBatch b = parse(doc);
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("<identifier> at line 3 is 'bad id'", "<sent> at line 5 is 'yesterday'", "<status> at line 6 is 'Real'"));
    }

    @Test
    void infoFaultsSpoilOnlyThatInfo() throws Exception {
        String doc = alert("I-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT)
                .replace("</info>", "</info><info><category>Fire</category><event>Feu</event><urgency>Now</urgency>"
                        + "<severity>Severe</severity><certainty>Observed</certainty>" + CIRCLE_VIEUX_PORT + "</info>");
        FeedBatch b = parse(doc);
        assertThat(b.events()).hasSize(1);
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ref()).contains("info 2");
            assertThat(r.reason()).contains("<urgency>", "'Now'", "Immediate, Expected");
        });
    }

    @Test
    void anInfoRepeatedInAnotherLanguageIsOneSituation() throws Exception {
        String doc = alert("L-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT)
                .replace("</info>", "</info><info><language>en-GB</language><category>Fire</category><event>Fire</event>"
                        + "<urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>"
                        + CIRCLE_VIEUX_PORT.replace("Vieux-Port", "Old Port") + "</info>");
        CapFormat.Reading r = format.read(doc.getBytes(StandardCharsets.UTF_8), CONTEXT);
        assertThat(r.batch().events()).hasSize(1);
        assertThat(r.skipped()).singleElement().asString().contains("info 2", "another language");
    }

    @Test
    void atomRssAndEscapedAlertsAreRead() throws Exception {
        String alert = alert("E-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT)
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
        String escaped = alert.replace("E-1", "E-2").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String atom = """
                <feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2026-07-14T19:40:00Z</updated>
                <entry><id>urn:1</id><title>a</title><updated>2026-07-14T19:40:00Z</updated><content type="text/xml">%s</content></entry>
                <entry><id>urn:2</id><title>b</title><updated>2026-07-14T19:40:00Z</updated><content type="text">%s</content></entry>
                <entry><id>urn:3</id><title>c</title><updated>2026-07-14T19:40:00Z</updated><link href="https://example.fr/cap/3"/></entry>
                </feed>""".formatted(alert, escaped);
        FeedBatch b = parse(atom);
        assertThat(b.records()).isEqualTo(3);
        assertThat(b.events()).extracting(e -> e.attributes().findText("cap_identifier").orElseThrow()).containsExactly("E-1", "E-2");
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ref()).contains("entry 3", "urn:3");
            assertThat(r.reason()).contains("https://example.fr/cap/3", "index feed");
        });

        String rss = "<rss version=\"2.0\"><channel><title>t</title><item><guid>g1</guid>" + alert.replace("E-1", "R-1")
                + "</item></channel></rss>";
        assertThat(parse(rss).events()).singleElement()
                .satisfies(e -> assertThat(e.attributes().findText("cap_identifier")).hasValue("R-1"));
    }

    @Test
    void aVigieAlertKeepsItsExactTypeWhenReadBack() throws Exception {
        String doc = alert("V-1", "2026-07-14T21:30:00+02:00", "Alert", "Security", "Abandoned object",
                "<eventCode><valueName>vigie:event-type</valueName><value>abandoned_object</value></eventCode>",
                CIRCLE_VIEUX_PORT);
        assertThat(parse(doc).events().get(0).type()).isEqualTo(EventType.ABANDONED_OBJECT);
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
        "Fire;Structure Fire;;fire",
        "Fire;Other;;fire",
        "Met;Fire Weather Watch;;weather",
        "Met;Flash Flood Watch;;flooding",
        "Met;Severe Thunderstorm Warning;;weather",
        "Met;Air Quality Alert;;weather",
        "Geo;Tsunami Warning;;flooding",
        "Geo;Earthquake;;other",
        "Met;Special Weather Statement;SAME=FFW;flooding",
        "Safety;Hazardous Materials Warning;SAME=HMW;hazmat",
        "CBRNE;Alerte;;hazmat",
        "Health;Alerte sanitaire;;medical_emergency",
        "Transport;Fermeture de route;;traffic_disruption",
        "Security;Homeland Security Advisory System Update;;other",
        "Rescue;Child Abduction;SAME=CAE;other",
        "Security;Active shooter;;gunshot",
        "Fire;Feu;CAP-AU=grassFire;fire",
        "Met;orages;profile:CAP-CP:Event:0.4=thunderstorm;weather",
        "Met;Vigilance vagues-submersion;;flooding",
        "Safety;Theatre evacuation;;other",
        "Other;Something;;other"})
    void categoriesEventsAndCodesMapToEventTypes(String category, String event, String code, String type) throws Exception {
        String extra = code == null ? "" : "<eventCode><valueName>" + code.substring(0, code.lastIndexOf('='))
                + "</valueName><value>" + code.substring(code.lastIndexOf('=') + 1) + "</value></eventCode>";
        Event e = parse(alert("M-1", "2026-07-14T21:30:00+02:00", "Alert", category, event, extra, CIRCLE_VIEUX_PORT))
                .events().get(0);
        assertThat(e.type().jsonName()).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"Observed,Immediate,0.95", "Likely,Expected,0.75", "Possible,Expected,0.4", "Unlikely,Past,0.05",
        "Unknown,Unknown,0.5", "Likely,Future,0.6"})
    void certaintyAndUrgencyGiveConfidence(String certainty, String urgency, double confidence) throws Exception {
        String doc = alert("K-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "", CIRCLE_VIEUX_PORT)
                .replace("<certainty>Likely</certainty>", "<certainty>" + certainty + "</certainty>")
                .replace("<urgency>Immediate</urgency>", "<urgency>" + urgency + "</urgency>");
        assertThat(parse(doc).events().get(0).confidence()).isCloseTo(confidence, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void encodingsComeFromTheByteOrderMarkOrTheDeclarationAndBadBytesAreNamed() throws Exception {
        String doc = alert("U-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu à l'Estaque", "", CIRCLE_VIEUX_PORT);
        byte[] utf16 = ("\uFEFF" + doc.replace("UTF-8", "UTF-16")).getBytes(StandardCharsets.UTF_16BE);
        assertThat(format.parse(utf16, CONTEXT).events().get(0).attributes().findText("cap_event")).hasValue("Feu à l'Estaque");
        byte[] latin1 = doc.replace("UTF-8", "ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(format.parse(latin1, CONTEXT).events().get(0).attributes().findText("cap_event")).hasValue("Feu à l'Estaque");
        // Latin-1 bytes under a UTF-8 declaration: refused with where, not guessed.
        byte[] mislabelled = doc.getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> format.parse(mislabelled, CONTEXT)).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("line 12").hasMessageContaining("not valid UTF-8");
        String unknown = doc.replace("UTF-8", "X-NO-SUCH-CHARSET");
        assertThatThrownBy(() -> parse(unknown)).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("X-NO-SUCH-CHARSET");
    }

    @Test
    void documentsThatAreNotCapAreRefusedAsAWhole() {
        assertThatThrownBy(() -> parse("<html><body/></html>")).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("<html>").hasMessageContaining("not a CAP");
        assertThatThrownBy(() -> parse("<alert xmlns=\"http://www.incident.com/cap/1.0\"/>"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("CAP 1.0");
        assertThatThrownBy(() -> parse("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n<identifier>x</ident>"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("malformed XML at line 2");
        assertThatThrownBy(() -> parse("")).isInstanceOf(FeedParseException.class);
        assertThatThrownBy(() -> format.parse(new byte[FeedFormat.MAX_DOCUMENT_BYTES + 1], CONTEXT))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("at most");
        String deep = "<a>".repeat(XmlTree.MAX_DEPTH + 1) + "</a>".repeat(XmlTree.MAX_DEPTH + 1);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(FeedParseException.class).hasMessageContaining("nested deeper");
    }
}
