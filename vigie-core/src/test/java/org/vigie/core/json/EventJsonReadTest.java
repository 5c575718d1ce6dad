package org.vigie.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventRules;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.FieldError;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

/**
 * One test per rule of an event record read from JSON. Each test breaks one rule of an otherwise valid record
 * and checks that the reader names exactly that field, so a rule that stops being checked, or a check that
 * blames the wrong field, fails here.
 */
class EventJsonReadTest {
    static final Instant RECEIVED = Instant.parse("2026-07-14T21:30:00Z");
    static final String ID = "01908f6e-8f3a-7c21-9d4e-2b7f1a3c5d6e";
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static ObjectNode valid() {
        try {
            return (ObjectNode) Json.MAPPER.readTree("""
                    {"id": "%s",
                     "occurredAt": "2026-07-14T21:29:30Z",
                     "source": {"kind": "acoustic_sensor", "id": "mic-0007"},
                     "type": "gunshot",
                     "location": {"lat": 43.2951, "lon": 5.3740, "accuracyMeters": 25},
                     "confidence": 0.8,
                     "severity": "extreme",
                     "attributes": {"count": 3, "zone": "quai-3", "indoor": false, "peak_db": 121.5},
                     "evidence": [{"kind": "audio", "uri": "evidence://audio/1.wav", "sha256": "%s"}]}
                    """.formatted(ID, SHA));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static EventReadResult read(JsonNode node) {
        return EventJson.read(node, RECEIVED);
    }

    static List<FieldError> errors(JsonNode node) {
        EventReadResult r = read(node);
        assertThat(r).as("record %s", node).isInstanceOf(EventReadResult.Invalid.class);
        return ((EventReadResult.Invalid) r).errors();
    }

    /** The record is refused and the only field blamed is {@code field}. */
    static FieldError onlyError(JsonNode node, String field) {
        List<FieldError> errors = errors(node);
        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        assertThat(errors.get(0).message()).isNotBlank();
        return errors.get(0);
    }

    static Event event(JsonNode node) {
        EventReadResult r = read(node);
        assertThat(r).as("record %s", node).isInstanceOf(EventReadResult.Valid.class);
        return ((EventReadResult.Valid) r).event();
    }

    static ObjectNode location(ObjectNode n) {
        return (ObjectNode) n.get("location");
    }

    @Test
    void readsEveryFieldOfAValidRecord() {
        Event e = event(valid());
        assertThat(e.id().toString()).isEqualTo(ID);
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-07-14T21:29:30Z"));
        assertThat(e.receivedAt()).isEqualTo(RECEIVED);
        assertThat(e.source().kind()).isEqualTo(SourceKind.ACOUSTIC_SENSOR);
        assertThat(e.source().id()).isEqualTo("mic-0007");
        assertThat(e.type()).isEqualTo(EventType.GUNSHOT);
        assertThat(e.location().lat()).isEqualTo(43.2951);
        assertThat(e.location().lon()).isEqualTo(5.3740);
        assertThat(e.location().accuracyMeters()).isEqualTo(25);
        assertThat(e.confidence()).isEqualTo(0.8);
        assertThat(e.severity()).isEqualTo(Severity.EXTREME);
        assertThat(e.attributes().findNumber("count")).contains(3.0);
        assertThat(e.attributes().asMap().get("count")).isEqualTo(3L);
        assertThat(e.attributes().findText("zone")).contains("quai-3");
        assertThat(e.attributes().findFlag("indoor")).contains(false);
        assertThat(e.attributes().findNumber("peak_db")).contains(121.5);
        assertThat(e.evidence()).containsExactly(new EvidenceRef(EvidenceRef.Kind.AUDIO, "evidence://audio/1.wav", SHA));
    }

    @Test
    void notAnObjectIsRefused() {
        assertThat(errors(Json.MAPPER.getNodeFactory().arrayNode())).extracting(FieldError::field).containsExactly("");
        assertThat(errors(null)).hasSize(1);
    }

    @Nested
    class Location {
        @ParameterizedTest
        @ValueSource(doubles = {90.000001, -90.5, 91, 180, 1e300})
        void latitudeOutOfRange(double lat) {
            ObjectNode n = valid();
            location(n).put("lat", lat);
            assertThat(onlyError(n, "location.lat").message()).contains("between -90 and 90");
        }

        @ParameterizedTest
        @ValueSource(doubles = {180.000001, -181, 360})
        void longitudeOutOfRange(double lon) {
            ObjectNode n = valid();
            location(n).put("lon", lon);
            assertThat(onlyError(n, "location.lon").message()).contains("between -180 and 180");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.5, 100_000.5, 1e9})
        void accuracyOutOfRange(double accuracy) {
            ObjectNode n = valid();
            location(n).put("accuracyMeters", accuracy);
            onlyError(n, "location.accuracyMeters");
        }

        @Test
        void limitsAreAccepted() {
            ObjectNode n = valid();
            location(n).put("lat", -90).put("lon", 180).put("accuracyMeters", 100_000);
            assertThat(event(n).location().lat()).isEqualTo(-90);
            location(n).put("lat", 90).put("lon", -180).put("accuracyMeters", 0);
            assertThat(event(n).location().lon()).isEqualTo(-180);
        }

        @Test
        void accuracyIsOptional() {
            ObjectNode n = valid();
            location(n).remove("accuracyMeters");
            assertThat(event(n).location().accuracyMeters()).isZero();
        }

        @Test
        void coordinateOfTheWrongJsonTypeIsNamed() {
            ObjectNode n = valid();
            location(n).put("lat", "43.29");
            assertThat(onlyError(n, "location.lat").message()).contains("must be a number");
        }

        @Test
        void outOfRangeValueIsNamedEvenWhenItsSiblingIsMissing() {
            ObjectNode n = valid();
            location(n).put("lat", 123).remove("lon");
            location(n).put("accuracyMeters", -1);
            assertThat(errors(n)).extracting(FieldError::field)
                    .containsExactlyInAnyOrder("location.lat", "location.lon", "location.accuracyMeters");
        }
    }

    @Nested
    class Times {
        @Test
        void occurredMoreThanFiveMinutesAfterReceiptIsRefused() {
            ObjectNode n = valid();
            n.put("occurredAt", RECEIVED.plus(EventRules.MAX_CLOCK_SKEW).plusSeconds(1).toString());
            assertThat(onlyError(n, "occurredAt").message()).contains("in the future");
        }

        @Test
        void oneMillisecondPastTheLimitIsRefused() {
            ObjectNode n = valid();
            n.put("occurredAt", RECEIVED.plus(EventRules.MAX_CLOCK_SKEW).plusMillis(1).toString());
            onlyError(n, "occurredAt");
        }

        @Test
        void exactlyAtTheLimitIsAccepted() {
            ObjectNode n = valid();
            Instant limit = RECEIVED.plus(Duration.ofMinutes(5));
            n.put("occurredAt", limit.toString());
            assertThat(event(n).occurredAt()).isEqualTo(limit);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-07-14 21:30:00Z", "2026-07-14T21:30:00", "14/07/2026 21:30", "2026-13-14T21:30:00Z", ""})
        void malformedTimestampIsRefused(String text) {
            ObjectNode n = valid();
            n.put("occurredAt", text);
            assertThat(onlyError(n, "occurredAt").message()).contains("ISO-8601");
        }

        @Test
        void timestampThatIsNotAStringIsRefused() {
            ObjectNode n = valid();
            n.put("occurredAt", 1_784_057_400L);
            onlyError(n, "occurredAt");
        }

        @Test
        void offsetIsConvertedToUtc() {
            ObjectNode n = valid();
            n.put("occurredAt", "2026-07-14T23:29:30+02:00");
            assertThat(event(n).occurredAt()).isEqualTo(Instant.parse("2026-07-14T21:29:30Z"));
        }

        @Test
        void receivedAtInTheRecordIsIgnoredInFavourOfTheReceiver() {
            ObjectNode n = valid();
            n.put("receivedAt", "2020-01-01T00:00:00Z");
            assertThat(event(n).receivedAt()).isEqualTo(RECEIVED);
        }
    }

    @Nested
    class Confidence {
        @ParameterizedTest
        @ValueSource(doubles = {-0.01, -1, -1e-9})
        void belowZeroIsRefused(double c) {
            ObjectNode n = valid();
            n.put("confidence", c);
            assertThat(onlyError(n, "confidence").message()).contains("between 0 and 1");
        }

        @ParameterizedTest
        @ValueSource(doubles = {1.01, 1.000001, 100})
        void aboveOneIsRefused(double c) {
            ObjectNode n = valid();
            n.put("confidence", c);
            onlyError(n, "confidence");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, 1})
        void boundsAreAccepted(double c) {
            ObjectNode n = valid();
            n.put("confidence", c);
            assertThat(event(n).confidence()).isEqualTo(c);
        }

        @Test
        void textIsRefused() {
            ObjectNode n = valid();
            n.put("confidence", "high");
            onlyError(n, "confidence");
        }
    }

    @Nested
    class Taxonomy {
        @ParameterizedTest
        @ValueSource(strings = {"gunfire", "GUNSHOT", "Gunshot", ""})
        void unknownTypeIsRefused(String type) {
            ObjectNode n = valid();
            n.put("type", type);
            assertThat(onlyError(n, "type").message()).contains("unknown event type");
        }

        @Test
        void typeThatIsNotAStringIsRefused() {
            ObjectNode n = valid();
            n.put("type", 3);
            onlyError(n, "type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"drone", "CAMERA", "person"})
        void unknownSourceKindIsRefused(String kind) {
            ObjectNode n = valid();
            ((ObjectNode) n.get("source")).put("kind", kind);
            assertThat(onlyError(n, "source.kind").message()).contains("camera");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void blankSourceIdIsRefused(String id) {
            ObjectNode n = valid();
            ((ObjectNode) n.get("source")).put("id", id);
            onlyError(n, "source.id");
        }

        @Test
        void overlongSourceIdIsRefused() {
            ObjectNode n = valid();
            ((ObjectNode) n.get("source")).put("id", "x".repeat(129));
            onlyError(n, "source.id");
        }

        @Test
        void sourceThatIsNotAnObjectIsRefused() {
            ObjectNode n = valid();
            n.put("source", "camera/cam-1");
            onlyError(n, "source");
        }

        @Test
        void unknownSeverityIsRefused() {
            ObjectNode n = valid();
            n.put("severity", "catastrophic");
            onlyError(n, "severity");
        }

        @Test
        void missingSeverityIsTheDefaultOfTheType() {
            ObjectNode n = valid();
            n.remove("severity");
            n.put("type", "graffiti");
            assertThat(event(n).severity()).isEqualTo(EventType.GRAFFITI.defaultSeverity()).isEqualTo(Severity.MINOR);
        }
    }

    @Nested
    class RequiredAndUnknownFields {
        @ParameterizedTest
        @ValueSource(strings = {"occurredAt", "source", "type", "location", "confidence"})
        void missingRequiredFieldIsNamed(String field) {
            ObjectNode n = valid();
            n.remove(field);
            assertThat(onlyError(n, field).message()).contains("required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"occurredAt", "source", "type", "location", "confidence"})
        void nullRequiredFieldIsNamed(String field) {
            ObjectNode n = valid();
            n.putNull(field);
            onlyError(n, field);
        }

        @ParameterizedTest
        @ValueSource(strings = {"lat", "lon"})
        void missingCoordinateIsNamed(String field) {
            ObjectNode n = valid();
            location(n).remove(field);
            onlyError(n, "location." + field);
        }

        @Test
        void missingSourceKindIsNamed() {
            ObjectNode n = valid();
            ((ObjectNode) n.get("source")).remove("kind");
            onlyError(n, "source.kind");
        }

        @Test
        void emptyObjectNamesEveryRequiredField() {
            assertThat(errors(Json.MAPPER.createObjectNode())).extracting(FieldError::field)
                    .containsExactlyInAnyOrder("occurredAt", "source", "type", "location", "confidence");
        }

        @Test
        void unknownFieldIsRefused() {
            ObjectNode n = valid();
            n.put("colour", "red");
            assertThat(onlyError(n, "colour").message()).contains("unknown field");
        }

        @Test
        void everyUnknownFieldIsNamed() {
            // Strict fields also mean nothing about a person can ride along in an event unnoticed: refused.
            ObjectNode n = valid();
            n.put("author", "someone").put("nickname", "...");
            assertThat(errors(n)).extracting(FieldError::field).containsExactlyInAnyOrder("author", "nickname");
        }

        @Test
        void capCategoryThatWriteAddsIsAccepted() {
            ObjectNode n = valid();
            n.put("capCategory", "Security");
            assertThat(event(n).type()).isEqualTo(EventType.GUNSHOT);
        }
    }

    @Nested
    class Id {
        @ParameterizedTest
        @ValueSource(strings = {"not-a-uuid", "01908f6e-8f3a-7c21-9d4e-2b7f1a3c5d6e-00", "01908f6e8f3a7c219d4e2b7f1a3c5d6e", ""})
        void badIdIsRefused(String id) {
            ObjectNode n = valid();
            n.put("id", id);
            assertThat(onlyError(n, "id").message()).contains("UUID");
        }

        @Test
        void idThatIsNotAStringIsRefused() {
            ObjectNode n = valid();
            n.put("id", 42);
            onlyError(n, "id");
        }

        @Test
        void missingIdIsGeneratedAsUuid7() {
            ObjectNode n = valid();
            n.remove("id");
            Event e = event(n);
            assertThat(e.id().value().version()).isEqualTo(7);
        }
    }

    @Nested
    class Attributes {
        @Test
        void nestedObjectIsRefused() {
            ObjectNode n = valid();
            ((ObjectNode) n.get("attributes")).putObject("person").put("name", "x");
            assertThat(onlyError(n, "attributes.person").message()).contains("string, a number or a boolean");
        }

        @Test
        void arrayIsRefused() {
            ObjectNode n = valid();
            ((ObjectNode) n.get("attributes")).putArray("list").add(1);
            onlyError(n, "attributes.list");
        }

        @Test
        void nullValueIsRefused() {
            ObjectNode n = valid();
            ((ObjectNode) n.get("attributes")).putNull("nothing");
            onlyError(n, "attributes.nothing");
        }

        @Test
        void attributesThatAreNotAnObjectAreRefused() {
            ObjectNode n = valid();
            n.put("attributes", "count=3");
            onlyError(n, "attributes");
        }

        @Test
        void tooManyEntriesAreRefused() {
            ObjectNode n = valid();
            ObjectNode a = n.putObject("attributes");
            for (int i = 0; i <= org.vigie.core.model.Attributes.MAX_ENTRIES; i++) {
                a.put("k" + i, i);
            }
            assertThat(onlyError(n, "attributes").message()).contains("at most 32");
        }

        @Test
        void exactlyTheMaximumIsAccepted() {
            ObjectNode n = valid();
            ObjectNode a = n.putObject("attributes");
            for (int i = 0; i < org.vigie.core.model.Attributes.MAX_ENTRIES; i++) {
                a.put("k" + i, i);
            }
            assertThat(event(n).attributes().asMap()).hasSize(32);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Zone", "1st", "with-dash", "_x", "é", ""})
        void badKeyIsRefused(String key) {
            ObjectNode n = valid();
            ((ObjectNode) n.get("attributes")).put(key, 1);
            assertThat(onlyError(n, "attributes." + key).message()).contains("key must match");
        }

        @Test
        void overlongKeyIsRefused() {
            ObjectNode n = valid();
            String key = "k" + "x".repeat(64);
            ((ObjectNode) n.get("attributes")).put(key, 1);
            onlyError(n, "attributes." + key);
        }

        @Test
        void overlongTextIsRefused() {
            ObjectNode n = valid();
            ((ObjectNode) n.get("attributes")).put("note", "x".repeat(1025));
            onlyError(n, "attributes.note");
        }
    }

    @Nested
    class Evidence {
        ObjectNode firstRef(ObjectNode n) {
            return (ObjectNode) n.get("evidence").get(0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"photo", "SNAPSHOT", ""})
        void badKindIsRefused(String kind) {
            ObjectNode n = valid();
            firstRef(n).put("kind", kind);
            assertThat(onlyError(n, "evidence[0].kind").message()).contains("snapshot");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
            "9f86d081884c7d659a2feaa0c55ad015",
            "zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0800"})
        void badSha256IsRefused(String sha) {
            ObjectNode n = valid();
            firstRef(n).put("sha256", sha);
            assertThat(onlyError(n, "evidence[0].sha256").message()).contains("64 lowercase hex");
        }

        @Test
        void sha256ThatIsNotAStringIsRefused() {
            ObjectNode n = valid();
            firstRef(n).put("sha256", 12345);
            onlyError(n, "evidence[0].sha256");
        }

        @Test
        void sha256IsOptional() {
            ObjectNode n = valid();
            firstRef(n).remove("sha256");
            assertThat(event(n).evidence().get(0).sha256()).isNull();
        }

        @Test
        void missingUriIsRefused() {
            ObjectNode n = valid();
            firstRef(n).remove("uri");
            onlyError(n, "evidence[0].uri");
        }

        @Test
        void errorsNameTheIndexOfTheReference() {
            ObjectNode n = valid();
            ((ArrayNode) n.get("evidence")).addObject().put("kind", "clip").put("uri", "evidence://c/2.mp4");
            ((ArrayNode) n.get("evidence")).addObject().put("kind", "film").put("uri", "evidence://c/3.mp4");
            onlyError(n, "evidence[2].kind");
        }

        @Test
        void tooManyReferencesAreRefused() {
            ObjectNode n = valid();
            ArrayNode refs = n.putArray("evidence");
            for (int i = 0; i <= Event.MAX_EVIDENCE; i++) {
                refs.addObject().put("kind", "snapshot").put("uri", "evidence://s/" + i + ".jpg");
            }
            onlyError(n, "evidence");
        }

        @Test
        void evidenceThatIsNotAnArrayIsRefused() {
            ObjectNode n = valid();
            n.putObject("evidence").put("kind", "clip");
            onlyError(n, "evidence");
        }
    }

    @Test
    void recordWithManyWrongFieldsNamesEveryOne() {
        ObjectNode n = valid();
        n.put("id", "nope");
        n.put("occurredAt", RECEIVED.plus(Duration.ofHours(1)).toString());
        n.putObject("source").put("kind", "drone").put("id", "");
        n.put("type", "alien_landing");
        n.putObject("location").put("lat", 95).put("accuracyMeters", -3);
        n.put("confidence", 1.5);
        n.put("severity", "apocalyptic");
        n.putObject("attributes").put("Bad Key", 1).put("ok", 2).putObject("deep");
        ArrayNode ev = n.putArray("evidence");
        ev.addObject().put("kind", "photo").put("uri", "evidence://x").put("sha256", "abc");
        n.put("author", "someone");

        assertThat(errors(n)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "author", "id", "occurredAt", "source.kind", "source.id", "type", "location.lat", "location.lon",
                "location.accuracyMeters", "confidence", "severity", "attributes.Bad Key", "attributes.deep",
                "evidence[0].kind", "evidence[0].sha256");
    }

    @Test
    void malformedTimestampAndOutOfRangeValuesAreReportedTogether() {
        ObjectNode n = valid();
        n.put("occurredAt", "yesterday");
        location(n).put("lon", 200);
        n.put("confidence", -1);
        assertThat(errors(n)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("occurredAt", "location.lon", "confidence");
    }
}
