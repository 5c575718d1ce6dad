package org.vigie.feeds.telecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.Marseille;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedBatch;

class PresenceCsvTest {
    static final PresenceZones ZONES = new PresenceZones(new DistrictZones(Marseille.approximateCity()));
    final PresenceCsv csv = new PresenceCsv(ZONES, 5, ZoneId.of("Europe/Paris"), Duration.ofHours(1));

    @Test
    void headerVariantsSeparatorsAndZoneKinds() {
        String cell = Cells.toText(Cells.cell(43.2951, 5.3740, 8));
        String text = "\uFEFF\"Zone ID\";Début;Durée;Nb devices;operator\n"
                + cell + ";2025-06-05 20:00;15;1 234;x\n"
                + "13201;2025-06-05T20:15:00+02:00;15;\"567\";x\n"
                + "Marseille 2e Arrondissement;1749147300;15;89.0;x\n";
        PresenceCsv.Reading r = csv.read(text, 0);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.counts()).extracting(PresenceCount::devices).containsExactly(1234L, 567L, 89L);
        assertThat(r.counts()).extracting(c -> c.zone().id()).containsExactly(cell, "13201", "13202");
        assertThat(r.counts().get(0).slotStart()).isEqualTo(Instant.parse("2025-06-05T18:00:00Z"));
        assertThat(r.counts().get(0).slot()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void badRowsAreRejectedWithTheirLineAndWhatIsWrong() {
        String text = "cell,timestamp,count\n"
                + "nowhere,2025-06-05T20:00:00Z,100\n"
                + "13201,yesterday,100\n"
                + "13201,2025-06-05T20:00:00Z,lots\n"
                + "13201,2025-06-05T20:00:00Z,-7\n";
        PresenceCsv.Reading r = csv.read(text, 10);
        assertThat(r.rejected()).extracting(x -> x.ref()).containsExactly("line 12", "line 13", "line 14", "line 15");
        assertThat(r.rejected().get(0).reason()).startsWith("zone: 'nowhere'");
        assertThat(r.rejected().get(1).reason()).startsWith("start: 'yesterday'");
        assertThat(r.rejected().get(2).reason()).startsWith("count:");
        assertThat(r.rejected().get(2).raw()).doesNotContain("lots");
        assertThat(r.rejected().get(3).raw()).doesNotContain("-7");
    }

    @Test
    void aHeaderWithoutACountColumnSaysWhatItExpected() {
        var format = new TelecomFormat(csv, new PresenceDetector(PresenceSettings.defaults()));
        FeedBatch b = format.parse("zone,start,people\n13201,2025-06-05T20:00:00Z,3\n".getBytes(StandardCharsets.UTF_8),
                new FeedContext("t", Instant.parse("2025-06-06T00:00:00Z")));
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("no count column").contains("devices");
            assertThat(r.raw()).isEmpty(); // the document may hold counts under k: it is not kept
        });
    }

    /** Seeded: whatever mix of small and large counts, separators and marks, no count under k comes out. */
    @Test
    void cellsUnderKNeverLeaveTheParser() {
        var r = new Random(7);
        String[] marks = {"", "*", "<5", "NA", "s"};
        for (int round = 0; round < 200; round++) {
            int k = 2 + r.nextInt(20);
            var parser = new PresenceCsv(ZONES, k, ZoneId.of("Europe/Paris"), Duration.ofMinutes(15));
            var text = new StringBuilder("h3;slot_start;devices\n");
            long small = 0;
            long large = 0;
            for (int i = 0; i < 50; i++) {
                String cell = Cells.toText(Cells.cell(43.2 + r.nextDouble() * 0.15, 5.3 + r.nextDouble() * 0.2, 9));
                String count;
                int kind = r.nextInt(3);
                if (kind == 0) {
                    count = Integer.toString(r.nextInt(k));
                    small++;
                } else if (kind == 1) {
                    count = marks[r.nextInt(marks.length)];
                    small++;
                } else {
                    count = Integer.toString(k + r.nextInt(10_000));
                    large++;
                }
                text.append(cell).append(';').append("2025-06-05T20:").append(10 + r.nextInt(40)).append(":00Z;")
                        .append(count).append('\n');
            }
            PresenceCsv.Reading reading = parser.read(text.toString(), 0);
            assertThat(reading.counts()).allSatisfy(c -> assertThat(c.devices()).isGreaterThanOrEqualTo(k));
            assertThat(reading.suppressed()).isEqualTo(small);
            assertThat(reading.counts()).hasSize((int) large);
            assertThat(reading.rejected()).isEmpty();
        }
    }
}
