package org.vigie.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.json.IncidentJson;
import org.vigie.core.json.Json;

/** Merging and splitting incidents: the same place, span, sources and counts as if the events had joined. */
class IncidentRegroupingTest {
    static final Instant T0 = Fixtures.T0;
    static final Regrouping ENTRY = new Regrouping(Regrouping.Kind.MERGED, "op-1", T0, "same fight", List.of(), List.of());

    static Event report(SourceKind kind, String id, EventType type, int second, double metersNorth, double conf) {
        double[] p = GeoMath.offset(Fixtures.LAT, Fixtures.LON, metersNorth, 0);
        return Event.builder().type(type).occurredAt(T0.plusSeconds(second)).receivedAt(T0.plusSeconds(second))
                .source(kind, id).location(p[0], p[1], 10 + second).confidence(conf).build();
    }

    @Test
    void absorbingIsJoiningEveryEventOfTheOther() {
        Event a = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 0, 0, 0.9);
        Event b = report(SourceKind.CITIZEN, "open311", EventType.THEFT, 30, 90, 0.4);
        Event c = report(SourceKind.CITIZEN, "open311", EventType.THEFT, 60, 120, 0.6);
        Incident assault = Incident.open(IncidentId.newId(), a);
        Incident theft = Incident.open(IncidentId.newId(), b).withEvent(c);

        Incident merged = assault.absorb(theft, ENTRY);
        Incident joined = assault.withEvent(b).withEvent(c);

        assertThat(merged.version()).isEqualTo(joined.version()).isEqualTo(3);
        assertThat(merged.eventIds()).isEqualTo(joined.eventIds());
        assertThat(merged.location().lat()).isCloseTo(joined.location().lat(), within(1e-12));
        assertThat(merged.location().accuracyMeters()).isEqualTo(joined.location().accuracyMeters());
        assertThat(merged.sourceConfidence()).isEqualTo(joined.sourceConfidence());
        assertThat(merged.memberKinds()).isEqualTo(joined.memberKinds())
                .containsEntry(new MemberKind(SourceKind.CITIZEN, EventType.THEFT), 2);
        assertThat(merged.firstSeen()).isEqualTo(a.occurredAt());
        assertThat(merged.lastSeen()).isEqualTo(c.occurredAt());
        assertThat(merged.type()).isEqualTo(EventType.ASSAULT);
        assertThat(merged.regroupings()).containsExactly(ENTRY);

        Incident closed = theft.absorbedInto(assault.id(), ENTRY, new Verdict("op-1", T0, "merged"));
        assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(closed.eventIds()).isEmpty();
        assertThat(closed.memberKinds()).isEmpty();
        assertThat(closed.mergedInto()).isEqualTo(assault.id());
        assertThat(closed.version()).isEqualTo(theft.version() + 1);
    }

    @Test
    void keepingSomeEventsComputesEverythingAgainFromThem() {
        Event a = report(SourceKind.POLICE, "dispatch", EventType.ASSAULT, 0, 0, 0.9);
        Event b = report(SourceKind.CITIZEN, "open311", EventType.ASSAULT, 30, 90, 0.4);
        Event c = report(SourceKind.POLICE, "unit-2", EventType.ASSAULT, 60, 10, 0.6);
        Incident all = Incident.open(IncidentId.newId(), a).withEvent(b).withEvent(c);
        Incident kept = all.keeping(List.of(a, c), ENTRY);
        Incident expected = Incident.open(all.id(), a).withEvent(c);
        assertThat(kept.eventIds()).isEqualTo(expected.eventIds());
        assertThat(kept.location().lat()).isCloseTo(expected.location().lat(), within(1e-12));
        assertThat(kept.sourceConfidence()).isEqualTo(expected.sourceConfidence());
        assertThat(kept.lastSeen()).isEqualTo(c.occurredAt());
        assertThat(kept.version()).isEqualTo(all.version() + 1);
        assertThatIllegalArgumentException().isThrownBy(() -> all.keeping(List.of(), ENTRY));
    }

    @Test
    void onlyAClosedIncidentCanPointToAnother() {
        Incident i = Incident.open(IncidentId.newId(), report(SourceKind.CAMERA, "c", EventType.FIRE, 0, 0, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() -> new Incident(i.id(), i.type(), IncidentStatus.NEW,
                i.priority(), i.severity(), i.confidence(), i.location(), i.firstSeen(), i.lastSeen(), List.of(),
                i.sourceConfidence(), null, 2, null, null, "", IncidentId.newId(), List.of()));
    }

    @Test
    void fusionFieldsSurviveJson() throws Exception {
        Event a = report(SourceKind.ACOUSTIC_SENSOR, "mic-1", EventType.GUNSHOT, 0, 0, 0.9);
        Event b = report(SourceKind.CITIZEN, "open311", EventType.NOISE, 20, 50, 0.5);
        var entry = new Regrouping(Regrouping.Kind.MERGED, "rule:shooting", T0, "composite rule shooting",
                List.of(IncidentId.newId()), List.of(b.id()));
        Incident i = Incident.open(IncidentId.newId(), a).absorb(Incident.open(IncidentId.newId(), b), entry)
                .withComposite(EventType.GUNSHOT, "shooting");
        var json = IncidentJson.write(i);
        assertThat(json.path("composite").asText()).isEqualTo("shooting");
        assertThat(json.path("mergedInto").isNull()).isTrue();
        assertThat(IncidentJson.readRegroupings(Json.MAPPER.readTree(json.path("regroupings").toString())))
                .isEqualTo(i.regroupings());
        assertThat(IncidentJson.readMemberKinds(json.path("memberKinds"))).isEqualTo(i.memberKinds());
        assertThat(IncidentJson.writeSummary(i).has("regroupings")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> IncidentJson.readMemberKinds(
                Json.MAPPER.readTree("{\"drone/gunshot\": 1}"))).withMessageContaining("drone/gunshot");
    }
}
