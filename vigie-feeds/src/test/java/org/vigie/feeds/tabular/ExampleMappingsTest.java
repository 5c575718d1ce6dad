package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.RejectedRecord;

/** The three shipped example mappings on the small files that show their shape. */
class ExampleMappingsTest {
    static final BoundingBox MARSEILLE = Marseille.approximateCity().bounds();
    static final FeedContext CONTEXT = new FeedContext("test-export", Instant.parse("2026-11-29T06:00:00Z"));

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ExampleMappingsTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static FeedBatch parse(String mapping, String file) throws Exception {
        return new TabularFormat(TabularMappings.getShipped(mapping), MARSEILLE).parse(resource(file), CONTEXT);
    }

    static RejectedRecord rejected(FeedBatch b, int line) {
        return b.rejected().stream().filter(r -> r.ref().equals("line " + line)).findFirst().orElseThrow(
                () -> new AssertionError("line " + line + " was not rejected: " + b.rejected()));
    }

    static Event event(FeedBatch b, String attribute, String value) {
        return b.events().stream().filter(e -> e.attributes().findText(attribute).orElse("").equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with " + attribute + "=" + value));
    }

    @Test
    void policeLogInLambert93AndWindows1252() throws Exception {
        FeedBatch b = parse("fr-police-l93", "police-l93.csv");
        assertThat(b.records()).isEqualTo(11);
        assertThat(b.events()).hasSize(4);
        assertThat(b.rejected()).hasSize(7);

        Event theft = event(b, "incident_number", "PN-2026-000101");
        assertThat(theft.type()).isEqualTo(EventType.THEFT);
        assertThat(theft.source().kind()).isEqualTo(SourceKind.POLICE);
        assertThat(theft.occurredAt()).isEqualTo(Instant.parse("2026-11-28T20:14:00Z")); // 21:14 in Paris, winter
        assertThat(theft.location().lat()).isCloseTo(43.2951, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(theft.location().lon()).isCloseTo(5.3739, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(theft.confidence()).isEqualTo(0.9);
        assertThat(theft.severity()).isEqualTo(Severity.MODERATE);
        // Decoded from Windows-1252; the attribute allow-list and nothing else.
        assertThat(theft.attributes().asMap()).containsEntry("nature", "Vol à l'arraché").containsEntry("status", "Constaté")
                .containsEntry("district", "13201").containsEntry("people_involved", 2L);
        assertThat(theft.attributes().asMap().keySet()).containsExactlyInAnyOrder("incident_number", "nature", "status",
                "district", "unit", "people_involved");

        Event brawl = event(b, "incident_number", "PN-2026-000102");
        assertThat(brawl.type()).isEqualTo(EventType.PUBLIC_DISORDER);
        assertThat(brawl.occurredAt()).isEqualTo(Instant.parse("2026-11-28T21:05:00Z")); // second format, no seconds
        assertThat(brawl.confidence()).isEqualTo(0.6);
        assertThat(brawl.severity()).isEqualTo(Severity.SEVERE);

        Event noise = event(b, "incident_number", "PN-2026-000103");
        assertThat(noise.severity()).isEqualTo(EventType.NOISE.defaultSeverity()); // blank gravity: the type's own
        assertThat(noise.attributes().asMap()).doesNotContainKey("people_involved"); // blank: left out

        assertThat(event(b, "incident_number", "PN-2026-000104").severity()).isEqualTo(Severity.EXTREME);

        assertThat(rejected(b, 6).reason()).isEqualTo("nature 'Chien errant' is not in the type table, whose default is reject");
        assertThat(rejected(b, 7).reason()).isEqualTo("statut 'Infondé' is rejected by the confidence table");
        assertThat(rejected(b, 8).reason()).isEqualTo("x_l93/y_l93 are blank; a position is required");
        assertThat(rejected(b, 9).reason()).contains("x_l93/y_l93 '0', '0'", "zero coordinate");
        assertThat(rejected(b, 10).reason()).contains("x_l93/y_l93 '652469,02', '6862035,26'", "(48.8566", "2.3522",
                "outside the city's bounds");
        assertThat(rejected(b, 11).reason()).startsWith("date_faits+heure_faits '31/11/2026 23:45:00' is not a time");
        assertThat(rejected(b, 12).reason()).isEqualTo("nb_personnes_impliquees 'abc' is not an integer (attribute people_involved)");
    }

    @Test
    void personalColumnsNeverReachAnEventNorTheQuarantine() throws Exception {
        for (FeedBatch b : List.of(parse("fr-police-l93", "police-l93.csv"),
                parse("fire-interventions", "fire-interventions.csv"))) {
            for (Event e : b.events()) {
                assertThat(e.attributes().toString()).doesNotContain("MARTIN", "DURAND", "Dupont", "06 12", "0600000000",
                        "Victime", "voisin");
            }
            for (RejectedRecord r : b.rejected()) {
                assertThat(r.raw()).doesNotContain("BERNARD", "ROUX", "Leroy", "07 00", "06 99", "0700000000");
            }
        }
        FeedBatch police = parse("fr-police-l93", "police-l93.csv");
        // The rest of the row is kept, for whoever fixes the mapping.
        assertThat(rejected(police, 6).raw()).isEqualTo("PN-2026-000105;28/11/2026;23:10:00;Chien errant;Signalé;1;"
                + "892545,57;6245649,73;13207;BST Sud;;[removed];[removed];;28/11/2026 23:12");
    }

    @Test
    void fireInterventions() throws Exception {
        FeedBatch b = parse("fire-interventions", "fire-interventions.csv");
        assertThat(b.records()).isEqualTo(10);
        assertThat(b.events()).hasSize(4);
        assertThat(b.rejected()).hasSize(6);

        Event bin = event(b, "intervention_number", "MP-26-55001");
        assertThat(bin.type()).isEqualTo(EventType.FIRE);
        assertThat(bin.source().kind()).isEqualTo(SourceKind.FIRE_BRIGADE);
        assertThat(bin.severity()).isEqualTo(Severity.MINOR);
        assertThat(bin.confidence()).isEqualTo(0.9);
        assertThat(bin.attributes().asMap()).containsEntry("vehicles", 1L).containsEntry("station", "Saint-Charles");
        assertThat(event(b, "intervention_number", "MP-26-55002").type()).isEqualTo(EventType.MEDICAL_EMERGENCY);
        Event crash = event(b, "intervention_number", "MP-26-55003");
        assertThat(crash.type()).isEqualTo(EventType.ROAD_ACCIDENT);
        assertThat(crash.severity()).isEqualTo(Severity.SEVERE);
        // A quoted field across two lines; an ISO time with its own offset.
        Event car = event(b, "intervention_number", "MP-26-55005");
        assertThat(car.attributes().asMap()).containsEntry("category", "Incendie\nvéhicule");
        assertThat(car.occurredAt()).isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));

        assertThat(rejected(b, 5).reason()).isEqualTo("motif 'Ouverture de porte' is rejected by the type table");
        assertThat(rejected(b, 5).raw()).isEqualTo("MP-26-55004,2026-11-28 15:45:00,2026-11-28 15:41:00,Ouverture de porte,"
                + "Divers,1,43.2840,5.3712,Marseille,Endoume,1,[removed],[removed]");
        assertThat(rejected(b, 8).reason()).isEqualTo("latitude/longitude '43,2951', '5.3739': latitude is not a number");
        assertThat(rejected(b, 9).reason()).isEqualTo("id_intervention is blank; a record needs its id");
        assertThat(rejected(b, 10).reason()).isEqualTo("the row has 10 fields, the header 13");
        // The fields cannot be told apart, so the personal ones cannot be removed: nothing of the row is kept.
        assertThat(rejected(b, 10).raw()).startsWith("(not kept");
        assertThat(rejected(b, 11).reason()).contains("(43.2927, 5.5708) lies outside the city's bounds");
        assertThat(rejected(b, 12).reason()).contains("date_alerte '2026-11-30 08:50:00' is ", "s in the future");
    }

    @Test
    void hospitalLoadBecomesEventsOnlyUnderStrain() throws Exception {
        FeedBatch b = parse("hospital-ed-load", "hospital-ed-load.jsonl");
        assertThat(b.records()).isEqualTo(9); // the blank line is not a record
        assertThat(b.events()).hasSize(3);
        assertThat(b.rejected()).hasSize(5);
        // One quiet hour (tension 1, 22 waiting) is counted and gives no event.
        assertThat(b.records() - b.events().size() - b.rejected().size()).isEqualTo(1);

        Event timone = b.events().get(0);
        assertThat(timone.type()).isEqualTo(EventType.ANOMALY);
        assertThat(timone.source().kind()).isEqualTo(SourceKind.HOSPITAL);
        assertThat(timone.occurredAt()).isEqualTo(Instant.parse("2026-11-28T14:00:00Z"));
        assertThat(timone.severity()).isEqualTo(Severity.MODERATE);
        assertThat(timone.location().lat()).isEqualTo(43.2897);
        assertThat(timone.attributes().asMap()).containsEntry("hospital", "APHM-TIMONE").containsEntry("waiting", 38L)
                .containsEntry("arrivals", 44L).containsEntry("tension_level", 2L);

        Event nord = b.events().get(1);
        assertThat(nord.severity()).isEqualTo(Severity.SEVERE);
        // 3 arrivals and 2 waiting are below k = 5: left out.
        assertThat(nord.attributes().asMap()).doesNotContainKeys("arrivals", "waiting").containsEntry("beds_available", 0L);

        Event stJoseph = b.events().get(2);
        assertThat(stJoseph.attributes().findText("hospital")).contains("saint-joseph"); // sites ignore case
        assertThat(stJoseph.severity()).isEqualTo(Severity.MODERATE); // null tension: the table's default

        assertThat(rejected(b, 4).reason()).isEqualTo("etablissement 'CLINIQUE-INCONNUE' is not one of the mapping's 5 sites");
        assertThat(rejected(b, 5).reason()).startsWith("not a JSON object: ");
        assertThat(rejected(b, 6).reason()).isEqualTo("expected a JSON object, got array");
        assertThat(rejected(b, 8).reason()).contains("en_attente 'beaucoup' is not an integer (attribute waiting)",
                "en_attente 'beaucoup' is not a number (emit-when)");
        assertThat(rejected(b, 10).reason()).isEqualTo("heure holds an object; a single value was expected");
        assertThat(rejected(b, 10).raw()).isEqualTo(new String(resource("hospital-ed-load.jsonl"),
                java.nio.charset.StandardCharsets.UTF_8).lines().toList().get(9));
    }

    @Test
    void everyShippedMappingLoads() {
        for (String name : TabularMappings.SHIPPED) {
            TabularMapping m = TabularMappings.getShipped(name);
            assertThat(m.name()).isEqualTo(name);
            assertThat(m.description()).isNotBlank();
            assertThat(new TabularFormat(m, MARSEILLE).name()).isEqualTo("tabular." + name);
        }
        assertThat(TabularMappings.getShipped("hospital-ed-load").hasEmitRule()).isTrue();
        assertThat(TabularMappings.getShipped("baltimore311").hasEmitRule()).isFalse();
    }
}
