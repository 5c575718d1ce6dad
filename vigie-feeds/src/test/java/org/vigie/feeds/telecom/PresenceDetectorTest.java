package org.vigie.feeds.telecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.model.Event;

class PresenceDetectorTest {
    static final Instant START = Instant.parse("2025-05-05T00:00:00Z"); // a Monday
    static final List<Zone> ZONES = List.of(
            new Zone("13201", "Marseille 1er Arrondissement", 43.2998, 5.3827, 800),
            new Zone("13207", "Marseille 7e Arrondissement", 43.2825, 5.3623, 1300),
            new Zone("13208", "Marseille 8e Arrondissement", 43.2418, 5.3752, 2500));

    /** Devices in a zone at a local hour: a daily rhythm, busier at weekends near the sea, ±8% noise week to week. */
    static long usual(Random r, int zone, Instant at) {
        int hour = (int) ((at.getEpochSecond() / 3600 + 2) % 24);
        int day = (int) ((at.getEpochSecond() / 86400 + 3) % 7); // 0 = Monday
        double base = (zone + 1) * 2000 * (0.4 + 0.6 * Math.sin(Math.PI * Math.max(0, hour - 6) / 18.0));
        if (day >= 5 && zone == 2) {
            base *= 1.6;
        }
        return Math.round(base * (1 + 0.08 * r.nextGaussian()));
    }

    @Test
    void aCrowdFarAboveItsUsualPresenceIsReportedWithRatioAndZScore() {
        var r = new Random(11);
        var detector = new PresenceDetector(PresenceSettings.defaults());
        var departures = new ArrayList<PresenceDeparture>();
        Instant crowd = START.plus(Duration.ofDays(21)).plus(Duration.ofHours(19)); // 21:00 local, 4th Monday
        for (Instant t = START; t.isBefore(START.plus(Duration.ofDays(28))); t = t.plus(Duration.ofMinutes(15))) {
            for (int z = 0; z < ZONES.size(); z++) {
                long devices = usual(r, z, t);
                if (z == 1 && !t.isBefore(crowd) && t.isBefore(crowd.plus(Duration.ofHours(1)))) {
                    devices *= 3;
                }
                detector.observe(new PresenceCount(ZONES.get(z), t, Duration.ofMinutes(15), devices));
            }
            departures.addAll(detector.advanceTo(t.plus(Duration.ofMinutes(15))));
        }
        assertThat(departures).as("one false alarm a day is allowed; two weeks were tested").hasSizeLessThan(1 + 14);
        assertThat(departures).anySatisfy(d -> {
            assertThat(d.zone().id()).isEqualTo("13207");
            assertThat(d.hourStart()).isEqualTo(crowd);
            assertThat(d.ratio()).isBetween(2.5, 3.5);
            assertThat(d.zScore()).isGreaterThan(d.threshold());
        });
        PresenceDeparture d = departures.stream().filter(x -> x.hourStart().equals(crowd)).findFirst().orElseThrow();
        Event e = d.toEvent("telecom", "orange", crowd.plus(Duration.ofHours(2)));
        assertThat(e.type().jsonName()).isEqualTo("crowd_presence");
        assertThat(e.attributes().findNumber("ratio").orElseThrow()).isBetween(2.5, 3.5);
        assertThat(e.attributes().findNumber("z_score").orElseThrow()).isGreaterThan(5);
        assertThat(e.attributes().findText("direction")).contains("above");
    }

    @Test
    void nothingIsTestedBeforeTheZoneHasItsWarmUpHistory() {
        var detector = new PresenceDetector(PresenceSettings.defaults());
        var r = new Random(3);
        var found = new ArrayList<PresenceDeparture>();
        for (Instant t = START; t.isBefore(START.plus(Duration.ofDays(10))); t = t.plus(Duration.ofHours(1))) {
            long devices = usual(r, 0, t) * (t.equals(START.plus(Duration.ofDays(9))) ? 5 : 1);
            detector.observe(new PresenceCount(ZONES.get(0), t, Duration.ofHours(1), devices));
            found.addAll(detector.advanceTo(t.plus(Duration.ofHours(1))));
        }
        assertThat(found).isEmpty();
        assertThat(detector.stats().tests()).isZero();
    }
}
