package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.feeds.SocialStreams;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.social.BurstSettings;
import org.vigie.feeds.social.StatusStream;
import org.vigie.store.EventSearch;
import org.vigie.store.QuarantinedRecord;

/**
 * {@code social.streams} end to end: a fake Mastodon streaming server sends a giant apéro at the Vieux-Port from
 * enough distinct authors, drops the connection and takes it back; the platform reconnects, raises one
 * {@code gathering_risk} event once its clock has passed the window, quarantines the unreadable status without its
 * text, keeps no author anywhere (store files, logs, health), and leaves no stream thread behind when stopped.
 */
class SocialStreamsPlatformTest {
    /** 18:03 UTC: the window is [18:00, 18:15). */
    static final Instant T = Instant.parse("2026-06-05T18:03:00Z");
    static final int AUTHORS = 8;

    @TempDir
    Path dir;

    HttpServer mastodon;
    /** Several connections may be held open at once (one the client gave up on, one new). */
    final ExecutorService handlers = Executors.newCachedThreadPool();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    /** Holds the second connection open until the test ends, as a live server does. */
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void fakeServer() throws IOException {
        var r = new Random(11);
        var first = new ArrayList<String>();
        for (int i = 0; i < AUTHORS; i++) {
            first.add(CrowdPrivacyTest.status(r, T.plusSeconds(10L * i), 2000 + i, "<p>" + CrowdPrivacyTest.mentionsAndLinks()
                    + "<a href=\"https://evil-instance.example/tags/ApéroGéant\" class=\"mention hashtag\">#<span>"
                    + "ApéroGéant</span></a> ce soir au Vieux-Port !</p>"));
        }
        // Not a status: the quarantine must keep its reason, not its text (which names the author).
        first.add("{\"account\":{\"acct\":\"marcelline_qp@evil-instance.example\"},\"created_at\":\"Zorglubovitch\"}");
        String afterDrop = CrowdPrivacyTest.status(r, T.plusSeconds(200), 2100, "<p>#ApéroGéant au Vieux-Port, on arrive</p>");
        mastodon = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mastodon.createContext("/api/v1/streaming/hashtag", exchange -> {
            int n = connections.incrementAndGet();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            queries.add(exchange.getRequestURI().getRawQuery());
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                if (n == 1) {
                    var body = new StringBuilder(":)\n\n");
                    for (String s : first) {
                        body.append("event: update\ndata: ").append(s).append("\n\n");
                    }
                    body.append("event: delete\ndata: 12345\n\n");
                    out.write(body.toString().getBytes(StandardCharsets.UTF_8));
                    return; // closing the body drops the connection: the client must come back
                }
                out.write(("event: update\ndata: " + afterDrop + "\n\n:thump\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } catch (IOException e) {
                // the client hung up: what a stopping platform does
            }
        });
        mastodon.setExecutor(handlers);
        mastodon.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        mastodon.stop(0);
        handlers.shutdownNow();
    }

    VigieConfig.SocialStream stream(String id) {
        var bursts = BurstSettings.defaults().withMinHistory(Duration.ZERO);
        return new VigieConfig.SocialStream(id, URI.create("http://127.0.0.1:" + mastodon.getAddress().getPort()),
                "ApéroGéant", "test-token-not-logged", bursts, Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(2));
    }

    @Test
    void aStreamedBurstBecomesOneEventWithoutAuthorsAndStopLeavesNoThread() throws Exception {
        var logs = new ByteArrayOutputStream();
        var appender = CrowdPrivacyTest.captureLogs(logs);
        Path data = dir.resolve("data");
        var config = TestAccess.withTestKeys(VigieConfig.embedded(data, 0)
                .withServer(new VigieConfig.Server("127.0.0.1", 0))
                .with(b -> b.social = new VigieConfig.Social(List.of(stream("marseille-apero")))));
        var clock = new TestClock(T.plus(Duration.ofMinutes(5)));
        String health;
        try (Platform platform = Platform.start(config, clock)) {
            SocialStreams social = platform.social().orElseThrow();
            StatusStream s = social.stream("marseille-apero");
            await(() -> s.updates() >= AUTHORS + 2 && s.connections() >= 2,
                    () -> "all updates over two connections; connections " + s.connections() + ", updates " + s.updates());
            assertThat(queries).allMatch("tag=Ap%C3%A9roG%C3%A9ant"::equals);
            assertThat(authorizations).allMatch("Bearer test-token-not-logged"::equals);

            var http = new TestHttp(platform.url());
            JsonNode report = ApiTest.eventually(() -> http.get("/health").json(),
                    h -> h.path("checks").path("social").path("connectors").path(0).path("state").asText().equals("up"));
            JsonNode entry = report.path("checks").path("social").path("connectors").path(0);
            assertThat(entry.path("name").asText()).isEqualTo("marseille-apero");
            assertThat(entry.path("source").asText()).isEqualTo("social/marseille-apero");
            assertThat(entry.path("connections").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(entry.path("updates").asLong()).isEqualTo(AUTHORS + 2);
            assertThat(entry.path("rejected").asLong()).isEqualTo(1);
            assertThat(entry.path("lastSeen").asText()).isEqualTo(clock.instant().toString());

            // Nothing is raised while the window is open, whatever the wall clock says.
            assertThat(socialEvents(platform)).isEmpty();
            clock.advance(Duration.ofMinutes(12)); // 18:20: the window ended at 18:15, a minute of lateness has passed
            await(() -> !socialEvents(platform).isEmpty(), () -> "a gathering_risk event from the stream");
            List<Event> events = socialEvents(platform);
            assertThat(events).hasSize(1);
            Event e = events.get(0);
            assertThat(e.source().id()).isEqualTo("marseille-apero");
            assertThat(e.attributes().findText("top_terms").orElseThrow()).contains("apero");
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-06-05T18:00:00Z"));
            JsonNode viaApi = http.get("/api/v1/events/" + e.id()).json();
            assertThat(viaApi.path("type").asText()).isEqualTo("gathering_risk");

            List<QuarantinedRecord> quarantined = platform.store().quarantine().list(10, 0);
            assertThat(quarantined).hasSize(1);
            assertThat(quarantined.get(0).channel()).isEqualTo("feed:social:marseille-apero");
            assertThat(quarantined.get(0).raw()).isEmpty();
            assertThat(quarantined.get(0).reason()).isNotBlank();

            JsonNode sources = http.get("/api/v1/sources/health").json();
            var rows = new ArrayList<JsonNode>();
            sources.path("sources").forEach(rows::add);
            assertThat(rows).as(sources.toString()).anySatisfy(row -> {
                assertThat(row.path("group").asText()).isEqualTo("connector");
                assertThat(row.path("name").asText()).isEqualTo("marseille-apero");
                assertThat(row.path("events").asLong()).isEqualTo(1);
                assertThat(row.path("quarantined").asLong()).isEqualTo(1);
            });
            // counted once the ingest has answered, a moment after the event is visible in the store
            await(() -> platform.metrics().scrape().contains("vigie_social_bursts_total{stream=\"marseille-apero\"} 1.0"),
                    () -> "the burst counted in the metrics");
            assertThat(platform.metrics().scrape()).contains("vigie_social_updates_total{stream=\"marseille-apero\"} 10.0",
                    "vigie_social_posts_total{result=\"rejected\",stream=\"marseille-apero\"} 1.0");
            health = report.toString() + sources;
        } finally {
            appender.stop();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("social-") && t.isAlive());

        var stored = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile).forEach(stored::add);
        }
        assertThat(stored).isNotEmpty();
        for (Path p : stored) {
            CrowdPrivacyTest.assertNoSecret(p.toString(), Files.readAllBytes(p));
        }
        CrowdPrivacyTest.assertNoSecret("captured logs", logs.toByteArray());
        CrowdPrivacyTest.assertNoSecret("health", health.getBytes(StandardCharsets.UTF_8));
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain("test-token-not-logged");
    }

