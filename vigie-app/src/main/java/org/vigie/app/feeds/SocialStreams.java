package org.vigie.app.feeds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.RejectedRecord;
import org.vigie.feeds.poll.Backoff;
import org.vigie.feeds.social.AuthorSalts;
import org.vigie.feeds.social.Burst;
import org.vigie.feeds.social.BurstDetector;
import org.vigie.feeds.social.Gazetteer;
import org.vigie.feeds.social.PostSignal;
import org.vigie.feeds.social.SocialFormat;
import org.vigie.feeds.social.StatusParser;
import org.vigie.feeds.social.StatusStream;
import org.vigie.feeds.social.TopicWords;
import org.vigie.server.HealthContribution;
import org.vigie.server.ingest.IngestService;

/**
 * The configured Mastodon-compatible timelines ({@code social.streams}), read live: one thread per stream runs its
 * {@link StatusStream}, each status goes into that stream's {@link SocialFormat} (which drops the author while
 * parsing), and a scheduled task closes the windows that have ended by the platform's clock less the lateness,
 * sending their bursts, and only those, to the common ingest on channel {@code feed:social:ID}. Reports under
 * {@code checks.social} of {@code /health}, one entry per stream in the shape of the feed connectors' so the
 * console's source health lists them too.
 *
 * <p>A status that cannot be read is quarantined with its reason and a reference, never its text: the text would
 * hold the author ({@link SocialFormat} withholds it the same way for files).
 */
