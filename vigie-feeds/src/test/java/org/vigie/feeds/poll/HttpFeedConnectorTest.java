package org.vigie.feeds.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connector polling a local HTTP server through every answer a real feed gives sooner or later. */
class HttpFeedConnectorTest {
    static final Instant NOW = Instant.parse("2026-07-14T12:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final String DOC = """
            #lines
            a-1,2026-07-14T11:50:00Z,43.2965,5.3698,fire
            a-2,2026-07-14T11:55:00Z,43.3000,5.4000,road_accident
            a-3,not-a-time,43.3,5.4,fire
            """;
    static final String DOC2 = DOC + "a-4,2026-07-14T11:58:00Z,43.31,5.39,flooding\n";

    final ScriptedServer server;
    final LinesFormat format = new LinesFormat();
    final RecordingSink sink = new RecordingSink();
    final MeterRegistry metrics = new SimpleMeterRegistry();
    FeedConnector connector;

    HttpFeedConnectorTest() throws IOException {
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        server.close();
    }

    FeedConnector connector(HttpPoller.Settings settings) {
        connector = new FeedConnector(new FeedConnector.Settings("sdis13", "sdis13", INTERVAL, Duration.ofMinutes(10)),
                format, new HttpPoller(settings), sink, metrics, Clock.fixed(NOW, ZoneOffset.UTC), new Random(42));
        return connector;
    }

    HttpPoller.Settings settings() {
        return new HttpPoller.Settings(server.url(), Duration.ofSeconds(10), 1 << 20, Map.of("X-Api-Key", "k-123"));
    }

    double counter(String name, String... tags) {
        return metrics.get(name).tags("connector", "sdis13").tags(tags).counter().count();
    }

    @Test
    void conditionalRequestsServerErrorsAndTruncatedBodiesAreHandledAndThePollerSurvives() throws Exception {
        server.then(ScriptedServer.ok(DOC, "\"v1\""))
                .then(ScriptedServer.status(304))
                .then(ScriptedServer.status(500))
                .then(ScriptedServer.truncated(DOC2, 40))
                .then(ScriptedServer.ok(DOC2, "\"v2\""));
        FeedConnector c = connector(settings());

        PollReport first = c.pollOnce();
        assertThat(first.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(first.events()).isEqualTo(2);
        assertThat(first.quarantined()).isEqualTo(1);
        assertThat(first.nextPollIn()).isEqualTo(INTERVAL);
        assertThat(sink.channels).containsExactly("feed:lines:sdis13");
        assertThat(server.requests.get(0).getFirst("X-Api-Key")).isEqualTo("k-123");
        assertThat(server.requests.get(0).getFirst("If-None-Match")).isNull();

        PollReport second = c.pollOnce();
        assertThat(second.outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
        assertThat(server.requests.get(1).getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(format.parses).hasValue(1);

        PollReport third = c.pollOnce();
        assertThat(third.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(third.error()).contains("HTTP 500").contains("127.0.0.1").doesNotContain("secret");
        assertThat(third.nextPollIn()).isGreaterThanOrEqualTo(INTERVAL);

        PollReport fourth = c.pollOnce();
        assertThat(fourth.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(fourth.error()).contains("truncated");
        assertThat(fourth.nextPollIn()).as("back-off grows with each failure").isGreaterThan(third.nextPollIn());
        assertThat(format.parses).as("a truncated body is never parsed").hasValue(1);
        assertThat(sink.batches).hasSize(1);
        assertThat(sink.unreadable).as("a transfer fault is not a bad document").isEmpty();
        assertThat(c.status().state()).isEqualTo("failing");
        assertThat(c.status().consecutiveFailures()).isEqualTo(2);
        assertThat(metrics.get("vigie.feed.consecutive.failures").gauge().value()).isEqualTo(2);

        PollReport fifth = c.pollOnce();
        assertThat(fifth.outcome()).isEqualTo(PollOutcome.OK);
        assertThat(fifth.nextPollIn()).as("back-off resets on success").isEqualTo(INTERVAL);
        assertThat(server.requests.get(4).getFirst("If-None-Match")).as("validators of the last processed document")
                .isEqualTo("\"v1\"");
        assertThat(sink.events()).isEqualTo(5);
        assertThat(sink.stored).hasSize(3);

        ConnectorStatus status = c.status();
        assertThat(status.state()).isEqualTo("ok");
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.lastError()).contains("truncated");
        assertThat(status.source()).isEqualTo(server.url().toString().replace("key=secret", "…"));
        assertThat(status.newestEvent()).isEqualTo(Instant.parse("2026-07-14T11:58:00Z"));
        assertThat(counter("vigie.feed.polls", "outcome", "ok")).isEqualTo(2);
        assertThat(counter("vigie.feed.polls", "outcome", "not-modified")).isEqualTo(1);
        assertThat(counter("vigie.feed.polls", "outcome", "error")).isEqualTo(2);
        assertThat(counter("vigie.feed.records")).isEqualTo(7);
        assertThat(counter("vigie.feed.events", "result", "stored")).isEqualTo(3);
        assertThat(counter("vigie.feed.events", "result", "duplicate")).isEqualTo(2);
        assertThat(counter("vigie.feed.quarantined")).isEqualTo(2);
        assertThat(metrics.get("vigie.feed.lag.event").gauge().value()).isEqualTo(120.0);
        assertThat(metrics.get("vigie.feed.lag.poll").gauge().value()).isZero();
    }

    @Test
    void aDocumentTheSinkRefusedIsFetchedAgainNotHiddenBehindA304() throws Exception {
        server.then(ScriptedServer.ok(DOC, "\"v1\"")).then(ScriptedServer.ok(DOC, "\"v1\""))
                .then(ScriptedServer.status(304));
        FeedConnector c = connector(settings());
        sink.failWith = new IllegalStateException("store is down");

        PollReport refused = c.pollOnce();
        assertThat(refused.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(refused.error()).contains("store is down").contains("fetched again");

        sink.failWith = null;
        assertThat(c.pollOnce().outcome()).isEqualTo(PollOutcome.OK);
        assertThat(server.requests.get(1).getFirst("If-None-Match")).isNull();
        assertThat(c.pollOnce().outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
        assertThat(server.requests.get(2).getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(sink.stored).hasSize(2);
    }

    @Test
    void unreadableDocumentsAndParserBugsAreQuarantinedAndPollingGoesOn() throws Exception {
        server.then(ScriptedServer.ok("<html>maintenance</html>", "\"m\""))
                .then(ScriptedServer.ok("#lines\nboom\n", "\"b\""))
                .then(ScriptedServer.ok(DOC, "\"v1\""));
        FeedConnector c = connector(settings());

        PollReport html = c.pollOnce();
        assertThat(html.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(html.error()).contains("unreadable lines document", "#lines", "quarantined", "127.0.0.1");
        PollReport bug = c.pollOnce();
        assertThat(bug.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(bug.error()).contains("parser failed", "parser bug on line 2");
        assertThat(sink.unreadable).extracting(RecordingSink.Unreadable::channel).containsOnly("feed:lines:sdis13");
        assertThat(new String(sink.unreadable.get(0).document(), StandardCharsets.UTF_8)).isEqualTo("<html>maintenance</html>");
        // Quarantined documents are processed: their validators are kept, so they are not fetched and reported forever.
        assertThat(server.requests.get(1).getFirst("If-None-Match")).isEqualTo("\"m\"");

        assertThat(c.pollOnce().outcome()).isEqualTo(PollOutcome.OK);
        assertThat(sink.stored).hasSize(2);
        assertThat(counter("vigie.feed.quarantined")).isEqualTo(3);
    }

    @Test
    void bodiesOverTheLimitAreRefusedWhetherAnnouncedOrNot() throws Exception {
        String big = "#lines\n" + "x".repeat(5000);
        server.then(ScriptedServer.ok(big, null))
                .then(ex -> { // chunked: no Content-Length to refuse it early
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 10; i++) {
                            out.write(big.getBytes(StandardCharsets.UTF_8));
                        }
                    } catch (IOException clientHungUp) {
                        // expected once the poller stops reading
                    }
                });
        FeedConnector c = connector(new HttpPoller.Settings(server.url(), Duration.ofSeconds(10), 4096, Map.of()));
        assertThat(c.pollOnce().error()).contains("refused", "4096");
        assertThat(c.pollOnce().error()).contains("more than 4096 bytes");
        assertThat(format.parses).hasValue(0);
    }

    @Test
    void gzipBodiesAreDecodedAndATruncatedGzipStreamIsAnError() throws Exception {
        byte[] zipped = gzip(DOC);
        server.then(ex -> {
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            ex.sendResponseHeaders(200, zipped.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(zipped);
            }
        }).then(ex -> { // complete at the HTTP level, but the gzip stream itself was cut when stored
            byte[] cut = java.util.Arrays.copyOf(zipped, zipped.length - 12);
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            ex.sendResponseHeaders(200, cut.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(cut);
            }
        });
        FeedConnector c = connector(settings());
        assertThat(c.pollOnce().events()).isEqualTo(2);
        assertThat(server.requests.get(0).getFirst("Accept-Encoding")).isEqualTo("gzip");
        PollReport cut = c.pollOnce();
        assertThat(cut.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(cut.error()).contains("truncated", "gzip");
        assertThat(format.parses).hasValue(1);
    }

    @Test
    void aRefusedConnectionIsAnErrorWithBackoff() throws Exception {
        var url = server.url();
        server.close();
        FeedConnector c = connector(new HttpPoller.Settings(url, Duration.ofSeconds(5), 1024, Map.of()));
        PollReport r1 = c.pollOnce();
        PollReport r2 = c.pollOnce();
        assertThat(r1.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(r1.error()).contains("cannot connect");
        assertThat(r2.nextPollIn()).isGreaterThan(r1.nextPollIn());
    }

    @Test
    void stoppingDuringASlowResponseEndsThePollerPromptlyAndDeliversNothing() throws Exception {
        var requested = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        server.then(ex -> {
            byte[] b = DOC.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            OutputStream out = ex.getResponseBody();
            out.write(b, 0, 10);
            out.flush();
            requested.countDown();
            release.await(60, TimeUnit.SECONDS); // a feed server that stalls mid-body
        });
        FeedConnector c = connector(new HttpPoller.Settings(server.url(), Duration.ofMinutes(5), 1 << 20, Map.of()));
        c.start();
        try {
            assertThat(requested.await(30, TimeUnit.SECONDS)).as("the poller reached the server").isTrue();
            assertThat(c.isRunning()).isTrue();
            c.close();
            assertThat(c.isRunning()).as("close() returns once the polling thread has ended").isFalse();
            assertThat(c.status().state()).isEqualTo("stopped");
            assertThat(sink.batches).isEmpty();
            assertThat(sink.unreadable).isEmpty();
            assertThat(format.parses).hasValue(0);
            assertThat(counter("vigie.feed.polls", "outcome", "error")).as("a stop is not a feed failure").isZero();
        } finally {
            release.countDown();
        }
    }

    @Test
    void onItsOwnThreadTheConnectorOutlivesAFailingSinkAndAParserBug() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.then(ScriptedServer.ok(DOC, null));
        }
        server.then(ScriptedServer.ok("#lines\nboom\n", null));
        for (int i = 0; i < 50; i++) {
            server.then(ScriptedServer.ok(DOC, null));
        }
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        FeedSink flaky = new FeedSink() {
            @Override
            public Receipt accept(org.vigie.feeds.FeedBatch batch, String channel) {
                if (failures.incrementAndGet() <= 3) {
                    throw new IllegalStateException("store is down");
                }
                return sink.accept(batch, channel);
            }

            @Override
            public void unreadable(String channel, String reason, byte[] document) {
                sink.unreadable(channel, reason, document);
            }
        };
        connector = new FeedConnector(new FeedConnector.Settings("fast", "fast", Duration.ofMillis(5), Duration.ofMillis(50)),
                format, new HttpPoller(settings()), flaky, metrics, Clock.systemUTC(), new Random(3));
        connector.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.stored.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.stored).as("delivered once the sink recovered, after the parser bug").hasSize(2);
        assertThat(sink.unreadable).singleElement().satisfies(u -> assertThat(u.reason()).contains("parser failed"));
        assertThat(connector.isRunning()).isTrue();
        connector.close();
        assertThat(connector.isRunning()).isFalse();
    }

    static byte[] gzip(String s) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var z = new GZIPOutputStream(bytes)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