    @Test
    void stoppingWhileTheServerRefusesLeavesNoThread() throws Exception {
        mastodon.removeContext("/api/v1/streaming/hashtag");
        mastodon.createContext("/api/v1/streaming/hashtag", exchange -> {
            connections.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        var config = TestAccess.withTestKeys(VigieConfig.embedded(dir.resolve("data"), 0)
                .withServer(new VigieConfig.Server("127.0.0.1", 0))
                .with(b -> b.social = new VigieConfig.Social(List.of(stream("refused")))));
        try (Platform platform = Platform.start(config, new TestClock(T))) {
            StatusStream s = platform.social().orElseThrow().stream("refused");
            await(() -> s.failures() >= 1, () -> "a refused connection");
            var http = new TestHttp(platform.url());
            JsonNode report = ApiTest.eventually(() -> http.get("/health").json(),
                    h -> h.path("checks").path("social").path("status").asText().equals("degraded"));
            assertThat(report.path("status").asText()).as("a refusing server does not make Vigie down").isEqualTo("up");
            assertThat(report.path("checks").path("social").path("connectors").path(0).path("state").asText())
                    .isEqualTo("failing");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("social-") && t.isAlive());
    }

    @Test
    void aStreamSilentPastTheIdleTimeOutIsDroppedAndOpenedAgain() throws Exception {
        mastodon.removeContext("/api/v1/streaming/hashtag");
        mastodon.createContext("/api/v1/streaming/hashtag", exchange -> {
            connections.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush(); // then not a byte, not even a heartbeat: a connection cut silently on the way
                release.await(60, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the client hung up
            }
        });
        var config = TestAccess.withTestKeys(VigieConfig.embedded(dir.resolve("data"), 0)
                .withServer(new VigieConfig.Server("127.0.0.1", 0))
                .with(b -> b.social = new VigieConfig.Social(List.of(stream("silent")))));
        var clock = new TestClock(T);
        try (Platform platform = Platform.start(config, clock)) {
            StatusStream s = platform.social().orElseThrow().stream("silent");
            await(s::isOpen, () -> "an open stream");
            assertThat(s.connections()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(2));
            await(() -> s.connections() >= 2, () -> "a new connection after the silence; connections " + s.connections());
            assertThat(platform.metrics().scrape()).contains("vigie_social_stalls_total{stream=\"silent\"} 1.0");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("social-") && t.isAlive());
    }

    @Test
    void configCheckNamesTheStreamsButNotTheirToken() throws Exception {
        Files.writeString(dir.resolve("mastodon.token"), "Zq9-token-from-file\n");
        Path file = Files.writeString(dir.resolve("vigie.yaml"), """
                social:
                  streams:
                    - id: mastodon-social
                      server: https://mastodon.social
                      hashtag: ApéroGéant
                      access-token-file: mastodon.token
                """);
        TestCli.Run ok = CliTest.run("config", "check", file.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("social stream mastodon-social: #ApéroGéant of https://mastodon.social, with a token")
                .doesNotContain("Zq9");
    }

    static List<Event> socialEvents(Platform platform) {
        return platform.store().events().search(new EventSearch(Set.of(EventType.GATHERING_RISK), Set.of(SourceKind.SOCIAL),
                null, null, null, 10));
    }

    static void await(BooleanSupplier done, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
