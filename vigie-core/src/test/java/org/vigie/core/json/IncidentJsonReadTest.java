package org.vigie.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.MemberKind;
import org.vigie.core.model.Regrouping;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;

/** {@link IncidentJson#read} gives back what {@link IncidentJson#write} wrote, and names what is wrong. */
class IncidentJsonReadTest {
    private static final Instant T0 = Fixtures.T0;

    private static Event report(SourceKind kind, String id, EventType type, int second, double metersNorth,
                                double confidence) {
        double[] p = GeoMath.offset(Fixtures.LAT, Fixtures.LON, metersNorth, 0);
        return Event.builder().type(type).occurredAt(T0.plusSeconds(second)).receivedAt(T0.plusSeconds(second))
                .source(kind, id).location(p[0], p[1], 10 + second).confidence(confidence).build();
    }

    /** A gunshot heard by a sensor and reported by citizens: a composite, merged, acknowledged, then confirmed. */
    private static Incident shooting() {
        Event shot = report(SourceKind.ACOUSTIC_SENSOR, "mic-0007", EventType.GUNSHOT, 0, 0, 0.873);
        Event call = report(SourceKind.CITIZEN, "open311", EventType.NOISE, 20, 60, 0.45);
        Event call2 = report(SourceKind.CITIZEN, "app", EventType.NOISE, 40, 80, 0.6);
        Incident noise = Incident.open(IncidentId.newId(), call).withEvent(call2);
        var merge = new Regrouping(Regrouping.Kind.MERGED, Regrouping.RULE_PREFIX + "shooting", T0.plusSeconds(40),
                "a gunshot and two citizen reports", List.of(noise.id()), noise.eventIds());
        return Incident.open(IncidentId.newId(), shot).absorb(noise, merge)
                .withComposite(EventType.GUNSHOT, "shooting")
                .withAssessment(0.9713, 1, "priority 1: shooting (gunshot, extreme), 3 sources")
                .transition(IncidentStatus.ACKNOWLEDGED, new Verdict("op-1", T0.plusSeconds(90), ""))
                .transition(IncidentStatus.CONFIRMED, new Verdict("op-1", T0.plusSeconds(120), "shots confirmed"));
    }

    private static Incident roundTrip(Incident i) {
        return IncidentJson.read(IncidentJson.write(i));
    }

    /** The incident as JSON carries it: confidence to a thousandth. */
    private static Incident asWritten(Incident i) {
        return i.withAssessment(Math.round(i.confidence() * 1000) / 1000.0, i.priority(), i.priorityExplanation());
    }

    @Test
    void everyFieldComesBack() {
        Incident i = shooting();
        assertThat(i.composite()).isEqualTo("shooting");
        assertThat(i.regroupings()).hasSize(1);
        assertThat(i.memberKinds()).containsEntry(new MemberKind(SourceKind.CITIZEN, EventType.NOISE), 2);
        assertThat(i.verdict()).isNotNull();

        Incident back = roundTrip(i);
        assertThat(back).isEqualTo(asWritten(i));
        assertThat(back.confidence()).isEqualTo(0.971);
        assertThat(back.eventIds()).containsExactlyElementsOf(i.eventIds());
        assertThat(back.sourceConfidence()).isEqualTo(i.sourceConfidence());
        assertThat(back.memberKinds()).isEqualTo(i.memberKinds());
        assertThat(back.regroupings()).isEqualTo(i.regroupings());
        assertThat(back.location()).isEqualTo(i.location());
        assertThat(back.version()).isEqualTo(i.version());
    }

    @Test
    void aFreshIncidentAndAnAbsorbedOneComeBack() {
        Event e = report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0, 0, 0.5);
        Incident fresh = Incident.open(IncidentId.newId(), e);
        assertThat(roundTrip(fresh)).isEqualTo(asWritten(fresh));

