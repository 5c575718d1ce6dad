package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.Cells;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/** Counts per time bucket, type and cell for anomaly baselines, the same on both engines. */
class EventCountsTest extends OnBothEngines {
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    static final double LAT = 43.2951;
    static final double LON = 5.3744;

    @Override
    Clock clock() {
        return Clock.fixed(T, ZoneOffset.UTC);
    }

    static Event event(EventType type, SourceKind kind, Instant at, double lat) {
        return Event.builder().type(type).source(kind, "s").occurredAt(at).receivedAt(at.plusSeconds(5))
                .location(lat, LON, 10).build();
    }

    @Test
    void countsEventsPerBucketTypeAndCellLeavingOutFusedOnes() {
        var events = new ArrayList<Event>();
        for (int i = 0; i < 3; i++) {
            events.add(event(EventType.NOISE, SourceKind.CITIZEN, T.plusSeconds(60 * i), LAT)); // bucket 10:00
        }
        events.add(event(EventType.NOISE, SourceKind.CITIZEN, T.plus(Duration.ofMinutes(15)), LAT)); // bucket 10:15
        events.add(event(EventType.THEFT, SourceKind.POLICE, T.plusSeconds(30), LAT));
        events.add(event(EventType.NOISE, SourceKind.CITIZEN, T.plusSeconds(90), LAT + 0.02)); // another cell
        events.add(event(EventType.ANOMALY, SourceKind.FUSION, T.plusSeconds(10), LAT));
        events.add(event(EventType.NOISE, SourceKind.FUSION, T.plusSeconds(10), LAT));
        events.add(event(EventType.NOISE, SourceKind.CITIZEN, T.minusSeconds(1), LAT)); // before from
        events.add(event(EventType.NOISE, SourceKind.CITIZEN, T.plus(Duration.ofHours(1)), LAT)); // at to: excluded
        store.ingest(events, List.of());

        var got = new ArrayList<EventCount>();
        store.events().forEachCount(T, T.plus(Duration.ofHours(1)), Duration.ofMinutes(15), got::add);

        long port = Cells.cell(LAT, LON, Cells.EVENT_RESOLUTION);
        long north = Cells.cell(LAT + 0.02, LON, Cells.EVENT_RESOLUTION);
        assertThat(got).containsExactlyInAnyOrder(
                new EventCount(T, EventType.NOISE, port, 3),
                new EventCount(T, EventType.THEFT, port, 1),
                new EventCount(T, EventType.NOISE, north, 1),
                new EventCount(T.plus(Duration.ofMinutes(15)), EventType.NOISE, port, 1));
        assertThat(got.get(got.size() - 1).bucketStart()).isEqualTo(T.plus(Duration.ofMinutes(15)));
    }

    @Test
    void anEmptyStoreHasNoCountsAndBadBucketsAreRefused() {
        var got = new ArrayList<EventCount>();
        store.events().forEachCount(T.minus(Duration.ofDays(56)), T, Duration.ofMinutes(15), got::add);
        assertThat(got).isEmpty();
        assertThatThrownBy(() -> store.events().forEachCount(T, T, Duration.ofMillis(10), got::add))
                .hasMessageContaining("at least 1 s");
    }
}
