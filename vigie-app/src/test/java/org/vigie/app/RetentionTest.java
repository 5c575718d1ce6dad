package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.retention.RetentionPurge;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.Incident;
import org.vigie.core.model.SourceKind;
import org.vigie.store.AuditQuery;
import org.vigie.store.EventAggregate;
import org.vigie.store.VideoCountRepository;

/** Retention on a real platform whose clock the test moves by weeks: evidence goes, old events become counts. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-07-14T03:00:00Z");

    @TempDir
    Path dataDir;

    private static Event event(Instant at, SourceKind kind, double north) {
        return Event.builder().occurredAt(at).receivedAt(at).source(kind, "src").type(EventType.GRAFFITI)
                .location(43.2965 + north, 5.3698, 30).confidence(0.8).build();
    }

    @Test
    void evidencePastItsDaysIsDeletedAndOldEventsBecomeCounts() throws Exception {
        var clock = new TestClock(NOW);
        VigieConfig base = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        VigieConfig config = base.withRetention(new VigieConfig.Retention(dataDir.resolve("evidence"), 30, 90,
                Duration.ofDays(1)));
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), clock)) {
            var evidence = platform.evidence();
            EvidenceRef old = evidence.put(EvidenceRef.Kind.SNAPSHOT, "image/jpeg", bytes("old"), NOW.minus(Duration.ofDays(31)));
            EvidenceRef recent = evidence.put(EvidenceRef.Kind.SNAPSHOT, "image/jpeg", bytes("recent"),
                    NOW.minus(Duration.ofDays(29)));
            Instant longAgo = NOW.minus(Duration.ofDays(100));
            var ancient = new ArrayList<Event>();
            for (int i = 0; i < 3; i++) {
                ancient.add(event(longAgo.plusSeconds(i * 60L), i == 0 ? SourceKind.CAMERA : SourceKind.CITIZEN, i * 1e-4));
            }
            Event lastMonth = event(NOW.minus(Duration.ofDays(60)), SourceKind.CITIZEN, 0);
            var all = new ArrayList<>(ancient);
            all.add(lastMonth);
            platform.store().ingest(all, List.of());
            Instant oldMinute = NOW.minus(Duration.ofDays(91)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            Instant newMinute = NOW.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            platform.store().videoCounts().save(List.of(
                    new VideoCountRepository.Count("cam-1", oldMinute, "entrance", "entries", "person", 7),
                    new VideoCountRepository.Count("cam-1", newMinute, "entrance", "entries", "person", 4)));
            var engine = new CorrelationEngine(CorrelationRules.defaults());
            var changes = engine.process(ancient);
            platform.store().incidents().apply(changes);
            Incident incident = changes.getLast().incident();

            RetentionPurge.Report first = platform.retention().run();

            assertThat(first.evidencePurged()).isEqualTo(1);
            assertThat(evidence.open(old.uri())).isEmpty();
            assertThat(evidence.open(recent.uri())).isPresent();
            assertThat(first.eventsReduced()).isEqualTo(3);
            assertThat(first.cameraMinutesReduced()).isEqualTo(1);
            assertThat(platform.store().videoCounts().find("cam-1", NOW.minus(Duration.ofDays(100)), NOW))
                    .extracting(VideoCountRepository.Count::minute).containsExactly(newMinute);
            LocalDate oldDay = LocalDate.ofInstant(oldMinute, ZoneOffset.UTC);
            assertThat(platform.store().videoCounts().daily("cam-1", oldDay, oldDay)).singleElement()
                    .extracting(VideoCountRepository.DailyCount::value).isEqualTo(7L);
            assertThat(platform.store().events().findAll(ancient.stream().map(Event::id).toList())).isEmpty();
            assertThat(platform.store().events().find(lastMonth.id())).isPresent();
            LocalDate day = LocalDate.ofInstant(longAgo, ZoneOffset.UTC);
            List<EventAggregate> counts = platform.store().retention().aggregates(day, day);
            assertThat(counts).extracting(EventAggregate::sourceKind, EventAggregate::events)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SourceKind.CAMERA, 1L),
                            org.assertj.core.groups.Tuple.tuple(SourceKind.CITIZEN, 2L));
            Incident kept = platform.store().incidents().find(incident.id()).orElseThrow();
            assertThat(kept.eventIds()).isEqualTo(incident.eventIds());
            assertThat(kept.firstSeen()).isEqualTo(incident.firstSeen());

            // Two days later the recent snapshot is 31 days old; a month later the last-month event is 90+ days old.
            clock.advance(Duration.ofDays(2));
            assertThat(platform.retention().run().evidencePurged()).isEqualTo(1);
            assertThat(evidence.open(recent.uri())).isEmpty();
            clock.advance(Duration.ofDays(29));
            assertThat(platform.retention().run().eventsReduced()).isEqualTo(1);

            String scrape = platform.metrics().scrape();
            assertThat(scrape).contains("vigie_retention_evidence_purged_total 2.0", "vigie_retention_events_reduced_total 4.0");
            assertThat(platform.store().audit().search(new AuditQuery("vigie:retention", "retention.purge", null, null, 10)))
                    .hasSizeGreaterThanOrEqualTo(3);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
