package org.vigie.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.geo.Cells;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

class EventJsonRoundTripTest {
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Event full() {
        return Event.builder()
                .occurredAt(Instant.parse("2026-07-14T21:29:58.123456789Z"))
                .receivedAt(Instant.parse("2026-07-14T21:30:00.5Z"))
                .source(SourceKind.ACOUSTIC_SENSOR, "mic-0007")
                .type(EventType.EXPLOSION)
                .location(43.29512345678, 5.37401234567, 12.5)
                .confidence(0.873)
                .severity(Severity.SEVERE)
                .attributes(Attributes.builder().put("count", 3).put("zone", "quai-3").put("indoor", false)
                        .put("peak_db", 121.5).put("ratio", 2.0).put("big", Long.MAX_VALUE).build())
                .evidence(List.of(new EvidenceRef(EvidenceRef.Kind.AUDIO, "evidence://audio/1.wav", SHA),
                        new EvidenceRef(EvidenceRef.Kind.SNAPSHOT, "evidence://img/2.jpg", null)))
                .build();
    }

    @Test
    void writeThenReadGivesAnEqualEvent() {
        Event e = full();
        var r = EventJson.read(EventJson.write(e), e.receivedAt());
        assertThat(r).isEqualTo(new EventReadResult.Valid(e));
    }

    @Test
    void throughTextEveryFieldButReceivedAtSurvives() throws Exception {
        Event e = full();
        String text = Json.MAPPER.writeValueAsString(EventJson.write(e));
        Instant later = e.receivedAt().plusSeconds(60);
        var r = EventJson.read(Json.MAPPER.readTree(text), later);
        assertThat(r).isInstanceOf(EventReadResult.Valid.class);
        Event back = ((EventReadResult.Valid) r).event();
        assertThat(back.receivedAt()).isEqualTo(later);
        assertThat(new Event(back.id(), back.occurredAt(), e.receivedAt(), back.source(), back.type(), back.location(),
                back.confidence(), back.severity(), back.attributes(), back.evidence())).isEqualTo(e);
        assertThat(back.attributes().asMap().get("ratio")).isInstanceOf(Double.class);
        assertThat(back.attributes().asMap().get("big")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void minimalEventRoundTrips() {
        Event e = Fixtures.event(EventType.NOISE, Fixtures.T0, Fixtures.LAT, Fixtures.LON);
        var r = EventJson.read(EventJson.write(e), e.receivedAt());
        assertThat(r).isEqualTo(new EventReadResult.Valid(e));
    }

    @Test
    void writeAddsCapCategoryAndTheH3CellOfTheLocation() {
        Event e = full();
        ObjectNode n = EventJson.write(e);
        assertThat(n.get("capCategory").asText()).isEqualTo("Security");
        assertThat(Cells.fromText(n.get("location").get("h3").asText())).isEqualTo(e.location().cell());
        assertThat(n.get("type").asText()).isEqualTo("explosion");
        assertThat(n.get("source").get("kind").asText()).isEqualTo("acoustic_sensor");
        assertThat(n.get("evidence").get(1).has("sha256")).isFalse();
    }

    @Test
    void incidentJsonCarriesTheFieldsTheConsoleShows() {
        Event e = full();
        Incident i = Incident.open(IncidentId.newId(), e);
        JsonNode n = IncidentJson.write(i);
        assertThat(n.get("id").asText()).isEqualTo(i.id().toString());
        assertThat(n.get("status").asText()).isEqualTo("new");
        assertThat(n.get("eventCount").asInt()).isEqualTo(1);
        assertThat(n.get("eventIds").get(0).asText()).isEqualTo(e.id().toString());
        assertThat(n.get("sources").get("acoustic_sensor/mic-0007").asDouble()).isEqualTo(0.873);
        assertThat(n.get("verdict").isNull()).isTrue();
        assertThat(n.get("version").asLong()).isEqualTo(1);
    }
}
