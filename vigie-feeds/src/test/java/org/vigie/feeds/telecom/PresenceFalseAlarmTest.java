package org.vigie.feeds.telecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.anomaly.Zone;

/** Presence that follows its weekly rhythm raises about the false alarms it is allowed, and no more. */
class PresenceFalseAlarmTest {
    @Test
    void ordinaryWeeksRaiseAtMostTheAllowedFalseAlarms() {
        var r = new Random(21);
        var zones = new ArrayList<Zone>();
        for (int i = 0; i < 20; i++) {
            zones.add(new Zone("z" + i, "zone " + i, 43.2 + i * 0.01, 5.3, 500));
        }
        double[] size = new double[zones.size()];
        for (int i = 0; i < size.length; i++) {
            size[i] = 200 + r.nextInt(20_000);
        }
        var detector = new PresenceDetector(PresenceSettings.defaults());
        List<PresenceDeparture> found = new ArrayList<>();
        Instant start = PresenceDetectorTest.START;
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(42))); t = t.plus(Duration.ofMinutes(30))) {
            int hour = (int) ((t.getEpochSecond() / 3600 + 2) % 24);
            int day = (int) ((t.getEpochSecond() / 86400 + 3) % 7);
            for (int z = 0; z < zones.size(); z++) {
                double rhythm = (0.3 + 0.7 * Math.sin(Math.PI * Math.max(0, hour - 6) / 18.0)) * (day >= 5 ? 1.2 : 1);
                long devices = Math.round(size[z] * rhythm * (1 + 0.1 * r.nextGaussian()));
                if (devices >= 5) {
                    detector.observe(new PresenceCount(zones.get(z), t, Duration.ofMinutes(30), devices));
                }
            }
            found.addAll(detector.advanceTo(t.plus(Duration.ofMinutes(30))));
        }
        // 28 tested days at one false alarm a day over all 20 zones (seed 21 gives 14 in 13,440 zone-hours).
        assertThat(detector.stats().tests()).isEqualTo(20 * 28 * 24);
        assertThat(found).as("departures of ordinary weeks").hasSizeLessThanOrEqualTo(28);
    }
}
