package org.vigie.feeds.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

class Open311FormatTest {
    private static final FeedContext SF = new FeedContext("sf311", Instant.parse("2026-07-14T10:00:00Z"));
    private final Open311Format format = new Open311Format();

    private FeedBatch parse(String doc) throws FeedParseException {
        return format.parse(doc.getBytes(StandardCharsets.UTF_8), SF);
    }

    @Test
    void theExampleAnswerGivesOneEventForItsOpenRequestInBothEncodings() throws Exception {
        FeedBatch json = format.parse(Fixtures.bytes("get_requests_response.json"), SF);
        FeedBatch xml = format.parse(Fixtures.bytes("get_requests_response.xml"), SF);
        for (FeedBatch b : List.of(json, xml)) {
            assertThat(b.records()).isEqualTo(2);
            assertThat(b.rejected()).isEmpty();
            assertThat(b.events()).hasSize(1); // 638344 is closed: the city has dealt with it
            Event e = b.events().get(0);
            assertThat(e.type()).isEqualTo(EventType.ROAD_HAZARD); // "Sidewalk and Curb Issues"
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2010-04-19T14:37:38Z"));
            assertThat(e.receivedAt()).isEqualTo(SF.receivedAt());
            assertThat(e.source().kind()).isEqualTo(SourceKind.CITIZEN);
            assertThat(e.source().id()).isEqualTo("sf311:638349");
            assertThat(e.location().lat()).isEqualTo(37.762221815);
            assertThat(e.location().lon()).isEqualTo(-122.4651145);
            // 006 is not valid JSON; it is read as the text it was written as, as in the XML twin.
            assertThat(e.attributes().findText("service_code")).contains("006");
            assertThat(e.attributes().findText("media_url")).contains("http://city.gov.s3.amazonaws.com/requests/media/638349.jpg");
        }
        assertThat(json.events().get(0).id()).as("the JSON and XML twins are the same record").isEqualTo(xml.events().get(0).id());
    }

    @Test
    void parsingTheSameAnswerTwiceGivesTheSameIdsAndAnEditGivesANewOne() throws Exception {
        String doc = requests(request("A-1", "open", "2026-07-14T08:00:00+02:00", "2026-07-14T08:10:00+02:00", "43.30", "5.38"),
                request("A-2", "open", "2026-07-14T08:05:00+02:00", null, "43.31", "5.39"));
        List<EventId> first = parse(doc).events().stream().map(Event::id).toList();
        List<EventId> second = parse(doc).events().stream().map(Event::id).toList();
        assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(second);
        String edited = doc.replace("2026-07-14T08:10:00+02:00", "2026-07-14T08:20:00+02:00");
        List<EventId> third = parse(edited).events().stream().map(Event::id).toList();
        assertThat(third.get(0)).isNotEqualTo(first.get(0));
        assertThat(third.get(1)).isEqualTo(first.get(1));
        // The same request in another feed is another record.
        var other = format.parse(doc.getBytes(StandardCharsets.UTF_8), new FeedContext("lyon311", SF.receivedAt()));
        assertThat(other.events().get(0).id()).isNotEqualTo(first.get(0));
    }

    @Test
    void requestsThatCannotBePlacedOrDatedAreRejectedWithTheirReason() throws Exception {
        FeedBatch b = parse(requests(
                request("no-pos", "open", "2026-07-14T08:00:00Z", null, null, null),
                request("null-island", "open", "2026-07-14T08:00:00Z", null, "0", "0"),
                request("bad-lat", "open", "2026-07-14T08:00:00Z", null, "north", "5.38"),
                request("out-of-range", "open", "2026-07-14T08:00:00Z", null, "95", "5.38"),
                request("no-zone", "open", "2026-07-14T08:00:00", null, "43.3", "5.38"),
                request("future", "open", "2026-07-15T08:00:00Z", null, "43.3", "5.38"),
                "{\"status\":\"open\",\"lat\":43.3,\"long\":5.4,\"requested_datetime\":\"2026-07-14T08:00:00Z\"}",
                "42",
                request("fine", "open", "2026-07-14T08:00:00Z", null, "43.3", "5.38")));
        assertThat(b.records()).isEqualTo(9);
        assertThat(b.events()).hasSize(1);
        assertThat(b.rejected()).hasSize(8);
        assertThat(b.rejected().get(0).reason()).contains("no location").contains("does not geocode");
        assertThat(b.rejected().get(0).ref()).contains("no-pos");
        assertThat(b.rejected().get(1).reason()).contains("0,0");
        assertThat(b.rejected().get(2).reason()).contains("lat must be a number");
        assertThat(b.rejected().get(3).reason()).contains("location.lat");
        assertThat(b.rejected().get(4).reason()).contains("no time zone");
        assertThat(b.rejected().get(5).reason()).contains("future");
        assertThat(b.rejected().get(6).reason()).contains("service_request_id is missing");
        assertThat(b.rejected().get(7).reason()).contains("expected a JSON object");
        assertThat(b.rejected()).allSatisfy(r -> assertThat(r.raw()).isNotEmpty());
    }

