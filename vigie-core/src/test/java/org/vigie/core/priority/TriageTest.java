package org.vigie.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.SourceKind;

class TriageTest {
    static Event report(SourceKind kind, String id, EventType type, double confidence, double metersNorth) {
        double[] p = Fixtures.offset(Fixtures.LAT, Fixtures.LON, metersNorth, 0);
        return Event.builder().type(type).occurredAt(Fixtures.T0).receivedAt(Fixtures.T0).source(kind, id)
                .location(p[0], p[1], 10).confidence(confidence).build();
    }

    static Incident incident(Event first, Event... more) {
        Incident i = Incident.open(IncidentId.newId(), first);
        for (Event e : more) {
            i = i.withEvent(e);
        }
        return i;
    }

    final Reliabilities reliabilities = new Reliabilities(Map.of(SourceKind.CAMERA, 0.5, SourceKind.FIRE_BRIGADE, 0.9), 4);

    @Test
    void confidenceIsANoisyOrOfReliabilityTimesConfidence() {
        var triage = new Triage(reliabilities, VulnerablePlaces.NONE);
        Incident i = incident(report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0.8, 0),
                report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0.6, 0),
                report(SourceKind.FIRE_BRIGADE, "bmpm", EventType.FIRE, 1.0, 0));
        // cam-1 counts once, with its best report: 1 - (1 - 0.5·0.8)(1 - 0.9·1.0) = 0.94.
        assertThat(triage.confidence(i)).isCloseTo(0.94, within(1e-12));
        Incident assessed = triage.assess(i, 5);
        assertThat(assessed.confidence()).isCloseTo(0.94, within(1e-12));
        assertThat(assessed.version()).isEqualTo(i.version());
        // severe (0.7) × 0.94 = 0.658: priority 2.
        assertThat(assessed.priority()).isEqualTo(2);
        assertThat(assessed.priorityExplanation())
                .isEqualTo("priority 2: fire (severe), 2 sources (camera, fire brigade), confidence 0.94");
    }

    @Test
    void socialStreamsAreOneWitnessWithTheBestOfTheirConfidences() {
        var triage = new Triage(new Reliabilities(Map.of(SourceKind.SOCIAL, 0.5, SourceKind.CITIZEN, 0.6), 4),
                VulnerablePlaces.NONE);
        Incident twoStreams = incident(report(SourceKind.SOCIAL, "mastodon-public", EventType.GATHERING_RISK, 0.8, 0),
                report(SourceKind.SOCIAL, "apero-hashtag", EventType.GATHERING_RISK, 0.6, 0));
        // The same posts, read twice: 0.5·0.8, not 1 − (1 − 0.4)(1 − 0.3).
        assertThat(triage.confidence(twoStreams)).isCloseTo(0.4, within(1e-12));
        assertThat(twoStreams.confidence()).as("the raw noisy-OR follows the same rule").isCloseTo(0.8, within(1e-12));
        Incident withACitizen = twoStreams.withEvent(report(SourceKind.CITIZEN, "open311-7", EventType.GATHERING_RISK,
                0.5, 0));
        // Another kind of witness still adds: 1 − (1 − 0.4)(1 − 0.6·0.5) = 0.58.
        assertThat(triage.confidence(withACitizen)).isCloseTo(0.58, within(1e-12));
        assertThat(triage.assess(withACitizen, 5).priorityExplanation()).contains("3 sources (citizen, social ×2)");
    }

    @Test
    void aVulnerablePlaceRaisesThePriorityAndIsNamed() {
        double[] stop = Fixtures.offset(Fixtures.LAT, Fixtures.LON, 120, 180);
        var places = new VulnerablePlaces(List.of(new VulnerablePlace("Noailles", VulnerablePlace.TRANSIT_STATION,
                stop[0], stop[1], 1.3, 150)));
        Incident i = incident(report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0.8, 0),
                report(SourceKind.FIRE_BRIGADE, "bmpm", EventType.FIRE, 1.0, 0));
        Incident plain = new Triage(reliabilities, VulnerablePlaces.NONE).assess(i, 5);
        Incident near = new Triage(reliabilities, places).assess(i, 5);
        assertThat(plain.priority()).isEqualTo(2);
        assertThat(near.priority()).isEqualTo(1); // 0.658 × 1.3 = 0.86
        assertThat(near.priorityExplanation()).isEqualTo(
                "priority 1: fire (severe), 2 sources (camera, fire brigade), confidence 0.94, 120 m from Noailles "
                        + "(transit station ×1.3)");
    }

    @Test
    void aCompositeRuleSetsAPriorityTheIncidentNeverFallsBelow() {
        var triage = new Triage(reliabilities, VulnerablePlaces.NONE);
        Incident weak = incident(report(SourceKind.CITIZEN, "open311", EventType.NOISE, 0.3, 0))
                .withComposite(EventType.GUNSHOT, "shooting");
        Incident assessed = triage.assess(weak, 1);
        assertThat(assessed.priority()).isEqualTo(1);
        assertThat(assessed.priorityExplanation()).startsWith("priority 1: shooting (gunshot, minor), 1 source (citizen)")
                .endsWith("; rule shooting sets priority 1");
    }

    @Test
    void decimalsAreRoundedWithoutLocale() {
        var sb = new StringBuilder();
        Triage.decimals(sb, 0.999, 2);
        sb.append(' ');
        Triage.decimals(sb, 0.05, 2);
        sb.append(' ');
        Triage.decimals(sb, 1.25, 1);
        assertThat(sb).hasToString("1.00 0.05 1.3");
    }

    /**
     * Explanations are assembled from parts made earlier: over random incidents (types, composite names,
     * severities, sources of every kind, confidences, a place near or not), each reads exactly as the text written
     * out in full from its numbers.
     */
    @Test
    void anExplanationAssembledFromPartsReadsAsTheTextWrittenInFull() {
        var random = new java.util.Random(99);
        double[] stop = Fixtures.offset(Fixtures.LAT, Fixtures.LON, 80, 90);
        var places = new VulnerablePlaces(List.of(new VulnerablePlace("Noailles", VulnerablePlace.TRANSIT_STATION,
                stop[0], stop[1], 1.3, 150), new VulnerablePlace("Lycée Thiers", "school", stop[0], stop[1], 1.5, 60)));
        var shared = new Triage(reliabilities, places);
        SourceKind[] kinds = SourceKind.values();
        EventType[] types = {EventType.FIRE, EventType.GUNSHOT, EventType.ASSAULT, EventType.NOISE};
        for (int trial = 0; trial < 5_000; trial++) {
            EventType type = types[random.nextInt(types.length)];
            Incident i = null;
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                String id = "s" + random.nextInt(3);
                Event e = Event.builder().type(type).occurredAt(Fixtures.T0).receivedAt(Fixtures.T0)
                        .source(kinds[random.nextInt(kinds.length)], id)
                        .location(Fixtures.offset(Fixtures.LAT, Fixtures.LON, random.nextInt(300), random.nextInt(360))[0],
                                Fixtures.LON, 10)
                        .severity(org.vigie.core.model.Severity.values()[random.nextInt(4)])
                        .confidence(random.nextInt(101) / 100.0).build();
                i = i == null ? Incident.open(IncidentId.newId(), e) : i.withEvent(e);
            }
            if (random.nextBoolean()) {
                i = i.withComposite(type, random.nextBoolean() ? "shooting" : "fire_confirmed");
            }
            int atMost = 1 + random.nextInt(5);
            Incident assessed = shared.assess(i, atMost);
            assertThat(assessed.priorityExplanation()).as("trial %d", trial).isEqualTo(written(assessed, places));
        }
    }

    /** The explanation written out in full, from the assessed numbers: what the parts must add up to. */
    private static String written(Incident i, VulnerablePlaces places) {
        var place = places.near(i.location());
        double vulnerability = place.map(n -> n.place().weight()).orElse(1.0);
        int computed = Incident.priorityOfScore(i.severity().weight() * i.confidence() * vulnerability);
        String type = i.type().jsonName().replace('_', ' ');
        var sb = new StringBuilder("priority " + i.priority() + ": ")
                .append(i.composite() == null ? type + " (" : i.composite() + " (" + type + ", ")
                .append(i.severity().jsonName()).append("), ").append(i.sourceCount())
                .append(i.sourceCount() == 1 ? " source (" : " sources (");
        var byKind = new java.util.TreeMap<SourceKind, Integer>();
        i.sourceConfidence().keySet().forEach(s -> byKind.merge(SourceKind.ofKey(s), 1, Integer::sum));
        var words = new java.util.ArrayList<String>();
        byKind.forEach((k, n) -> words.add(k.jsonName().replace('_', ' ') + (n > 1 ? " ×" + n : "")));
        sb.append(String.join(", ", words)).append("), confidence ");
        Triage.decimals(sb, i.confidence(), 2);
        place.ifPresent(n -> {
            sb.append(", ").append(Math.round(n.distanceMeters())).append(" m from ").append(n.place().name())
                    .append(" (").append(n.place().kindWords()).append(" ×");
            Triage.decimals(sb, n.place().weight(), 1);
            sb.append(')');
        });
        if (i.priority() < computed) {
            sb.append("; rule ").append(i.composite() == null ? "" : i.composite()).append(" sets priority ")
                    .append(i.priority());
        }
        return sb.toString();
    }
}
