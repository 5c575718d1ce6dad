package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;

/** Stopping the platform while a browser holds a live stream: the stream ends and the stop completes. */
class ShutdownTest {
    @TempDir
    Path dataDir;

    @Test
    void anOpenLiveStreamDoesNotHoldUpTheStop() throws Exception {
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        var connected = new CountDownLatch(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.url() + "api/v1/incidents/stream"))
                .header("Accept", "text/event-stream").header("Authorization", TestAccess.BEARER).build();
        CompletableFuture<String> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(r -> {
                    try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.startsWith(":")) {
                                connected.countDown();
                            }
                        }
                        return "ended";
                    } catch (Exception e) {
                        return "ended with " + e;
                    }
                });
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("stream connected").isTrue();

        CompletableFuture<Void> stop = CompletableFuture.runAsync(platform::close);
        stop.get(20, TimeUnit.SECONDS); // a stop that waited on the stream would never get here
        assertThat(stream.get(10, TimeUnit.SECONDS)).startsWith("ended");
    }
}
