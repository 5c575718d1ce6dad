package org.vigie.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdTest {
    @Test
    void isVersion7Variant2() {
        for (int i = 0; i < 1000; i++) {
            UUID u = EventId.newId().value();
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.toString().charAt(14)).isEqualTo('7');
            assertThat(u.toString().charAt(19)).isIn('8', '9', 'a', 'b');
        }
        assertThat(IncidentId.newId().value().version()).isEqualTo(7);
    }

    @Test
    void tenThousandIdsMadeInSequenceStrictlyIncrease() {
        var ids = new ArrayList<EventId>(10_000);
        for (int i = 0; i < 10_000; i++) {
            ids.add(EventId.newId());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i).compareTo(ids.get(i - 1))).as("id %d after id %d", i, i - 1).isPositive();
            assertThat(ids.get(i).toString()).isGreaterThan(ids.get(i - 1).toString());
        }
        assertThat(new HashSet<>(ids)).hasSize(10_000);
    }

    @Test
    void orderIsTheOrderOfTheTextEvenWhenTheTopBitIsSet() {
        // java.util.UUID.compareTo is signed; ids must sort like their text, as they do in a database index.
        UUID low = EventId.Uuid7.make(0x7FFF_FFFF_FFFFL, 0, 0);
        UUID high = EventId.Uuid7.make(0x8000_0000_0000L, 0, 0);
        assertThat(EventId.Uuid7.compare(low, high)).isNegative();
        assertThat(low.toString()).isLessThan(high.toString());
        var ids = new ArrayList<>(List.of(new EventId(high), new EventId(low)));
        ids.sort(Comparator.naturalOrder());
        assertThat(ids).extracting(EventId::value).containsExactly(low, high);
    }

    @Test
    void timestampIsTheCreationMillisecond() {
        long before = System.currentTimeMillis();
        EventId id = EventId.newId();
        long after = System.currentTimeMillis();
        Instant t = EventId.Uuid7.timestamp(id.value());
        // A burst of more than 4096 ids in a millisecond borrows the next one; allow that little drift.
        assertThat(t.toEpochMilli()).isBetween(before, after + 50);
    }

    @Test
    void makeLaysOutTimestampCounterAndRandomBits() {
        Instant at = Instant.parse("2026-07-14T21:30:00.123Z");
        UUID u = EventId.Uuid7.make(at.toEpochMilli(), 0xABC, -1L);
        assertThat(EventId.Uuid7.timestamp(u)).isEqualTo(at);
        assertThat(u.getMostSignificantBits() & 0xFFF).isEqualTo(0xABC);
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.variant()).isEqualTo(2);
        assertThat(u.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL).isEqualTo(0x3FFF_FFFF_FFFF_FFFFL);
    }

    @Test
    void textRoundTrips() {
        EventId id = EventId.newId();
        assertThat(EventId.parse(id.toString())).isEqualTo(id);
        IncidentId iid = IncidentId.newId();
        assertThat(IncidentId.parse(iid.toString())).isEqualTo(iid);
    }
}
