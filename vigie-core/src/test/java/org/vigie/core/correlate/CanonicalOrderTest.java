package org.vigie.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

class CanonicalOrderTest {
    /** The order's definition, as key extractors: slow (it builds source texts) but plainly right. */
    private static final Comparator<Event> DEFINITION = Comparator.comparing(Event::occurredAt)
            .thenComparing(e -> e.type().jsonName())
            .thenComparingDouble(e -> e.location().lat())
            .thenComparingDouble(e -> e.location().lon())
            .thenComparing(e -> e.source().toString())
            .thenComparing(Event::id);

    @Test
    void ordersEveryPairAsItsDefinitionDoes() {
        var random = new SplittableRandom(7);
        Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
        var events = new ArrayList<Event>();
        for (int n = 0; n < 600; n++) {
            // Few distinct values per field, so that ties at every level occur.
            Instant at = t0.plusSeconds(random.nextInt(3));
            EventType type = EventType.values()[random.nextInt(EventType.values().length)];
            SourceKind kind = SourceKind.values()[random.nextInt(SourceKind.values().length)];
            events.add(Event.builder().id(new EventId(EventId.Uuid7.make(at.toEpochMilli(), n, random.nextLong())))
                    .type(random.nextInt(3) == 0 ? EventType.FIRE : type).occurredAt(at).receivedAt(at)
                    .source(random.nextBoolean() ? SourceKind.CAMERA : kind, "s-" + random.nextInt(3))
                    .location(43.3 + random.nextInt(2) * 0.001, 5.4 + random.nextInt(2) * 0.001, 10)
                    .confidence(0.5).build());
        }
        for (Event a : events.subList(0, 200)) {
            for (Event b : events) {
                assertThat(Integer.signum(CanonicalOrder.INSTANCE.compare(a, b)))
                        .as("%s vs %s", a, b).isEqualTo(Integer.signum(DEFINITION.compare(a, b)));
            }
        }
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(CanonicalOrder.INSTANCE);
        List<Event> reference = new ArrayList<>(events);
        reference.sort(DEFINITION);
        assertThat(sorted).isEqualTo(reference);
    }
}
