package org.vigie.feeds.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vigie.feeds.poll.Backoff;

class StatusStreamTest {
    static final Instant T = Instant.parse("2025-06-05T18:03:00Z");

    @Test
    void reconnectsAfterTheServerDropsTheStreamAndBacksOffOnErrors() throws Exception {
        var r = new Random(1);
        List<String> statuses = List.of(SyntheticStatuses.apero(r, T, "a"), SyntheticStatuses.apero(r, T, "b"),
                SyntheticStatuses.apero(r, T, "c"));
        var connection = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/streaming/hashtag", exchange -> {
            int n = connection.incrementAndGet();
            assertThat(exchange.getRequestURI().getQuery()).isEqualTo("tag=apero");
            if (n == 2) { // a failing server in between: the client must back off, then try again
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                String body = n == 1
                        ? ":thump\n\nevent: update\ndata: " + statuses.get(0) + "\n\nevent: delete\ndata: 123\n\n"
                                + "event: update\ndata: " + statuses.get(1) + "\n\n"
                        : n == 3 ? "event: update\ndata: " + statuses.get(2) + "\n\n" : ":thump\n\n";
                out.write(body.getBytes(StandardCharsets.UTF_8));
            } // closing the body drops the connection mid-stream
        });
        server.start();
        var received = new CopyOnWriteArrayList<String>();
        var pauses = new CopyOnWriteArrayList<Duration>();
        var three = new CountDownLatch(3);
        URI endpoint = StatusStream.timeline(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "#apero");
        var stream = new StatusStream(HttpClient.newHttpClient(), endpoint, null,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(2)), pauses::add, s -> {
                    received.add(s);
                    three.countDown();
                });
        var thread = new Thread(stream::run, "status-stream-test");
        thread.start();
        try {
            assertThat(three.await(30, TimeUnit.SECONDS)).as("three updates over three connections").isTrue();
        } finally {
            stream.close();
            thread.join(10_000);
            server.stop(0);
        }
        assertThat(received).containsExactlyElementsOf(statuses);
        assertThat(stream.connections()).isGreaterThanOrEqualTo(3);
        assertThat(stream.failures()).isGreaterThanOrEqualTo(1);
        // after the drop: the plain interval; after the 503: a backed-off delay in [1 s, 2 s)
        assertThat(pauses.get(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pauses.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void timelines() {
        assertThat(StatusStream.timeline(URI.create("https://m.example/"), null).toString())
                .isEqualTo("https://m.example/api/v1/streaming/public");
        assertThat(StatusStream.timeline(URI.create("https://m.example"), "#ApéroGéant").toString())
                .isEqualTo("https://m.example/api/v1/streaming/hashtag?tag=Ap%C3%A9roG%C3%A9ant");
    }
}
