package org.vigie.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class LocalHoursTest {
    static final LocalHours PARIS = new LocalHours(ZoneId.of("Europe/Paris"));

    @Test
    void hourOfWeekCountsFromMondayMidnightLocalTime() {
        // 2025-03-10 is a Monday; 00:30 in Paris (winter) is 23:30 UTC the day before.
        assertThat(PARIS.hourOfWeek(PARIS.start(Instant.parse("2025-03-09T23:30:00Z")))).isZero();
        assertThat(PARIS.hourOfWeek(PARIS.start(Instant.parse("2025-03-09T22:30:00Z")))).isEqualTo(167);
        assertThat(PARIS.hourOfWeek(PARIS.start(Instant.parse("2025-03-14T21:10:00Z")))).isEqualTo(4 * 24 + 22);
        assertThat(LocalHours.describeHourOfWeek(4 * 24 + 22)).isEqualTo("Friday 22:00");
    }

    @Test
    void springChangeSkipsTheMissingLocalHour() {
        // Sunday 30 March 2025: 02:00 local does not exist (clocks go from 02:00 CET to 03:00 CEST).
        var hows = new ArrayList<Integer>();
        var locals = new ArrayList<Integer>();
        for (Instant h = PARIS.start(Instant.parse("2025-03-29T23:00:00Z")); h.isBefore(Instant.parse("2025-03-30T03:00:00Z"));
             h = PARIS.next(h)) {
            hows.add(PARIS.hourOfWeek(h));
            locals.add(LocalDateTime.ofInstant(h, PARIS.zone()).getHour());
            assertThat(PARIS.next(h)).isEqualTo(h.plusSeconds(3600));
        }
        assertThat(locals).containsExactly(0, 1, 3, 4);
        assertThat(hows).containsExactly(144, 145, 147, 148);
    }

    @Test
    void autumnChangeRepeatsTheLocalHourAsTwoHoursWithOneHourOfWeek() {
        // Sunday 26 October 2025: 02:00–03:00 local happens first in CEST (00:00Z), then in CET (01:00Z).
        Instant first = PARIS.start(Instant.parse("2025-10-26T00:40:00Z"));
        Instant second = PARIS.start(Instant.parse("2025-10-26T01:40:00Z"));
        assertThat(first).isEqualTo(Instant.parse("2025-10-26T00:00:00Z"));
        assertThat(second).isEqualTo(Instant.parse("2025-10-26T01:00:00Z"));
        assertThat(PARIS.next(first)).isEqualTo(second);
        assertThat(PARIS.hourOfWeek(first)).isEqualTo(PARIS.hourOfWeek(second)).isEqualTo(6 * 24 + 2);
        assertThat(PARIS.describe(first)).isEqualTo("between 02:00 and 03:00 (UTC+02:00) on Sunday 26 October 2025");
        assertThat(PARIS.describe(second)).isEqualTo("between 02:00 and 03:00 (UTC+01:00) on Sunday 26 October 2025");
        assertThat(PARIS.describe(PARIS.next(second))).isEqualTo("between 03:00 and 04:00 on Sunday 26 October 2025");
    }

    @Test
    void halfHourZonesStartTheirHoursAtHalfPast() {
        var kolkata = new LocalHours(ZoneId.of("Asia/Kolkata"));
        Instant h = kolkata.start(Instant.parse("2025-05-05T10:10:00Z"));
        assertThat(h).isEqualTo(Instant.parse("2025-05-05T09:30:00Z"));
        assertThat(kolkata.hourOfWeek(h)).isEqualTo(15);
        assertThat(kolkata.next(h)).isEqualTo(Instant.parse("2025-05-05T10:30:00Z"));
    }

    @Test
    void newYorkHoursFollowUsDaylightSaving() {
        var ny = new LocalHours(ZoneId.of("America/New_York"));
        // Friday 22:00 EST (UTC−5) in winter, EDT (UTC−4) in summer.
        assertThat(ny.hourOfWeek(ny.start(Instant.parse("2025-01-11T03:15:00Z")))).isEqualTo(4 * 24 + 22);
        assertThat(ny.hourOfWeek(ny.start(Instant.parse("2025-07-12T02:15:00Z")))).isEqualTo(4 * 24 + 22);
        assertThat(ny.describe(ny.start(Instant.parse("2025-07-12T02:15:00Z"))))
                .isEqualTo("between 22:00 and 23:00 on Friday 11 July 2025");
    }
}
