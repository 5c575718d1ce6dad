package org.vigie.feeds.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

class AlertWriterTest {
    /** The model's subCategory enumeration (dataModel.Alert, Alert/schema.json), copied so a change shows up here. */
    static final Set<String> MODEL_SUBCATEGORIES = Set.of("trafficJam", "carAccident", "carWrongDirection", "carStopped",
            "pothole", "roadClosed", "roadWorks", "hazardOnRoad", "injuredBiker", "pedestrianOnRoad", "bikerOnRoad",
            "tramApproaching", "crowdRisk", "flood", "tsunami", "coastalEvent", "earthquake", "rainfall",
            "highTemperature", "lowTemperature", "lowHumidity", "highHumidity", "highAtmosphericPressure",
            "losAtmosphericPressure", "heatWave", "coldWave", "ice", "snow", "wind", "fog", "tornado", "tropicalCyclone",
            "hurricane", "snow/ice", "badSeaState", "thunderstorms", "fireRisk", "avalancheRisk", "floodRisk",
            "airPollution", "waterPollution", "pollenConcentration", "asthmaAttack", "bumpedPatient", "fallenPatient",
            "heartAttack", "suspiciousAction", "robbery", "assault", "civilDisorder", "buildingFire", "forestFire",
            "noxiousWeed", "snail", "insect", "rodent", "bacteria", "microbe", "fungus", "mite", "virus", "nematodes",
            "irrigation", "fertilisation");

    static Incident incident(EventType type, Severity severity) {
        Instant t = Instant.parse("2026-07-14T21:30:00Z");
        Event e = Event.builder().occurredAt(t).receivedAt(t.plusSeconds(2)).source(SourceKind.ACOUSTIC_SENSOR, "ac-07")
                .type(type).location(43.3497, 5.4340, 25).confidence(0.82).severity(severity).build();
        return Incident.open(IncidentId.newId(), e);
    }

    @Test
    void everyEventTypeIsAModelSubCategoryOrANamedExtension() {
        for (EventType t : EventType.values()) {
            AlertCategory c = AlertCategory.of(t);
            assertThat(AlertCategory.CATEGORIES).as(t.jsonName()).contains(c.category());
            if (c.extension()) {
                assertThat(c.subCategory()).as(t.jsonName()).startsWith("vigie:").matches("vigie:[a-z][A-Za-z]*");
                assertThat(MODEL_SUBCATEGORIES).doesNotContain(c.subCategory().substring(6));
            } else {
                assertThat(MODEL_SUBCATEGORIES).as(t.jsonName()).contains(c.subCategory());
            }
        }
        assertThat(AlertCategory.of(EventType.ROAD_ACCIDENT)).isEqualTo(new AlertCategory("traffic", "carAccident", false));
        assertThat(AlertCategory.of(EventType.FLOODING).subCategory()).isEqualTo("flood");
        assertThat(AlertCategory.of(EventType.GUNSHOT).subCategory()).isEqualTo("vigie:gunshot");
        assertThat(AlertCategory.of(EventType.ABANDONED_OBJECT).subCategory()).isEqualTo("vigie:abandonedObject");
    }

    @Test
    void normalizedEntitiesTypeEveryAttribute() {
        Incident i = incident(EventType.FIRE, Severity.SEVERE);
        JsonNode n = AlertWriter.write(i, "3e arrondissement", AlertWriter.Representation.NORMALIZED, true);
        assertThat(n.path("id").asText()).isEqualTo("urn:ngsi-ld:Alert:" + i.id());
        assertThat(n.path("type").asText()).isEqualTo("Alert");
        assertThat(n.path("category").path("type").asText()).isEqualTo("Property");
        assertThat(n.path("category").path("value").asText()).isEqualTo("security");
        assertThat(n.path("subCategory").path("value").asText()).isEqualTo("buildingFire");
        assertThat(n.path("severity").path("value").asText()).isEqualTo("high");
        assertThat(n.path("location").path("type").asText()).isEqualTo("GeoProperty");
        assertThat(n.path("location").path("value").path("type").asText()).isEqualTo("Point");
        assertThat(n.path("location").path("value").path("coordinates").get(0).asDouble()).isEqualTo(5.4340);
        assertThat(n.path("location").path("value").path("coordinates").get(1).asDouble()).isEqualTo(43.3497);
        assertThat(n.path("dateIssued").path("value").path("@type").asText()).isEqualTo("DateTime");
        assertThat(n.path("dateIssued").path("value").path("@value").asText()).isEqualTo("2026-07-14T21:30:00Z");
        assertThat(n.path("validFrom").path("value").path("@value").asText()).isEqualTo("2026-07-14T21:30:00Z");
        assertThat(n.has("validTo")).as("an open incident has no end yet").isFalse();
        assertThat(n.path("alertSource").path("type").asText()).isEqualTo("Relationship");
        assertThat(n.path("alertSource").path("object").asText()).isEqualTo("urn:vigie:incident:" + i.id());
        assertThat(n.path("areaServed").path("value").asText()).isEqualTo("3e arrondissement");
        assertThat(n.path("vigie:eventType").path("value").asText()).isEqualTo("fire");
        assertThat(n.path("vigie:priority").path("value").asInt()).isEqualTo(i.priority());
        assertThat(n.path("@context").get(0).asText()).isEqualTo(AlertWriter.ALERT_CONTEXT);
        assertThat(n.path("@context").get(1).path("vigie").asText()).isEqualTo(AlertWriter.NAMESPACE);
        assertThat(n.path("@context").get(2).asText()).as("core context last").isEqualTo(AlertWriter.CORE_CONTEXT);
        assertThat(n.toString()).as("no source ids leave Vigie").doesNotContain("ac-07");
    }

    @Test
    void simplifiedEntitiesAreKeyValuesWithoutContextForPlainJson() {
        Incident i = incident(EventType.GUNSHOT, Severity.EXTREME);
        JsonNode n = AlertWriter.write(i, null, AlertWriter.Representation.SIMPLIFIED, false);
        assertThat(n.path("category").asText()).isEqualTo("security");
        assertThat(n.path("subCategory").asText()).isEqualTo("vigie:gunshot");
        assertThat(n.path("severity").asText()).isEqualTo("critical");
        assertThat(n.path("location").path("type").asText()).isEqualTo("Point");
        assertThat(n.path("dateIssued").asText()).isEqualTo("2026-07-14T21:30:00Z");
        assertThat(n.path("alertSource").asText()).startsWith("urn:vigie:incident:");
        assertThat(n.has("@context")).isFalse();
        assertThat(n.has("areaServed")).isFalse();
    }

    @Test
    void entityIdsRoundTripAndForeignIdsAreNotOurs() {
        IncidentId id = IncidentId.newId();
        assertThat(AlertWriter.incidentId(AlertWriter.entityId(id))).contains(id);
        assertThat(AlertWriter.incidentId("urn:ngsi-ld:Alert:not-a-uuid")).isEmpty();
        assertThat(AlertWriter.incidentId("urn:ngsi-ld:Vehicle:" + id)).isEmpty();
        assertThat(AlertWriter.incidentId(null)).isEmpty();
    }

    @Test
    void severitiesMapInOrder() {
        assertThat(Set.of(Severity.values()).stream().map(AlertWriter::severity).toList())
                .containsExactlyInAnyOrder("informational", "low", "medium", "high", "critical");
    }
}