public final class SocialStreams implements HealthContribution, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocialStreams.class);
    public static final String CHANNEL_PREFIX = "feed:" + SocialFormat.NAME + ":";
    private static final Duration JOIN = Duration.ofSeconds(10);

    private final List<Timeline> timelines;
    private final HttpClient http;
    private final ScheduledExecutorService evaluator;
    private final IngestService ingest;
    private final Clock clock;
    private volatile boolean started;

    private SocialStreams(List<Timeline> timelines, HttpClient http, IngestService ingest, Clock clock) {
        this.timelines = List.copyOf(timelines);
        this.http = http;
        this.ingest = ingest;
        this.clock = clock;
        this.evaluator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "social-bursts");
            t.setDaemon(true);
            return t;
        });
    }

    /** The streams of the configuration, not yet connected ({@link #start}); null when none is configured. */
    public static SocialStreams build(VigieConfig.Social config, BoundingBox cityBounds, IngestService ingest,
                                      MeterRegistry metrics, Clock clock) {
        if (config.streams().isEmpty()) {
            return null;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var timelines = new ArrayList<Timeline>();
        var random = new SplittableRandom();
        for (VigieConfig.SocialStream s : config.streams()) {
            var format = new SocialFormat(new StatusParser(Gazetteer.marseille(), TopicWords.shipped(),
                    new AuthorSalts(s.bursts().window()), PostSignal.MAX_RESOLUTION, cityBounds),
                    new BurstDetector(s.bursts()), s.lateness());
            timelines.add(new Timeline(s, format, http, new Backoff(s.reconnect(), s.maxBackoff(), random.split()),
                    ingest, metrics, clock));
        }
        return new SocialStreams(timelines, http, ingest, clock);
    }

    /** Connects every stream and starts testing windows; call once the ingest can take events. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (Timeline t : timelines) {
            t.thread.start();
            long every = t.config.evaluateEvery().toMillis();
            evaluator.scheduleWithFixedDelay(() -> {
                watch(t);
                evaluate(t);
            }, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("streaming {} social timeline(s)", timelines.size());
    }

    /** Drops an open stream that has sent nothing, heartbeats included, for the idle time-out; it then reconnects. */
    private void watch(Timeline t) {
        Instant last = t.stream.lastActivity();
        if (t.stream.isOpen() && last != null
                && Duration.between(last, clock.instant()).compareTo(t.config.idleTimeout()) >= 0) {
            LOG.warn("social stream {}: nothing received since {}; reconnecting", t.config.id(), last);
            t.stalls.increment();
            t.stream.dropConnection();
        }
    }

    /** Closes the windows of one stream that have ended by now less the lateness; their bursts become events. */
    private void evaluate(Timeline t) {
        try {
            Instant now = clock.instant();
            List<Burst> bursts = t.format.advanceTo(now.minus(t.config.lateness()));
            if (bursts.isEmpty()) {
                return;
            }
            var events = new ArrayList<Event>(bursts.size());
            for (Burst b : bursts) {
                events.add(b.toEvent(SocialFormat.NAME, t.config.id(), now));
            }
            ingest.ingestFeed(new FeedBatch(events.size(), events, List.of()), t.channel);
            t.bursts.increment(events.size());
            t.lastBurst = now;
        } catch (RuntimeException e) {
            // The next run tries again with what it holds; the windows closed here are lost, which the log says.
            LOG.warn("social stream {}: bursts could not be raised: {}", t.config.id(), e.getMessage(), e);
        }
    }

    public List<String> ids() {
        return timelines.stream().map(t -> t.config.id()).toList();
    }

    /** The stream's counts, for tests and the CLI: connections, updates, failures. */
    public StatusStream stream(String id) {
        return timelines.stream().filter(t -> t.config.id().equals(id)).findFirst().orElseThrow().stream;
    }

    /** Whether some stream thread still runs (after {@link #close} none does). */
    public boolean anyRunning() {
        return timelines.stream().anyMatch(t -> t.thread.isAlive());
    }

    /**
     * Ends every stream together, waits for their threads, then tests the windows that have ended by now one last
     * time. The windows still open are dropped with their authors' salts: keeping them would mean storing them.
     */
    @Override
    public void close() {
        evaluator.shutdownNow();
        timelines.forEach(t -> t.stream.close());
        for (Timeline t : timelines) {
            try {
                t.thread.join(JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.thread.isAlive()) {
                LOG.warn("social stream {} did not stop within {}", t.config.id(), JOIN);
            }
        }
        try {
            evaluator.awaitTermination(JOIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (started) {
            timelines.forEach(this::evaluate);
        }
        http.shutdownNow();
    }

    @Override
    public String name() {
        return "social";
    }

    @Override
    public ObjectNode check() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("connectors");
        boolean failing = false;
        for (Timeline t : timelines) {
            String state = t.state();
            failing |= state.equals("failing");
            ObjectNode n = list.addObject();
            n.put("name", t.config.id());
            n.put("format", SocialFormat.NAME);
            n.put("source", "social/" + t.config.id());
            n.put("timeline", t.config.hashtag() == null ? "public" : "#" + t.config.hashtag());
            n.put("state", state);
            n.put("connections", t.stream.connections());
            n.put("updates", t.stream.updates());
            n.put("failures", t.stream.failures());
            n.put("consecutiveFailures", t.stream.consecutiveFailures());
            n.put("rejected", t.rejected.get());
            n.put("bursts", (long) t.bursts.count());
            n.put("stalls", (long) t.stalls.count());
            Instant seen = t.lastSeen;
            n.put("lastSeen", seen == null ? null : seen.toString());
            n.put("lastSuccess", seen == null ? null : seen.toString()); // the console's source health reads this
            Instant burst = t.lastBurst;
            n.put("lastBurst", burst == null ? null : burst.toString());
        }
        body.put("status", failing ? "degraded" : "up");
        return body;
    }

    /** One streamed timeline: its format, its client, its thread and its counts. */
    private static final class Timeline {
        final VigieConfig.SocialStream config;
        final SocialFormat format;
        final StatusStream stream;
        final Thread thread;
        final String channel;
        final IngestService ingest;
        final Clock clock;
        final AtomicLong received = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final Counter kept;
        final Counter skipped;
        final Counter rejectedCounter;
        final Counter bursts;
        final Counter stalls;
        volatile Instant lastSeen;
        volatile Instant lastBurst;

        Timeline(VigieConfig.SocialStream config, SocialFormat format, HttpClient http, Backoff backoff,
                 IngestService ingest, MeterRegistry metrics, Clock clock) {
            this.config = config;
            this.format = format;
            this.ingest = ingest;
            this.clock = clock;
            this.channel = CHANNEL_PREFIX + config.id();
            this.stream = new StatusStream(http, StatusStream.timeline(config.server(), config.hashtag()),
                    config.accessToken(), backoff, d -> Thread.sleep(d), this::status, clock);
            this.thread = new Thread(stream::run, "social-stream-" + config.id());
            thread.setDaemon(true);
            Tags tags = Tags.of("stream", config.id());
            kept = Counter.builder("vigie.social.posts").description("statuses read, by what became of them")
                    .tags(tags).tag("result", "kept").register(metrics);
            skipped = Counter.builder("vigie.social.posts").description("statuses read, by what became of them")
                    .tags(tags).tag("result", "skipped").register(metrics);
            rejectedCounter = Counter.builder("vigie.social.posts").description("statuses read, by what became of them")
                    .tags(tags).tag("result", "rejected").register(metrics);
            stalls = Counter.builder("vigie.social.stalls").description("open streams dropped for silence").tags(tags)
                    .register(metrics);
            bursts = Counter.builder("vigie.social.bursts").description("gathering-risk bursts raised").tags(tags)
                    .register(metrics);
            FunctionCounter.builder("vigie.social.connections", stream, StatusStream::connections).tags(tags)
                    .description("connections opened to the streaming API").register(metrics);
            FunctionCounter.builder("vigie.social.updates", stream, StatusStream::updates).tags(tags)
                    .description("update events received").register(metrics);
            FunctionCounter.builder("vigie.social.failures", stream, StatusStream::failures).tags(tags)
                    .description("connections refused or failed").register(metrics);
            Gauge.builder("vigie.social.connected", stream, s -> s.isOpen() ? 1 : 0).tags(tags)
                    .description("1 while a stream is open").strongReference(true).register(metrics);
            Gauge.builder("vigie.social.lag.update", this, t -> t.secondsSinceSeen()).tags(tags).baseUnit("seconds")
                    .description("seconds since the last status received").strongReference(true).register(metrics);
        }

        /** Runs on the stream's thread; must not throw, or the stream would end. */
        private void status(String json) {
            Instant now = clock.instant();
            lastSeen = now;
            long n = received.incrementAndGet();
            try {
                // A status is one JSON object; line breaks between its tokens (never inside a string) would split it.
                byte[] line = json.replace('\r', ' ').replace('\n', ' ').getBytes(StandardCharsets.UTF_8);
                var tally = new SocialFormat.Tally();
                var refused = new ArrayList<RejectedRecord>(1);
                // The format's own reference would be "line 1" for every status: name the update and its arrival
                // instead, so each rejected status is its own quarantine entry. The raw text stays withheld.
                format.readLines(line, 0, tally, r -> refused.add(new RejectedRecord("update " + n + " received " + now,
                        r.reason(), "")));
                kept.increment(tally.kept);
                skipped.increment(tally.skipped.values().stream().mapToLong(Long::longValue).sum());
                if (!refused.isEmpty()) {
                    rejected.addAndGet(refused.size());
                    rejectedCounter.increment(refused.size());
                    ingest.ingestFeed(new FeedBatch(refused.size(), List.of(), refused), channel);
                }
            } catch (RuntimeException e) {
                LOG.warn("social stream {}: update {} could not be handled: {}", config.id(), n, e.getClass().getSimpleName());
            }
        }

        String state() {
            if (stream.consecutiveFailures() > 0) {
                return "failing";
            }
            return stream.isOpen() ? "up" : stream.connections() == 0 ? "waiting" : "reconnecting";
        }

        double secondsSinceSeen() {
            Instant seen = lastSeen;
            return seen == null ? Double.NaN : Duration.between(seen, clock.instant()).toMillis() / 1000.0;
        }
    }
}
