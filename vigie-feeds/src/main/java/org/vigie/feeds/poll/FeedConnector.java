package org.vigie.feeds.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedParseException;

/**
 * One configured feed: a {@link FeedSource} read at an interval, each document parsed by a {@link FeedFormat}
 * and handed to a {@link FeedSink}, on its own (virtual) thread. Nothing a source, a parser or a sink does
 * stops it: a failed fetch or a refused delivery backs off ({@link Backoff}) and tries again, an unreadable
 * document goes to the quarantine, and a parser that throws something unexpected is treated as an unreadable
 * document too, so the fault can be reproduced from the quarantine.
 *
 * <p>Metrics, tagged {@code connector} and {@code format}: {@code vigie.feed.records}, {@code vigie.feed.events}
 * ({@code result=stored|duplicate}), {@code vigie.feed.quarantined}, {@code vigie.feed.polls}
 * ({@code outcome=ok|not-modified|error}), and the gauges {@code vigie.feed.consecutive.failures},
 * {@code vigie.feed.lag.event} (seconds since the newest event's {@code occurredAt}) and
 * {@code vigie.feed.lag.poll} (seconds since the last successful poll).
 */
public final class FeedConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnector.class);
    /** Names go into channels, metrics and thread names: keep them plain. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** How long {@link #close()} lets a delivery in progress (a store commit) finish before interrupting it. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    /**
     * @param name     the connector's name, unique in a process: {@code [a-z0-9][a-z0-9._-]*}
     * @param sourceId the {@link FeedContext#sourceId()} of its documents, part of every event id: it must not
     *                 change between polls or restarts
     */
    public record Settings(String name, String sourceId, Duration interval, Duration maxBackoff) {
        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("connector name '" + name + "' must match " + NAME.pattern());
            }
            if (sourceId.isBlank()) {
                throw new IllegalArgumentException("sourceId must not be blank");
            }
        }
    }

    private record Delivery(int events, int quarantined, String problem) {
    }

    private final String name;
    private final String sourceId;
    private final String channel;
    private final FeedFormat format;
    private final FeedSource source;
    private final FeedSink sink;
    private final InstantSource clock;
    private final Backoff backoff;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Thread thread;

    private volatile Instant lastAttempt;
    private volatile Instant lastSuccess;
    private volatile Instant newestEvent;
    private volatile Instant lastErrorAt;
    private volatile Instant nextPollAt;
    private volatile PollOutcome lastOutcome;
    private volatile String lastError;
    private volatile int consecutiveFailures;

    private final Counter records;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter quarantined;
    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);

    public FeedConnector(Settings settings, FeedFormat format, FeedSource source, FeedSink sink, MeterRegistry metrics,
                         InstantSource clock, RandomGenerator jitter) {
        this.name = settings.name();
        this.sourceId = settings.sourceId();
        this.format = Objects.requireNonNull(format, "format");
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(settings.interval(), settings.maxBackoff(), jitter);
        this.channel = "feed:" + format.name() + ":" + name;
        Tags tags = Tags.of("connector", name, "format", format.name());
        records = Counter.builder("vigie.feed.records").description("records in the documents read").tags(tags).register(metrics);
        stored = Counter.builder("vigie.feed.events").description("events read, by what the store did with them")
                .tags(tags).tag("result", "stored").register(metrics);
        duplicates = Counter.builder("vigie.feed.events").description("events read, by what the store did with them")
                .tags(tags).tag("result", "duplicate").register(metrics);
        quarantined = Counter.builder("vigie.feed.quarantined").description("rejected records and unreadable documents")
                .tags(tags).register(metrics);
        for (PollOutcome o : PollOutcome.values()) {
            polls.put(o, Counter.builder("vigie.feed.polls").tags(tags).tag("outcome", o.tag()).register(metrics));
        }
        Gauge.builder("vigie.feed.consecutive.failures", this, c -> c.consecutiveFailures).tags(tags)
                .strongReference(true).register(metrics);
        Gauge.builder("vigie.feed.lag.event", this, c -> c.secondsSince(c.newestEvent)).tags(tags).baseUnit("seconds")
                .description("seconds since the occurredAt of the newest event read").strongReference(true).register(metrics);
        Gauge.builder("vigie.feed.lag.poll", this, c -> c.secondsSince(c.lastSuccess)).tags(tags).baseUnit("seconds")
                .description("seconds since the last successful poll").strongReference(true).register(metrics);
    }

    public String name() {
        return name;
    }

    public String channel() {
        return channel;
    }

    /** Starts polling on a virtual thread named after the connector; the first poll is immediate. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("connector " + name + " was already started");
        }
        if (stopping) {
            throw new IllegalStateException("connector " + name + " is closed");
        }
        thread = Thread.ofVirtual().name("feed-" + name).start(this::run);
    }

    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    private void run() {
        while (!stopping) {
            Duration next;
            try {
                next = pollOnce().nextPollIn();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | StackOverflowError e) {
                // pollOnce handles sources, parsers and sinks itself; this only guards the loop against a bug here.
                LOG.error("feed {}: poll failed unexpectedly", name, e);
                next = backoff.delay(Math.max(1, consecutiveFailures));
            }
            nextPollAt = clock.instant().plus(next);
            try {
                if (stopSignal.await(next.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One look at the source and the delivery of what it found. Never throws for a failure of the source, the
     * parser or the sink: those are an {@link PollOutcome#ERROR} report with the reason and a back-off.
     */
    public PollReport pollOnce() throws InterruptedException {
        pollLock.lockInterruptibly();
        try {
            lastAttempt = clock.instant();
            Fetch fetch;
            try {
                fetch = source.fetch();
            } catch (RuntimeException e) {
                LOG.warn("feed {}: reading {} failed", name, source.describe(), e);
                fetch = new Fetch.Failed("reading " + source.describe() + " failed: " + e);
            }
            if (stopping && fetch instanceof Fetch.Failed) {
                // Abandoned because of close(): not a failure of the source, so neither counted nor logged as one.
                return new PollReport(PollOutcome.ERROR, 0, 0, 0, "stopped", Duration.ZERO);
            }
            return switch (fetch) {
                case Fetch.NotModified n -> succeeded(PollOutcome.NOT_MODIFIED, 0, 0, 0);
                case Fetch.Failed f -> failed(f.reason(), 0, 0, 0);
                case Fetch.Documents d -> deliverAll(d.documents());
            };
        } finally {
            pollLock.unlock();
        }
    }

    private PollReport deliverAll(List<FeedDocument> documents) {
        int delivered = 0;
        int events = 0;
        int rejected = 0;
        String problem = null;
        for (FeedDocument doc : documents) {
            if (stopping) {
                // Not processed, so fetched again after the restart.
                break;
            }
            Delivery d;
            try {
                d = deliver(doc);
            } catch (RuntimeException e) {
                LOG.warn("feed {}: delivering {} failed; it will be fetched again", name, doc.origin(), e);
                return failed("delivering " + doc.origin() + " failed (it will be fetched again): " + e.getMessage(),
                        delivered, events, rejected);
            }
            source.processed(doc);
            delivered++;
            events += d.events();
            rejected += d.quarantined();
            if (d.problem() != null) {
                problem = d.problem();
            }
        }
        return problem == null ? succeeded(PollOutcome.OK, delivered, events, rejected)
                : failed(problem, delivered, events, rejected);
    }

    /** @throws RuntimeException only when the sink fails; the document is then not processed */
    private Delivery deliver(FeedDocument doc) {
        if (doc.unreadable() != null) {
            return quarantineDocument(doc, doc.unreadable());
        }
        FeedBatch batch;
        try {
            batch = format.parse(doc.body(), new FeedContext(sourceId, clock.instant()));
        } catch (FeedParseException e) {
            return quarantineDocument(doc, "unreadable " + format.name() + " document: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("feed {}: the {} parser failed on {}; the document is quarantined", name, format.name(), doc.origin(), e);
            return quarantineDocument(doc, "the " + format.name() + " parser failed on this document: " + e);
        }
        FeedSink.Receipt receipt = sink.accept(batch, channel);
        records.increment(batch.records());
        stored.increment(receipt.stored());
        duplicates.increment(receipt.duplicates());
        quarantined.increment(batch.rejected().size());
        for (Event e : batch.events()) {
            Instant newest = newestEvent;
            if (newest == null || e.occurredAt().isAfter(newest)) {
                newestEvent = e.occurredAt();
            }
        }
        return new Delivery(batch.events().size(), batch.rejected().size(), null);
    }

    private Delivery quarantineDocument(FeedDocument doc, String reason) {
        String where = reason + " (" + doc.origin() + ")";
        sink.unreadable(channel, where, doc.body());
        quarantined.increment();
        return new Delivery(0, 1, where + "; the document was quarantined");
    }

    private PollReport succeeded(PollOutcome outcome, int documents, int events, int rejected) {
        consecutiveFailures = 0;
        lastSuccess = clock.instant();
        lastOutcome = outcome;
        polls.get(outcome).increment();
        return new PollReport(outcome, documents, events, rejected, null, backoff.delay(0));
    }

    private PollReport failed(String reason, int documents, int events, int rejected) {
        int failures = ++consecutiveFailures;
        lastError = reason;
        lastErrorAt = clock.instant();
        lastOutcome = PollOutcome.ERROR;
        polls.get(PollOutcome.ERROR).increment();
        Duration next = backoff.delay(failures);
        LOG.warn("feed {}: {} (failure {} in a row; next try in {})", name, reason, failures, next);
        return new PollReport(PollOutcome.ERROR, documents, events, rejected, reason, next);
    }

    private double secondsSince(Instant t) {
        return t == null ? Double.NaN : Duration.between(t, clock.instant()).toMillis() / 1000.0;
    }

    public ConnectorStatus status() {
        String state = stopping ? "stopped" : lastOutcome == null ? "starting"
                : consecutiveFailures > 0 ? "failing" : "ok";
        return new ConnectorStatus(name, format.name(), source.describe(), state, lastAttempt, lastSuccess, lastOutcome,
                newestEvent, consecutiveFailures, lastError, lastErrorAt, stopping ? null : nextPollAt);
    }

    /** Asks the connector to stop and aborts a fetch in progress, without waiting; {@link #close()} waits. */
    public void stop() {
        stopping = true;
        stopSignal.countDown();
        source.close();
    }

    /**
     * Stops polling: a fetch in progress is abandoned at once (the document is fetched again after a restart),
     * a delivery in progress finishes so that its commit is not cut in half.
     */
    @Override
    public void close() {
        stop();
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            if (!t.join(DRAIN)) {
                LOG.warn("feed {}: still delivering after {}; interrupting it", name, DRAIN);
                t.interrupt();
                t.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
