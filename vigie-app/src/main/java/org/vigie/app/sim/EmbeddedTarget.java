package org.vigie.app.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.vigie.app.Platform;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.correlate.Correlator;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.server.ingest.IngestResult;

/**
 * The embedded platform as a load target: a {@link Platform} started in this process on a data folder (SQLite
 * store, in-process correlator, its HTTP server on a free port of the loopback interface), fed through the same
 * ingest as every in-process source.
 *
 * <p>An incident change is visible once the store has applied it. The platform registers the store as the
 * correlator's first listener; this target's listener comes after it, on the correlator's thread, and so sees a
 * change only after the store applied it. The correlator tells later listeners even when an earlier one failed,
 * so a change told after a failure (the correlator's failure count moved since the last change this listener
 * saw) is not passed on: the store may not hold it.
 */
public final class EmbeddedTarget implements LoadTarget {
    /** The channel the events are ingested on: the platform's metrics count them apart. */
    static final String CHANNEL = "sim:city";

    private final Platform platform;
    private final AtomicLong accepted = new AtomicLong();
    private final long processedBefore;
    private volatile Consumer<IncidentChange> listener = change -> { };
    private long failuresSeen;

    private EmbeddedTarget(Platform platform) {
        this.platform = platform;
        Correlator correlator = platform.correlator();
        this.processedBefore = correlator.eventsProcessed();
        this.failuresSeen = correlator.listenerFailures();
        // Every event the correlator is handed, from this load or from the platform itself (anomaly detection).
        platform.ingest().addAcceptedListener(events -> accepted.addAndGet(events.size()));
        correlator.addListener(this::told);
    }

    /** Starts the platform on {@code dataDir}; its HTTP server listens on 127.0.0.1 on a free port. */
    public static EmbeddedTarget start(Path dataDir, Clock clock) {
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        return new EmbeddedTarget(Platform.start(config, clock));
    }

    @Override
    public void send(List<Event> batch) {
        IngestResult result = platform.ingest().ingestEvents(batch, CHANNEL);
        if (result.accepted() + result.duplicates() != batch.size()) {
            throw new IllegalStateException("the platform stored " + result.accepted() + " and found "
                    + result.duplicates() + " already stored of a batch of " + batch.size());
        }
    }

    @Override
    public void onIncidentChange(Consumer<IncidentChange> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Events handed to the correlator and not yet applied by it. */
    @Override
    public long lag() {
        return Math.max(0, accepted.get() - (platform.correlator().eventsProcessed() - processedBefore));
    }

    @Override
    public Set<EventId> storedAmong(Collection<EventId> ids) {
        var stored = new HashSet<EventId>();
        platform.store().events().findAll(ids).forEach(e -> stored.add(e.id()));
        return stored;
    }

    /** The platform, for a caller that wants to look at what the load left (incidents, metrics). */
    public Platform platform() {
        return platform;
    }

    /** Stops the platform once the correlator has applied what it holds. */
    @Override
    public void close() {
        platform.close();
    }

    private void told(List<IncidentChange> changes) {
        long failures = platform.correlator().listenerFailures();
        if (failures != failuresSeen) {
            failuresSeen = failures;
            return;
        }
        Consumer<IncidentChange> l = listener;
        changes.forEach(l);
    }
}
