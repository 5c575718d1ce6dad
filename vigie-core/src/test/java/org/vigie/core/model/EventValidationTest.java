package org.vigie.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same rules as {@code EventJsonReadTest}, enforced by the constructors that code (detectors) calls. */
class EventValidationTest {
    static final Instant RECEIVED = Instant.parse("2026-07-14T21:30:00Z");
    static final Source SOURCE = new Source(SourceKind.CAMERA, "cam-0142");
    static final Location HERE = Location.of(43.2951, 5.3740, 10);

    static Event event(Instant occurredAt, double confidence) {
        return new Event(EventId.newId(), occurredAt, RECEIVED, SOURCE, EventType.ABANDONED_OBJECT, HERE, confidence,
                Severity.SEVERE, Attributes.EMPTY, List.of());
    }

    static List<String> fields(InvalidEventException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @ParameterizedTest
    @ValueSource(doubles = {90.0001, -91, Double.NaN, Double.POSITIVE_INFINITY})
    void latitudeOutOfRange(double lat) {
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> Location.of(lat, 5.37, 10))
                .satisfies(e -> assertThat(fields(e)).containsExactly("location.lat"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {180.0001, -181, Double.NaN})
    void longitudeOutOfRange(double lon) {
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> Location.of(43.29, lon, 10))
                .satisfies(e -> assertThat(fields(e)).containsExactly("location.lon"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 100_001, Double.NaN})
    void accuracyOutOfRange(double accuracy) {
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> Location.of(43.29, 5.37, accuracy))
                .satisfies(e -> assertThat(fields(e)).containsExactly("location.accuracyMeters"));
    }

    @Test
    void everyWrongCoordinateIsNamed() {
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> Location.of(100, 200, -1))
                .satisfies(e -> assertThat(fields(e))
                        .containsExactly("location.lat", "location.lon", "location.accuracyMeters"));
    }

    @Test
    void locationLimitsAreAcceptedAndCarryTheirCell() {
        Location l = Location.of(-90, 180, Location.MAX_ACCURACY_METERS);
        assertThat(l.accuracyMeters()).isEqualTo(100_000);
        assertThat(HERE.cell()).isEqualTo(org.vigie.core.geo.Cells.cell(43.2951, 5.3740, 9));
    }

    @Test
    void negativeZeroIsTheSameLocationAsZero() {
        Location a = Location.of(-0.0, -0.0, 0);
        Location b = Location.of(0.0, 0.0, 0);
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void occurredMoreThanFiveMinutesAfterReceiptIsRefused() {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> event(RECEIVED.plus(EventRules.MAX_CLOCK_SKEW).plusNanos(1), 0.5))
                .satisfies(e -> assertThat(fields(e)).containsExactly("occurredAt"));
    }

    @Test
    void occurredExactlyAtTheClockSkewLimitIsAccepted() {
        assertThat(event(RECEIVED.plus(Duration.ofMinutes(5)), 0.5).occurredAt()).isEqualTo(RECEIVED.plusSeconds(300));
    }

