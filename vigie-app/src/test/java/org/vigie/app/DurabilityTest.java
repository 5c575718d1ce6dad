package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.model.EventId;
import org.vigie.store.Store;
import org.vigie.store.StoreConfig;

/**
 * A child JVM runs {@code vigie serve} and ingests a stream of batches; it is killed with SIGKILL in the middle.
 * After a restart, every event that was answered with 202 must be there, and correlated.
 */
class DurabilityTest {
    private static final Pattern URL = Pattern.compile("running on (http://\\S+)");

    @TempDir
    Path dir;

    record Child(Process process, String url) {
    }

    Child startChild(Path config) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.vigie.app.Main", "serve", "--config", config.toString())
                .redirectErrorStream(true);
        Process p = pb.start();
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        var seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
                // Keep draining the child's output so it never blocks on a full pipe.
                Thread.ofPlatform().daemon(true).start(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // the child was killed: its output ends here
                    }
                });
                return new Child(p, m.group(1));
            }
        }
        p.destroyForcibly();
        throw new AssertionError("child did not start:\n" + seen);
    }

    @Test
    void everyAcknowledgedEventSurvivesSigkill() throws Exception {
        Path config = dir.resolve("vigie.yaml");
        Files.writeString(config, """
                server:
                  host: 127.0.0.1
                  port: 0
                store:
                  url: jdbc:sqlite:data/vigie.db
                access:
                  api-keys:
                    - {name: test-supervisor, role: supervisor, sha256: %s}
                """.formatted(TestAccess.sha256(TestAccess.key(org.vigie.server.access.Role.SUPERVISOR))));
        Child child = startChild(config);
        var http = new TestHttp(child.url());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        var stop = new AtomicBoolean();
        var batchesAcked = new java.util.concurrent.atomic.AtomicInteger();
        Thread producer = Thread.ofPlatform().start(() -> {
            int n = 0;
            while (!stop.get()) {
                var ids = new ArrayList<String>();
                var sb = new StringBuilder("[");
                for (int i = 0; i < 50; i++, n++) {
                    String id = EventId.newId().toString();
                    ids.add(id);
                    double lat = 43.22 + (n % 97) * 0.0015;
                    double lon = 5.33 + (n % 89) * 0.002;
                    sb.append(i == 0 ? "" : ",").append(ApiTest.event(id, n % 2 == 0 ? "noise" : "fire", lat, lon, 0.7,
                            Instant.now().minusSeconds(5), "sensor-" + (n % 7)));
                }
                try {
                    var r = http.post("/api/v1/events", sb.append("]").toString());
                    if (r.status() == 202) {
                        acknowledged.addAll(ids);
                        batchesAcked.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    return; // the server died under us: this batch was never acknowledged
                }
            }
        });
        while (batchesAcked.get() < 20) {
            Thread.sleep(20);
        }
        child.process().destroyForcibly(); // SIGKILL on Unix: no shutdown hook runs
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        producer.join(30_000);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(1000);

        Child restarted = startChild(config);
        try {
            var again = new TestHttp(restarted.url());
            List<String> missing = acknowledged.stream().filter(id -> again.get("/api/v1/events/" + id).status() != 200).toList();
            assertThat(missing).as("acknowledged events lost after SIGKILL").isEmpty();
        } finally {
            restarted.process().destroy();
            restarted.process().waitFor(30, TimeUnit.SECONDS);
        }
        // Recovery at start-up correlated whatever the killed process had stored but not yet correlated.
        try (Store store = Store.open(StoreConfig.sqlite(dir.resolve("data/vigie.db")))) {
            assertThat(store.events().count()).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(store.events().findUnassigned(Instant.EPOCH, 10)).isEmpty();
        }
    }
}
