package org.vigie.app.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.Platform;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

class AnomalyMonitorTest {
    /** Monday 3 March 2025, 00:00 in Paris. */
    static final Instant T0 = Instant.parse("2025-03-02T23:00:00Z");
    /** Fifteen days later, ten minutes into the hour that starts at 00:00 on Tuesday 18 March in Paris. */
    static final Instant HOUR = T0.plus(Duration.ofDays(15));
    static final Instant NOW = HOUR.plus(Duration.ofMinutes(10));

    @TempDir
    Path dir;

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    VigieConfig config(boolean enabled) {
        var settings = AnomalySettings.defaults().withWeeks(2).withMinHistory(Duration.ofDays(7));
        return VigieConfig.embedded(dir.resolve("data"), 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withAnomalies(new VigieConfig.Anomalies(enabled, VigieConfig.AnomalyZones.DISTRICTS, 7, settings,
                        Duration.ofMinutes(15)));
    }

    static Event report(EventType type, Zone zone, Instant at, Instant receivedAt) {
        return Event.builder().type(type).source(SourceKind.CITIZEN, "open311").occurredAt(at).receivedAt(receivedAt)
                .location(zone.lat(), zone.lon(), 25).build();
    }

    static List<Zone> zones() {
        var all = new DistrictZones(Marseille.approximateCity()).all();
        return all.subList(0, 4); // 13201..13204
    }

    /** Fifteen days of graffiti and noise reports in four districts, about one an hour each by day. */
    static List<Event> history() {
        var rnd = new Random(3);
        var events = new ArrayList<Event>();
        for (Instant h = T0; h.isBefore(HOUR); h = h.plus(Duration.ofHours(1))) {
            for (Zone z : zones()) {
                for (EventType t : List.of(EventType.GRAFFITI, EventType.NOISE)) {
                    if (rnd.nextDouble() < 0.5) {
                        events.add(report(t, z, h.plusSeconds(rnd.nextInt(3600)), NOW));
                    }
                }
            }
        }
        return events;
    }

    @Test
    void rebuildsFromTheStoreClosesHoursAndIngestsAnomalyEvents() {
        var clock = new MovableClock(NOW);
        List<Event> history = history();
        long inWindow = history.stream().filter(e -> !e.occurredAt().isBefore(HOUR.minus(Duration.ofDays(14)))).count();
        try (Platform p = Platform.start(config(true), clock)) {
            p.ingest().ingestEvents(history, "test");
            // Before the monitor's history (it started with an empty store): stored, not used until a restart.
            assertThat(p.anomalies().orElseThrow().stats().beforeHistory()).isEqualTo(history.size());
        }

        Zone second = zones().get(1);
        Event[] anomaly = new Event[1];
        long stored;
        try (Platform p = Platform.start(config(true), clock)) {
            AnomalyMonitor m = p.anomalies().orElseThrow();
            assertThat(m.stats().counted()).isEqualTo(inWindow);
            assertThat(m.expected(second.id(), EventType.GRAFFITI, 14)).isBetween(0.2, 1.0);

            var burst = new ArrayList<Event>();
            for (int i = 0; i < 12; i++) {
                burst.add(report(EventType.GRAFFITI, second, HOUR.plusSeconds(30L * i), NOW));
            }
            p.ingest().ingestEvents(burst, "test");
            assertThat(m.tick()).as("the hour is not over").isEmpty();
            clock.set(HOUR.plus(Duration.ofMinutes(60 + 14)));
            assertThat(m.tick()).as("late reports may still come").isEmpty();
            clock.set(HOUR.plus(Duration.ofMinutes(60 + 15)));
            List<Event> sent = m.tick();

            assertThat(sent).hasSize(1);
            anomaly[0] = sent.get(0);
            assertThat(anomaly[0].type()).isEqualTo(EventType.ANOMALY);
            assertThat(anomaly[0].attributes().findText("zone")).contains(second.id());
            assertThat(anomaly[0].attributes().findText("explanation").orElseThrow())
                    .startsWith("12 reports of graffiti in Marseille 2e Arrondissement between 00:00 and 01:00 on Tuesday 18 March 2025");
            assertThat(p.store().events().find(anomaly[0].id())).hasValueSatisfying(e -> {
                assertThat(e.source().kind()).isEqualTo(SourceKind.FUSION);
                assertThat(e.occurredAt()).isEqualTo(HOUR);
            });
            assertThat(m.tick()).isEmpty();
            // The anomaly came back through ingestion and was kept out of the baselines.
            assertThat(m.stats().derived()).isEqualTo(1);
            stored = p.store().events().count();
        }

        // After a restart the last hour is tested again: the same anomaly, the same id, stored once.
        try (Platform p = Platform.start(config(true), clock)) {
            List<Event> again = p.anomalies().orElseThrow().tick();
            assertThat(again).extracting(Event::id).containsExactly(anomaly[0].id());
            assertThat(p.store().events().count()).isEqualTo(stored);
        }
    }

    @Test
    void canBeTurnedOff() {
        try (Platform p = Platform.start(config(false), new MovableClock(NOW))) {
            assertThat(p.anomalies()).isEmpty();
            p.ingest().ingestEvents(List.of(report(EventType.NOISE, zones().get(0), NOW, NOW)), "test");
            assertThat(p.store().events().count()).isEqualTo(1);
        }
    }
}
