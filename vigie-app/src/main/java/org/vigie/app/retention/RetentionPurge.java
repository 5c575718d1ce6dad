package org.vigie.app.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.Principal;
import org.vigie.server.access.Role;
import org.vigie.store.Store;

/**
 * Deletes evidence older than {@code evidence-days} and reduces events older than {@code event-days} to counts, at
 * start-up and then every {@code every}. Each run is in the audit log and in the metrics
 * ({@code vigie.retention.evidence.purged}, {@code vigie.retention.events.reduced}). A failed run is logged and
 * retried at the next; it never stops the platform.
 */
public final class RetentionPurge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
    /** Who purges, in the audit log: the platform itself, not a person. */
    public static final Principal ACTOR = new Principal("vigie:retention", Role.SOURCE);

    /** What one run removed. */
    public record Report(Instant evidenceCutoff, int evidencePurged, Instant eventCutoff, long eventsReduced,
                         long cameraMinutesReduced) {
    }

    private final VigieConfig.Retention settings;
    private final EvidenceStore evidence;
    private final Store store;
    private final AuditTrail audit;
    private final Clock clock;
    private final Counter evidencePurged;
    private final Counter eventsReduced;
    private final Counter failures;
    private ScheduledExecutorService scheduler;

    public RetentionPurge(VigieConfig.Retention settings, EvidenceStore evidence, Store store, AuditTrail audit, Clock clock,
                          MeterRegistry metrics) {
        this.settings = settings;
        this.evidence = evidence;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.evidencePurged = Counter.builder("vigie.retention.evidence.purged").description("evidence items deleted")
                .register(metrics);
        this.eventsReduced = Counter.builder("vigie.retention.events.reduced")
                .description("events reduced to daily counts").register(metrics);
        this.failures = Counter.builder("vigie.retention.failures").description("purge runs that failed").register(metrics);
    }

    /** Runs now (before the server takes anything in), then every {@code every} on its own thread. */
    public RetentionPurge start() {
        runLogged();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigie-retention");
            t.setDaemon(true);
            return t;
        });
        long every = settings.every().toMillis();
        scheduler.scheduleWithFixedDelay(this::runLogged, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private void runLogged() {
        try {
            Report r = run();
            if (r.evidencePurged() > 0 || r.eventsReduced() > 0) {
                LOG.info("retention: {} evidence item(s) captured before {} deleted, {} event(s) before {} reduced to counts",
                        r.evidencePurged(), r.evidenceCutoff(), r.eventsReduced(), r.eventCutoff());
            }
        } catch (RuntimeException e) {
            failures.increment();
            LOG.error("retention purge failed; it runs again in {}", settings.every(), e);
        }
    }

    /** One purge, now by the clock. */
    public Report run() {
        Instant now = clock.instant();
        Instant evidenceCutoff = now.minus(Duration.ofDays(settings.evidenceDays()));
        Instant eventCutoff = now.minus(Duration.ofDays(settings.eventDays()));
        int purged;
        try {
            purged = evidence.purgeCapturedBefore(evidenceCutoff);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot purge evidence captured before " + evidenceCutoff, e);
        }
        evidencePurged.increment(purged);
        long reduced = store.retention().reduceEventsBefore(eventCutoff);
        eventsReduced.increment(reduced);
        // Cameras' per-minute counts are anonymous already; their minutes go with the events they sit beside, and
        // their days stay, as the events' daily counts do.
        long counts = store.videoCounts().reduceBefore(eventCutoff);
        audit.record(ACTOR, "retention.purge", "", purged + " evidence item(s) captured before " + evidenceCutoff
                + " deleted; " + reduced + " event(s) before " + eventCutoff + " reduced to counts; " + counts
                + " per-minute camera count(s) before " + eventCutoff + " reduced to days");
        return new Report(evidenceCutoff, purged, eventCutoff, reduced, counts);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
