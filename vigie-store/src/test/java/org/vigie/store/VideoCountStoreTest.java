package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vigie.store.VideoCountRepository.Count;
import org.vigie.store.VideoCountRepository.DailyCount;

/**
 * Per-minute camera counts: stored, a minute written again replaced, read back by period, reduced to days past the
 * retention: both engines.
 */
class VideoCountStoreTest extends OnBothEngines {
    private static final Instant M0 = Instant.parse("2026-07-14T10:00:00Z");

    @Test
    void minutesAreStoredReplacedAndReadBackByPeriodAndCamera() {
        var counts = store.videoCounts();
        counts.save(List.of(
                new Count("cam-1", M0, "parvis", "entries", "person", 12),
                new Count("cam-1", M0, "parvis", "peak", "person", 4),
                new Count("cam-1", M0.plusSeconds(60), "passage", "crossings_left_to_right", "vehicle", 3),
                new Count("cam-2", M0, "parvis", "entries", "person", 99)));
        // the camera restarted within the minute: the minute is written again and replaces the first value
        counts.save(List.of(new Count("cam-1", M0, "parvis", "entries", "person", 15)));

        List<Count> all = counts.find("cam-1", M0, M0.plusSeconds(3600));
        assertThat(all).containsExactly(
                new Count("cam-1", M0, "parvis", "entries", "person", 15),
                new Count("cam-1", M0, "parvis", "peak", "person", 4),
                new Count("cam-1", M0.plusSeconds(60), "passage", "crossings_left_to_right", "vehicle", 3));
        // [from, to): the second minute only
        assertThat(counts.find("cam-1", M0.plusSeconds(60), M0.plusSeconds(120))).singleElement()
                .extracting(Count::place).isEqualTo("passage");
        assertThat(counts.find("cam-3", M0, M0.plusSeconds(3600))).isEmpty();

        assertThat(counts.reduceBefore(M0.plusSeconds(60))).isEqualTo(3);
        assertThat(counts.find("cam-1", M0, M0.plusSeconds(3600))).hasSize(1);
    }

    @Test
    void minutesPastTheCutoffBecomeDaysSummedOrAtTheirPeakAndNothingIsCountedTwice() {
        var counts = store.videoCounts();
        LocalDate day = LocalDate.of(2026, 7, 14);
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        var minutes = new ArrayList<Count>();
        long entries = 0;
        for (int m = 0; m < 2 * 1440; m += 7) { // two days, a minute in seven
            Instant at = midnight.plus(Duration.ofMinutes(m));
            minutes.add(new Count("cam-1", at, "parvis", "entries", "person", m % 11));
            minutes.add(new Count("cam-1", at, "parvis", VideoCountRepository.PEAK, "person", (m * 13) % 17));
            if (m < 1440) {
                entries += m % 11;
            }
        }
        minutes.add(new Count("cam-2", midnight.plusSeconds(60), "quai", "crossings_left_to_right", "vehicle", 5));
        counts.save(minutes);
        List<DailyCount> before = counts.daily("cam-1", day, day.plusDays(1));

        // A cutoff in the middle of the first day, then one a day later: the first day is reduced in two runs.
        Instant noon = midnight.plus(Duration.ofHours(12));
        long first = counts.reduceBefore(noon);
        assertThat(counts.find("cam-1", midnight, noon)).isEmpty();
        assertThat(counts.find("cam-2", midnight, noon)).isEmpty();
        assertThat(counts.daily("cam-1", day, day.plusDays(1))).as("half reduced, half in minutes").isEqualTo(before);
        long second = counts.reduceBefore(noon.plus(Duration.ofDays(1)));
        assertThat(counts.reduceBefore(noon.plus(Duration.ofDays(1)))).as("nothing left to reduce").isZero();
        assertThat(first + second).isEqualTo(minutes.size() - minutes.stream()
                .filter(c -> !c.minute().isBefore(noon.plus(Duration.ofDays(1)))).count());

        List<DailyCount> after = counts.daily("cam-1", day, day.plusDays(1));
        assertThat(after).isEqualTo(before);
        assertThat(after).filteredOn(d -> d.day().equals(day) && d.measure().equals("entries")).singleElement()
                .extracting(DailyCount::value).isEqualTo(entries);
        assertThat(after).filteredOn(d -> d.day().equals(day) && d.measure().equals(VideoCountRepository.PEAK))
                .singleElement().extracting(DailyCount::value).isEqualTo(16L);
        assertThat(counts.daily("cam-2", day, day)).containsExactly(
                new DailyCount("cam-2", day, "quai", "crossings_left_to_right", "vehicle", 5));
        assertThat(counts.daily("cam-1", day.minusDays(3), day.minusDays(1))).isEmpty();
    }

    @Test
    void weeksOfMinutesAreReducedAWeekAtATimeIntoTheSameDays() {
        var counts = store.videoCounts();
        LocalDate day = LocalDate.of(2026, 3, 1);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        var minutes = new ArrayList<Count>();
        for (int h = 0; h < 24 * 17; h++) { // 17 days, a minute an hour: three transactions of a week at most
            minutes.add(new Count("cam-9", start.plus(Duration.ofHours(h)), "gate", "entries", "vehicle", h % 5));
        }
        counts.save(minutes);
        List<DailyCount> before = counts.daily("cam-9", day, day.plusDays(16));
        assertThat(before).hasSize(17);

        assertThat(counts.reduceBefore(start.plus(Duration.ofDays(30)))).isEqualTo(minutes.size());
        assertThat(counts.find("cam-9", start, start.plus(Duration.ofDays(30)))).isEmpty();
        assertThat(counts.daily("cam-9", day, day.plusDays(16))).isEqualTo(before);
        assertThat(before.get(0).value()).isEqualTo(IntStream.range(0, 24).map(h -> h % 5).sum());
    }
}