    @Test
    void occurredLongBeforeReceiptIsAccepted() {
        assertThat(event(RECEIVED.minus(Duration.ofDays(2)), 0.5).occurredAt()).isBefore(RECEIVED);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, -1, Double.NEGATIVE_INFINITY})
    void confidenceBelowZeroIsRefused(double c) {
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> event(RECEIVED, c))
                .satisfies(e -> assertThat(fields(e)).containsExactly("confidence"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.001, 2, Double.NaN})
    void confidenceAboveOneOrNotANumberIsRefused(double c) {
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> event(RECEIVED, c))
                .satisfies(e -> assertThat(fields(e)).containsExactly("confidence"));
    }

    @Test
    void everyBrokenRuleOfTheConstructorIsNamed() {
        var tooMany = new ArrayList<EvidenceRef>();
        for (int i = 0; i <= Event.MAX_EVIDENCE; i++) {
            tooMany.add(new EvidenceRef(EvidenceRef.Kind.SNAPSHOT, "evidence://s/" + i, null));
        }
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> new Event(EventId.newId(), RECEIVED.plus(Duration.ofHours(1)), RECEIVED, SOURCE,
                        EventType.FIRE, HERE, 7, Severity.SEVERE, null, tooMany))
                .satisfies(e -> assertThat(fields(e)).containsExactlyInAnyOrder("confidence", "occurredAt", "evidence"))
                .withMessageContaining("confidence").withMessageContaining("occurredAt");
    }

    @Test
    void unknownTypeIsRefusedNamingTheAcceptedValues() {
        assertThat(EventType.fromJson("gunfire")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> EventType.getByJsonName("gunfire"))
                .withMessageContaining("gunfire").withMessageContaining("gunshot");
        assertThat(EventType.getByJsonName("person_down")).isEqualTo(EventType.PERSON_DOWN);
    }

    @Test
    void everyTypeHasAUniqueSnakeCaseNameThatRoundTrips() {
        for (EventType t : EventType.values()) {
            assertThat(t.jsonName()).matches("[a-z][a-z_]*");
            assertThat(EventType.fromJson(t.jsonName())).contains(t);
            assertThat(t.capCategory()).isNotNull();
        }
    }

    @Test
    void unknownSourceKindIsRefused() {
        assertThat(SourceKind.fromJson("drone")).isEmpty();
        assertThat(SourceKind.fromJson("CAMERA")).isEmpty();
        assertThat(SourceKind.fromJson("acoustic_sensor")).contains(SourceKind.ACOUSTIC_SENSOR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129})
    void sourceIdOfBadLengthIsRefused(int length) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Source(SourceKind.CAMERA, "x".repeat(length)));
    }

    @Test
    void blankSourceIdIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Source(SourceKind.CAMERA, "  "));
        assertThat(new Source(SourceKind.CAMERA, "cam-1")).hasToString("camera/cam-1");
    }

    @Test
    void missingRequiredFieldsAreRefusedByName() {
        EventId id = EventId.newId();
        assertThatNullPointerException().isThrownBy(() -> new Event(null, RECEIVED, RECEIVED, SOURCE,
                EventType.FIRE, HERE, 1, Severity.SEVERE, null, null)).withMessage("id");
        assertThatNullPointerException().isThrownBy(() -> new Event(id, null, RECEIVED, SOURCE,
                EventType.FIRE, HERE, 1, Severity.SEVERE, null, null)).withMessage("occurredAt");
        assertThatNullPointerException().isThrownBy(() -> new Event(id, RECEIVED, null, SOURCE,
                EventType.FIRE, HERE, 1, Severity.SEVERE, null, null)).withMessage("receivedAt");
        assertThatNullPointerException().isThrownBy(() -> new Event(id, RECEIVED, RECEIVED, null,
                EventType.FIRE, HERE, 1, Severity.SEVERE, null, null)).withMessage("source");
        assertThatNullPointerException().isThrownBy(() -> new Event(id, RECEIVED, RECEIVED, SOURCE,
                null, HERE, 1, Severity.SEVERE, null, null)).withMessage("type");
        assertThatNullPointerException().isThrownBy(() -> new Event(id, RECEIVED, RECEIVED, SOURCE,
                EventType.FIRE, null, 1, Severity.SEVERE, null, null)).withMessage("location");
        assertThatNullPointerException().isThrownBy(() -> new Event(id, RECEIVED, RECEIVED, SOURCE,
                EventType.FIRE, HERE, 1, null, null, null)).withMessage("severity");
    }

    @Test
    void optionalFieldsDefaultToEmpty() {
        Event e = new Event(EventId.newId(), RECEIVED, RECEIVED, SOURCE, EventType.FIRE, HERE, 1, Severity.SEVERE,
                null, null);
        assertThat(e.attributes()).isSameAs(Attributes.EMPTY);
        assertThat(e.evidence()).isEmpty();
    }

    @Test
    void evidenceListIsCopied() {
        var refs = new ArrayList<EvidenceRef>(List.of(new EvidenceRef(EvidenceRef.Kind.CLIP, "evidence://c/1", null)));
        Event e = new Event(EventId.newId(), RECEIVED, RECEIVED, SOURCE, EventType.FIRE, HERE, 1, Severity.SEVERE,
                null, refs);
        refs.clear();
        assertThat(e.evidence()).hasSize(1);
    }

    @Test
    void builderDefaultsToANewIdTheTypeSeverityAndReceiptTime() {
        Event e = Event.builder().type(EventType.GRAFFITI).source(SourceKind.CITIZEN, "open311")
                .location(43.3, 5.4, 50).receivedAt(RECEIVED).build();
        assertThat(e.id().value().version()).isEqualTo(7);
        assertThat(e.severity()).isEqualTo(Severity.MINOR);
        assertThat(e.occurredAt()).isEqualTo(RECEIVED);
        assertThat(e.confidence()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "", "01908f6e-8f3a-7c21-9d4e-2b7f1a3c5d6e-1"})
    void badIdIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> EventId.parse(text));
    }

    @Test
    void nullIdIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> new EventId(null));
        assertThatNullPointerException().isThrownBy(() -> new IncidentId(null));
    }

    @Test
    void attributeOfAWrongTypeIsRefused() {
        Map<String, Object> map = new HashMap<>();
        map.put("person", Map.of("name", "x"));
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> Attributes.of(map))
                .satisfies(e -> assertThat(fields(e)).containsExactly("attributes.person"));
        assertThat(Attributes.problem("when", java.time.Instant.EPOCH)).contains("string, a number or a boolean");
        assertThat(Attributes.problem("none", null)).isNotNull();
        assertThat(Attributes.problem("big", new java.math.BigDecimal("1.5"))).isNotNull();
    }

    @Test
    void nonFiniteNumberIsRefused() {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> Attributes.builder().put("ratio", Double.NaN).build())
                .satisfies(e -> assertThat(fields(e)).containsExactly("attributes.ratio"));
        assertThat(Attributes.problem("f", Float.POSITIVE_INFINITY)).contains("finite");
    }

    @Test
    void tooManyAttributesAreRefused() {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i <= Attributes.MAX_ENTRIES; i++) {
            map.put("k" + i, i);
        }
        assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> Attributes.of(map))
                .satisfies(e -> assertThat(fields(e)).containsExactly("attributes"));
        map.remove("k0");
        assertThat(Attributes.of(map).asMap()).hasSize(Attributes.MAX_ENTRIES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zone", "9lives", "with-dash", "with space", ""})
    void badAttributeKeyIsRefused(String key) {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> Attributes.builder().put(key, 1).build())
                .satisfies(e -> assertThat(fields(e)).containsExactly("attributes." + key));
    }

    @Test
    void overlongAttributeTextIsRefused() {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> Attributes.builder().put("note", "x".repeat(Attributes.MAX_TEXT_LENGTH + 1)).build());
        assertThat(Attributes.builder().put("note", "x".repeat(Attributes.MAX_TEXT_LENGTH)).build().findText("note"))
                .hasValueSatisfying(s -> assertThat(s).hasSize(1024));
    }

    @Test
    void attributeNumbersAreWidenedToLongAndDouble() {
        Attributes a = Attributes.of(Map.of("n", 3, "f", 1.5f, "flag", true));
        assertThat(a.asMap().get("n")).isEqualTo(3L);
        assertThat(a.asMap().get("f")).isEqualTo(1.5d);
        assertThat(a.findFlag("flag")).contains(true);
        assertThat(a.findText("n")).isEmpty();
        assertThat(Attributes.of(Map.of())).isSameAs(Attributes.EMPTY);
    }

    @Test
    void evidenceWithoutKindOrUriIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> new EvidenceRef(null, "evidence://x", null));
        assertThatNullPointerException().isThrownBy(() -> new EvidenceRef(EvidenceRef.Kind.CLIP, null, null));
        assertThat(EvidenceRef.Kind.fromJson("photo")).isEmpty();
        assertThat(EvidenceRef.Kind.fromJson("record")).contains(EvidenceRef.Kind.RECORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", "abc", ""})
    void evidenceWithABadSha256IsRefused(String sha) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EvidenceRef(EvidenceRef.Kind.SNAPSHOT, "evidence://s/1.jpg", sha))
                .withMessageContaining("sha256");
    }

    @Test
    void severityOrderAndWeights() {
        assertThat(Severity.max(Severity.MODERATE, Severity.EXTREME)).isEqualTo(Severity.EXTREME);
        assertThat(Severity.max(Severity.SEVERE, Severity.MINOR)).isEqualTo(Severity.SEVERE);
        assertThat(Severity.fromJson("extreme")).contains(Severity.EXTREME);
        assertThat(Severity.fromJson("Extreme")).isEmpty();
    }
}
