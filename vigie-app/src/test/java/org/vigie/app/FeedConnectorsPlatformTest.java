package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.poll.FeedConnector;
import org.vigie.feeds.poll.PollOutcome;
import org.vigie.feeds.poll.PollReport;

/** Feed connectors configured, started and stopped by the platform, delivering into its real store. */
class FeedConnectorsPlatformTest {
    @TempDir
    Path dir;

    HttpServer feedServer;
    final CountDownLatch stalledReached = new CountDownLatch(1);
    final CountDownLatch releaseStalled = new CountDownLatch(1);
    final AtomicInteger feedRequests = new AtomicInteger();
    final Instant t0 = Instant.now().minus(Duration.ofMinutes(5));
    final String document = "#lines\n"
            + "r-1," + t0 + ",43.2965,5.3698,fire\n"
            + "r-2," + t0.plusSeconds(60) + ",43.2967,5.3701,fire\n"
            + "r-3,yesterday,43.29,5.37,fire\n";

    @AfterEach
    void stopServer() {
        releaseStalled.countDown();
        if (feedServer != null) {
            feedServer.stop(0);
        }
    }

    URI startFeedServer() throws Exception {
        feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feedServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        feedServer.createContext("/feed", ex -> { // no validators: every poll gets the whole document again
            feedRequests.incrementAndGet();
            byte[] b = document.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        feedServer.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        feedServer.createContext("/stalled", ex -> {
            stalledReached.countDown();
            try {
                releaseStalled.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        feedServer.start();
        return URI.create("http://127.0.0.1:" + feedServer.getAddress().getPort());
    }

    static JsonNode connector(JsonNode health, String name) {
        for (JsonNode c : health.path("checks").path("feeds").path("connectors")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no connector " + name + " in " + health);
    }

    @Test
    void pollingTheSameFeedTwiceStoresEachEventOnceAndTheHealthShowsEveryConnector() throws Exception {
        URI base = startFeedServer();
        Duration hour = Duration.ofHours(1);
        var feeds = new VigieConfig.Feeds(List.of(
                VigieConfig.Connector.of("sdis-test", "lines", base.resolve("/feed"), hour),
                VigieConfig.Connector.of("broken", "lines", base.resolve("/broken"), hour),
                new VigieConfig.Connector("stalled", "lines", base.resolve("/stalled"), hour, Duration.ofMinutes(10),
                        Map.of(), "stalled", FeedFormat.MAX_DOCUMENT_BYTES, hour, "")), Map.of());
        VigieConfig config = VigieConfig.embedded(dir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0)).withFeeds(feeds);
        var format = new TestLinesFormat();
        List<EventId> expected = format.parse(document.getBytes(StandardCharsets.UTF_8),
                new FeedContext("sdis-test", Instant.now())).events().stream().map(Event::id).toList();
        assertThat(expected).hasSize(2);

        Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC(), (c, city) -> List.of(format));
        boolean closed = false;
        try {
            var http = new TestHttp(platform.url());
            JsonNode health = ApiTest.eventually(() -> http.get("/health").json(),
                    h -> connector(h, "sdis-test").path("state").asText().equals("ok")
                            && connector(h, "broken").path("state").asText().equals("failing"));
            assertThat(health.path("status").asText()).as("a failing feed does not make Vigie down").isEqualTo("up");
            assertThat(health.path("checks").path("store").path("status").asText()).isEqualTo("up");
            assertThat(health.path("checks").path("feeds").path("status").asText()).isEqualTo("degraded");
            JsonNode ok = connector(health, "sdis-test");
            assertThat(ok.path("format").asText()).isEqualTo("lines");
            assertThat(ok.path("lastSuccess").isTextual()).isTrue();
            assertThat(ok.path("consecutiveFailures").asInt()).isZero();
            assertThat(ok.path("newestEvent").asText()).isEqualTo(t0.plusSeconds(60).toString());
            JsonNode broken = connector(health, "broken");
            assertThat(broken.path("consecutiveFailures").asInt()).isPositive();
            assertThat(broken.path("lastError").asText()).contains("HTTP 500");

            assertThat(platform.store().events().findAll(expected)).extracting(Event::id).containsExactlyInAnyOrderElementsOf(expected);
            long stored = platform.store().events().count();
            long quarantined = platform.store().quarantine().count();

            FeedConnector sdis = platform.feeds().connectors().stream().filter(c -> c.name().equals("sdis-test"))
                    .findFirst().orElseThrow();
            int requestsBefore = feedRequests.get();
            PollReport again = sdis.pollOnce();
            assertThat(again.outcome()).isEqualTo(PollOutcome.OK);
            assertThat(again.events()).isEqualTo(2);
            assertThat(feedRequests.get()).as("the document was fetched again").isEqualTo(requestsBefore + 1);
            assertThat(platform.store().events().count()).as("no event stored twice").isEqualTo(stored);
            assertThat(platform.store().quarantine().count()).as("the bad record is quarantined once").isEqualTo(quarantined);
            assertThat(platform.store().events().findAll(expected)).hasSize(2);
            var metrics = platform.metrics();
            assertThat(metrics.get("vigie.feed.events").tags("connector", "sdis-test", "result", "duplicate").counter().count())
                    .isEqualTo(2);
            assertThat(metrics.get("vigie.feed.events").tags("connector", "sdis-test", "result", "stored").counter().count())
                    .isEqualTo(2);
            assertThat(platform.store().quarantine().list(50, 0)).filteredOn(r -> r.channel().equals("feed:lines:sdis-test"))
                    .singleElement().satisfies(r -> assertThat(r.reason()).contains("line 4"));
            String scrape = http.as(org.vigie.server.access.Role.SOURCE).get("/metrics").body();
            assertThat(scrape).contains("vigie_feed_polls_total{connector=\"sdis-test\",format=\"lines\",outcome=\"ok\"} 2.0")
                    .contains("vigie_feed_lag_poll_seconds{connector=\"broken\"")
                    .contains("vigie_feed_consecutive_failures{connector=\"broken\"");

            // Events from a feed reach the correlator like any other.
            ApiTest.eventually(() -> http.get("/api/v1/incidents?type=fire").json(),
                    p -> p.path("total").asInt() == 1 && p.path("items").path(0).path("eventCount").asInt() == 2);

            assertThat(stalledReached.await(30, TimeUnit.SECONDS)).isTrue();
            platform.close();
            closed = true;
            assertThat(platform.feeds().connectors()).as("close() stops every poller, the stalled one included")
                    .noneMatch(FeedConnector::isRunning);
        } finally {
            if (!closed) {
                platform.close();
            }
        }
    }

    @Test
    void aConnectorNamingAnUnknownFormatStopsStartUpWithItsLine() {
        var feeds = new VigieConfig.Feeds(List.of(new VigieConfig.Connector("x", "nope", URI.create("http://127.0.0.1:9/"),
                Duration.ofMinutes(1), Duration.ofSeconds(5), Map.of(), "x", 1024, Duration.ofMinutes(5),
                "vigie.yaml:7: feeds.connectors[0].format")), Map.of());
        VigieConfig config = VigieConfig.embedded(dir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0)).withFeeds(feeds);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC(),
                        (c, city) -> List.of(new TestLinesFormat())))
                .isInstanceOf(org.vigie.core.config.ConfigException.class)
                .hasMessageContaining("vigie.yaml:7: feeds.connectors[0].format: unknown feed format 'nope'; expected one of [lines]");
    }
}