    @Test
    void anErrorAnswerIsNotADocumentOfRequests() {
        for (String f : List.of("error_403.json.http.txt", "error_403.xml.http.txt")) {
            assertThatThrownBy(() -> parse(Fixtures.httpBody(f))).isInstanceOf(FeedParseException.class)
                    .hasMessageContaining("403").hasMessageContaining("Invalid api_key");
        }
    }

    @Test
    void hostileOrForeignDocumentsAreRefusedAsAWhole() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<service_requests><request><service_request_id>&x;</service_request_id></request></service_requests>";
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(FeedParseException.class);
        assertThatThrownBy(() -> parse("<rss><channel/></rss>")).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("<service_requests>");
        assertThatThrownBy(() -> parse("id,status\n1,open")).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("JSON").hasMessageContaining("XML");
        assertThatThrownBy(() -> parse("[{\"service_request_id\": 1,")).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("   ")).isInstanceOf(FeedParseException.class);
        assertThatThrownBy(() -> parse("{\"total\": 3}")).isInstanceOf(FeedParseException.class);
    }

    @Test
    void whatPeopleWriteAboutThemselvesIsNotKept() throws Exception {
        String doc = "[{\"service_request_id\":\"7\",\"status\":\"open\",\"service_name\":\"Graffiti\","
                + "\"requested_datetime\":\"2026-07-14T08:00:00Z\",\"lat\":43.3,\"long\":5.38,"
                + "\"email\":\"jane@example.org\",\"first_name\":\"Jane\",\"phone\":\"0612345678\","
                + "\"description\":\"Tag on the school wall, call me on 06 12 34 56 78 or jane.doe@example.org\"}]";
        Event e = parse(doc).events().get(0);
        assertThat(e.type()).isEqualTo(EventType.GRAFFITI);
        assertThat(e.toString()).doesNotContain("jane").doesNotContain("Jane").doesNotContain("12 34")
                .doesNotContain("0612345678");
        assertThat(e.attributes().findText("description")).contains(
                "Tag on the school wall, call me on [number removed] or [e-mail removed]");
    }

    @Test
    void aVigieReadsAnotherVigiesAnswer() throws Exception {
        var r = new ServiceRequest("K3X9", ServiceRequest.Status.OPEN, null, "Street light out", "streetlight_outage",
                "Dark corner", null, null, Instant.parse("2026-07-14T07:00:00Z"), Instant.parse("2026-07-14T07:00:00Z"),
                null, "Quai du Port", null, null, 43.2965, 5.3698, null);
        for (ResponseFormat f : ResponseFormat.values()) {
            FeedBatch b = parse(Open311Writer.requests(List.of(r), f));
            assertThat(b.events()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.STREETLIGHT_OUTAGE);
                assertThat(e.attributes().findText("description")).contains("Dark corner");
                assertThat(e.attributes().findText("address")).contains("Quai du Port");
            });
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BGE-StLight(s) Out|| streetlight_outage",
        "TRM-StLighting Inadequate/Too Bright|| streetlight_outage",
        "SW-Graffiti Removal Proactive|| graffiti",
        "HCD-Illegal Dumping|| waste",
        "SW-Municipal Trash Can Concern|| waste",
        "SW-Dirty Alley|| waste",
        "TRM-Pothole Repair|| road_hazard",
        "FOR-Fallen Limb|| road_hazard",
        "Sidewalk and Curb Issues|006| road_hazard",
        "Cans left out 24x7|001| waste",
        "TRT-Traffic Signal Repairs|| street_furniture_damage",
        "Dépôt sauvage|| waste",
        "Nid de poule|| road_hazard",
        "Éclairage public en panne|| streetlight_outage",
        "Tapage nocturne|| noise",
        "|noise| noise",
        "Something|flooding| flooding",
        "|gunshot| other",
        "TRS-Parking Complaint|| other",
        "HLTH-Animal Dead Animal Pickup|| other",
    })
    void servicesOfOtherCitiesMapToTypes(String name, String code, String type) {
        assertThat(ServiceTypes.defaults().typeOf(code, name).jsonName()).isEqualTo(type.trim());
    }

    @Test
    void leadingZeroNumbersAreQuotedOnlyOutsideStrings() {
        assertThat(Open311Reader.quoteLeadingZeroNumbers("{\"a\":006,\"b\":\"007\",\"c\":-01.5,\"d\":0,\"e\":10,\"f\":0.5}"))
                .isEqualTo("{\"a\":\"006\",\"b\":\"007\",\"c\":\"-01.5\",\"d\":0,\"e\":10,\"f\":0.5}");
        String valid = "[{\"x\":\"a\\\"006\",\"y\":[1,2.5e3,-0.1]}]";
        assertThat(Open311Reader.quoteLeadingZeroNumbers(valid)).isSameAs(valid);
    }

    static String requests(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    static String request(String id, String status, String requested, String updated, String lat, String lon) {
        return "{\"service_request_id\":\"" + id + "\",\"status\":\"" + status + "\",\"service_code\":\"graffiti\","
                + "\"service_name\":\"Graffiti\",\"requested_datetime\":\"" + requested + "\",\"updated_datetime\":"
                + (updated == null ? "null" : "\"" + updated + "\"") + ",\"lat\":" + (lat == null ? "null" : "\"" + lat + "\"")
                + ",\"long\":" + (lon == null ? "null" : "\"" + lon + "\"") + ",\"address\":\"Rue de la République\"}";
    }
}
