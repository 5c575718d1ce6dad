package org.vigie.app.anomaly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.anomaly.Anomaly;
import org.vigie.core.anomaly.AnomalyDetector;
import org.vigie.core.anomaly.CellZones;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.anomaly.LocalHours;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.anomaly.ZoneScheme;
import org.vigie.core.geo.City;
import org.vigie.core.model.Event;
import org.vigie.server.ingest.IngestService;
import org.vigie.store.Store;

/**
 * Runs anomaly baselines live. At start it rebuilds the history of the last weeks from the store's counts; then it
 * counts every event that ingestion stores, and once a minute closes the local hours that ended more than
 * {@code lateness} ago. The anomalies it finds are ingested like any other event (channel {@value #CHANNEL}), so
 * they are stored, correlated and shown to operators.
 *
 * <p>History starts at the oldest stored event within the window, or at start-up on an empty store; events that
 * occurred before it are not used (a replayed past, a record from last year) so that they cannot fake weeks of
 * quiet. Hours while the platform was down count as hours without events. After a restart, the last hour or so is
 * tested again: anomaly ids depend only on zone, type and hour, so what was already stored is a duplicate.
 *
 * <p>Thread-safe: ingest threads count, the monitor's own thread closes hours, both under this object's lock.
 */
public final class AnomalyMonitor implements AutoCloseable {
    public static final String CHANNEL = "fusion:anomaly";
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyMonitor.class);
    /** Every time zone's offset is a multiple of 15 minutes, so such buckets never straddle two local hours. */
    private static final Duration BUCKET = Duration.ofMinutes(15);
    /** Hours that ended this long before start-up are tested again (one that may not have been, before a restart). */
    private static final Duration RETEST = Duration.ofHours(1);
    private static final Duration TICK = Duration.ofMinutes(1);

    private final AnomalyDetector detector;
    private final Store store;
    private final IngestService ingest;
    private final Clock clock;
    private final Duration lateness;
    private final Counter detected;
    private final Counter late;
    private final Counter unused;
    private final List<Event> unsent = new ArrayList<>();
    private ScheduledExecutorService timer;

    AnomalyMonitor(AnomalyDetector detector, Store store, IngestService ingest, Clock clock, Duration lateness,
                   MeterRegistry metrics) {
        this.detector = detector;
        this.store = store;
        this.ingest = ingest;
        this.clock = clock;
        this.lateness = lateness;
        this.detected = metrics.counter("vigie.anomaly.detected");
        this.late = metrics.counter("vigie.anomaly.events", "outcome", "late");
        this.unused = metrics.counter("vigie.anomaly.events", "outcome", "unused");
        metrics.gauge("vigie.anomaly.series", this, m -> m.stats().series());
    }

    /** Rebuilds the baselines, subscribes to ingestion and starts closing hours once a minute. */
    public static AnomalyMonitor start(VigieConfig.Anomalies config, City city, java.time.ZoneId timeZone, Store store,
                                       IngestService ingest, Clock clock, MeterRegistry metrics) {
        var detector = new AnomalyDetector(config.settings(), zones(config, city), new LocalHours(timeZone));
        var monitor = new AnomalyMonitor(detector, store, ingest, clock, config.lateness(), metrics);
        monitor.rebuild();
        ingest.addAcceptedListener(monitor::count);
        monitor.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("anomaly-monitor")
                .daemon(true).unstarted(r));
        monitor.timer.scheduleWithFixedDelay(monitor::tickLogged, TICK.toSeconds(), TICK.toSeconds(), TimeUnit.SECONDS);
        return monitor;
    }

    public static ZoneScheme zones(VigieConfig.Anomalies config, City city) {
        return config.zones() == VigieConfig.AnomalyZones.CELLS ? new CellZones(config.zoneResolution())
                : new DistrictZones(city);
    }

    /** Reads the last weeks' counts from the store into the history, closing the hours before now quietly. */
    synchronized void rebuild() {
        Instant now = clock.instant();
        Instant from = detector.hours().start(now.minus(Duration.ofDays(7L * detector.settings().weeks())));
        Map<Long, Optional<Zone>> zoneOfCell = new HashMap<>();
        long[] rows = {0, 0, 0};
        store.events().forEachCount(from, now, BUCKET, c -> {
            rows[0]++;
            Optional<Zone> zone = zoneOfCell.computeIfAbsent(c.cell(), detector.zones()::zoneOfCell);
            if (zone.isPresent()) {
                detector.observe(zone.get(), c.type(), c.bucketStart(), c.count());
                rows[1] += c.count();
            } else {
                rows[2] += c.count();
            }
        });
        detector.startAt(now);
        detector.advanceQuietlyTo(now.minus(lateness).minus(RETEST));
        LOG.info("anomaly baselines: {} event(s) of the last {} week(s) from the store ({} outside the {} zones), "
                        + "history from {}", rows[1], detector.settings().weeks(), rows[2], detector.zones().name(),
                detector.historyStart());
    }

    /** Counts newly stored events (called by ingestion, on its threads). */
    void count(List<Event> events) {
        synchronized (this) {
            for (Event e : events) {
                switch (detector.observe(e)) {
                    case LATE -> late.increment();
                    case BEFORE_HISTORY, OUTSIDE_ZONES -> unused.increment();
                    case COUNTED, DERIVED -> { }
                }
            }
        }
    }

    /**
     * Closes and tests the hours that ended at least {@code lateness} ago, and ingests what they reveal.
     *
     * @return the anomaly events ingested by this call (including any a failed call left unsent)
     */
    public List<Event> tick() {
        Instant now = clock.instant();
        List<Event> toSend;
        synchronized (this) {
            for (Anomaly a : detector.advanceTo(now.minus(lateness))) {
                LOG.info("anomaly: {}", a.explanation());
                detected.increment();
                unsent.add(a.toEvent(now));
            }
            toSend = List.copyOf(unsent);
        }
        if (toSend.isEmpty()) {
            return toSend;
        }
        ingest.ingestEvents(toSend, CHANNEL);
        synchronized (this) {
            unsent.removeAll(toSend);
        }
        return toSend;
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            // Kept in unsent and retried next minute; ids make a retry harmless.
            LOG.warn("anomaly monitor: could not ingest anomalies, will retry", e);
        }
    }

    public synchronized AnomalyDetector.Stats stats() {
        return detector.stats();
    }

    /** The baseline λ for a zone, type and hour of the week, as the monitor would test it now. */
    public synchronized double expected(String zoneId, org.vigie.core.model.EventType type, int hourOfWeek) {
        return detector.expected(zoneId, type, hourOfWeek);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