        var entry = new Regrouping(Regrouping.Kind.ABSORBED, "op-2", T0, "same fire", List.of(IncidentId.newId()),
                fresh.eventIds());
        Incident absorbed = fresh.absorbedInto(entry.incidents().getFirst(), entry,
                new Verdict("op-2", T0, "duplicate of the other", DismissalReason.DUPLICATE));
        Incident back = roundTrip(absorbed);
        assertThat(back).isEqualTo(asWritten(absorbed));
        assertThat(back.mergedInto()).isEqualTo(entry.incidents().getFirst());
        assertThat(back.verdict().reasonCode()).isEqualTo(DismissalReason.DUPLICATE);
        assertThat(back.eventIds()).isEmpty();
    }

    @Test
    void aChangeComesBack() {
        Incident i = shooting();
        var change = new IncidentChange(IncidentChange.Kind.MERGED, i, i.eventIds().subList(1, 3), List.of(),
                i.version() - 3);
        IncidentChange back = IncidentJson.readChange(IncidentJson.writeChange(change));
        assertThat(back).isEqualTo(new IncidentChange(change.kind(), asWritten(i), change.addedEvents(),
                change.removedEvents(), change.baseVersion()));
        assertThat(IncidentJson.writeChange(change).get("kind").asText()).isEqualTo("merged");
    }

    @Test
    void aSummaryCannotBeReadBack() {
        assertThatIllegalArgumentException().isThrownBy(() -> IncidentJson.read(IncidentJson.writeSummary(shooting())))
                .withMessageContaining("eventIds");
    }

    @Test
    void aWrongFieldIsNamed() {
        assertWrong(n -> n.remove("status"), "status");
        assertWrong(n -> n.put("status", "reopened"), "status");
        assertWrong(n -> n.put("type", 3), "type");
        assertWrong(n -> n.put("priority", 7), "priority");
        assertWrong(n -> n.put("confidence", "high"), "confidence");
        assertWrong(n -> n.put("firstSeen", "yesterday"), "firstSeen");
        assertWrong(n -> ((ObjectNode) n.get("location")).remove("lat"), "location.lat");
        assertWrong(n -> ((ObjectNode) n.get("location")).put("lat", 91.0), "location");
        assertWrong(n -> n.withArray("eventIds").add("not-a-uuid"), "eventIds[3]");
        assertWrong(n -> n.put("eventCount", 2), "eventCount");
        assertWrong(n -> ((ObjectNode) n.get("sources")).put("citizen/app", "x"), "sources.citizen/app");
        assertWrong(n -> ((ObjectNode) n.get("memberKinds")).put("martian/noise", 1), "memberKinds");
        assertWrong(n -> ((ObjectNode) n.withArray("regroupings").get(0)).put("at", "later"), "regroupings");
        assertWrong(n -> n.remove("composite"), "composite");
        assertWrong(n -> n.put("mergedInto", "x"), "mergedInto");
        assertWrong(n -> ((ObjectNode) n.get("verdict")).put("reasonCode", "boredom"), "verdict.reasonCode");
        assertWrong(n -> ((ObjectNode) n.get("verdict")).put("by", " "), "verdict");
        assertWrong(n -> n.put("version", 0), "version");
    }

    @Test
    void aWrongChangeIsNamed() {
        Incident i = shooting();
        ObjectNode n = IncidentJson.writeChange(new IncidentChange(IncidentChange.Kind.STATUS_CHANGED, i, List.of(),
                i.version() - 1));
        assertThatIllegalArgumentException().isThrownBy(() -> IncidentJson.readChange(n.deepCopy().put("kind", "x")))
                .withMessageContaining("kind");
        assertThatIllegalArgumentException().isThrownBy(() -> IncidentJson.readChange(
                n.deepCopy().put("baseVersion", i.version()))).withMessageContaining("baseVersion");
        ObjectNode badIncident = n.deepCopy();
        ((ObjectNode) badIncident.get("incident")).put("severity", "apocalyptic");
        assertThatIllegalArgumentException().isThrownBy(() -> IncidentJson.readChange(badIncident))
                .withMessageContaining("incident.severity");
        assertThatIllegalArgumentException().isThrownBy(() -> IncidentJson.readChange(
                n.deepCopy().put("addedEvents", "all"))).withMessageContaining("addedEvents");
    }

    private static void assertWrong(Consumer<ObjectNode> spoil, String field) {
        ObjectNode n = IncidentJson.write(shooting());
        spoil.accept(n);
        JsonNode spoilt = n;
        assertThatIllegalArgumentException().as(field).isThrownBy(() -> IncidentJson.read(spoilt))
                .withMessageContaining(field);
    }
}
