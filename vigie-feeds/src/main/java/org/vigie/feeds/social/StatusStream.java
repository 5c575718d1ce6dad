package org.vigie.feeds.social;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.feeds.poll.Backoff;

/**
 * A client for a Mastodon-compatible streaming API (server-sent events): the public or a hashtag timeline, each
 * {@code update} event's status handed on as JSON text (to a {@link StatusParser}, which drops the author). It
 * reconnects for as long as it runs: after the server ends the stream, at once but no faster than the backoff's
 * interval; after errors (refused connections, 5xx, 429) with the backoff's growing, jittered delays.
 *
 * <p>Log lines name the timeline and the HTTP status, never a status's content: it holds the author.
 */
public final class StatusStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusStream.class);

    /** How to wait between connections; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final HttpClient http;
    private final URI endpoint;
    private final String accessToken;
    private final Backoff backoff;
    private final Pause pause;
    private final Consumer<String> onStatus;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final InstantSource clock;
    private volatile int consecutiveFailures;
    private volatile Instant lastActivity;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile Thread runner;

    /**
     * @param endpoint    {@link #timeline} builds it
     * @param accessToken a bearer token when the server asks for one (Mastodon does for streaming); null otherwise
     */
    public StatusStream(HttpClient http, URI endpoint, String accessToken, Backoff backoff, Pause pause,
                        Consumer<String> onStatus) {
        this(http, endpoint, accessToken, backoff, pause, onStatus, InstantSource.system());
    }

    /** @param clock dates {@link #lastActivity}, so a stalled stream can be found with the caller's clock */
    public StatusStream(HttpClient http, URI endpoint, String accessToken, Backoff backoff, Pause pause,
                        Consumer<String> onStatus, InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.accessToken = accessToken;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.onStatus = Objects.requireNonNull(onStatus, "onStatus");
    }

    /** {@code /api/v1/streaming/public}, or {@code /api/v1/streaming/hashtag?tag=TAG} when a tag is given. */
    public static URI timeline(URI server, String hashtag) {
        String base = server.toString().replaceAll("/+$", "");
        return URI.create(hashtag == null || hashtag.isBlank() ? base + "/api/v1/streaming/public"
                : base + "/api/v1/streaming/hashtag?tag=" + URLEncoder.encode(hashtag.replaceFirst("^#", ""),
                        StandardCharsets.UTF_8));
    }

    /** Streams until {@link #close} (or interruption); returns then. */
    public void run() {
        runner = Thread.currentThread();
        int failed = 0;
        while (!closed) {
            try {
                var request = HttpRequest.newBuilder(endpoint).header("Accept", "text/event-stream").GET();
                if (accessToken != null) {
                    request.header("Authorization", "Bearer " + accessToken);
                }
                connections.incrementAndGet();
                HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        consecutiveFailures = ++failed;
                        failures.incrementAndGet();
                        LOG.warn("streaming {} answered {}; retrying", endpoint.getPath(), response.statusCode());
                    } else {
                        consecutiveFailures = failed = 0;
                        lastActivity = clock.instant();
                        current = body;
                        read(body);
                        LOG.info("streaming {} ended; reconnecting", endpoint.getPath());
                    }
                } finally {
                    current = null;
                }
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                consecutiveFailures = ++failed;
                failures.incrementAndGet();
                LOG.warn("streaming {} failed ({}); retrying", endpoint.getPath(), e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closed) {
                break;
            }
            try {
                pause.pause(backoff.delay(failed));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Server-sent events: "event:" and "data:" lines, dispatched at a blank line; ":" lines are heartbeats. */
    private void read(InputStream body) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String event = null;
        var data = new StringBuilder();
        String line;
        while (!closed && (line = reader.readLine()) != null) {
            lastActivity = clock.instant();
            if (line.isEmpty()) {
                if ("update".equals(event) && !data.isEmpty()) {
                    updates.incrementAndGet();
                    onStatus.accept(data.toString());
                }
                event = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                continue;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5));
            }
        }
    }

    public long connections() {
        return connections.get();
    }

    public long updates() {
        return updates.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Failed connections since the last one the server accepted. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** When the open stream last sent anything (a heartbeat counts), or when it opened; null before any. */
    public Instant lastActivity() {
        return lastActivity;
    }

    /**
     * Abandons the open connection, if any, and lets {@link #run} connect again (after a failure's back-off): for a
     * stream that has gone silent, heartbeats included, as a connection dropped without a word by some middlebox
     * does. Unlike {@link #close} the stream goes on.
     */
    public void dropConnection() {
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("dropping the connection", e);
            }
        }
    }

    /** Whether a stream is open now (the server accepted the connection and has not ended it). */
    public boolean isOpen() {
        return current != null;
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("closing the stream", e);
            }
        }
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }
}
