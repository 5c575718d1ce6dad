package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.store.VideoCountRepository.Count;

/** Per-minute camera counts: stored, a minute written again replaced, read back by period, purged: both engines. */
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

        assertThat(counts.purgeBefore(M0.plusSeconds(60))).isEqualTo(3);
        assertThat(counts.find("cam-1", M0, M0.plusSeconds(3600))).hasSize(1);
    }
}
