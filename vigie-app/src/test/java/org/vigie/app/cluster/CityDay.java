package org.vigie.app.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.vigie.app.Main;
import org.vigie.app.config.ConfigLoader;
import org.vigie.stream.EmbeddedKafka;

/**
 * A simulated Marseille day ({@code vigie sim city}) through both deployments on this machine: the embedded
 * platform, then a cluster member with the correlate and store roles on an in-JVM KRaft broker and PostgreSQL.
 * Each prints its summary (events/s, latency p50/p99, lag, loss, wall time) as JSON on stdout. Run with
 * {@code bench/cluster.sh day [HOURS] [MULTIPLIER] [STREAM_THREADS]}.
 */
public final class CityDay {
    private CityDay() {
    }

    public static void main(String[] args) throws Exception {
        String hours = args.length > 0 ? args[0] : "24";
        String multiplier = args.length > 1 ? args[1] : "1";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<String> common = List.of("sim", "city", "--hours", hours, "--rate-multiplier", multiplier, "--json");
        var embedded = new ArrayList<>(common);
        embedded.addAll(List.of("--mode", "embedded"));
        System.err.println("embedded: " + String.join(" ", embedded));
        int exit = Main.commandLine().execute(embedded.toArray(String[]::new));

        Path dir = Files.createTempDirectory("vigie-city-day");
        try (var kafka = new EmbeddedKafka(); var pg = EmbeddedPostgres.builder().start()) {
            Path config = Files.writeString(dir.resolve("vigie.yaml"), """
                    server: {host: 127.0.0.1, port: 0}
                    store: {url: "%s", user: postgres}
                    cluster:
                      bootstrap-servers: %s
                      roles: [correlate, store]
                      replication: 1
                      stream-threads: %d
                      partitions: {events: %d, correlation: %d, incidents: %d, cameras: 4}
                      state-dir: %s
                    """.formatted(pg.getJdbcUrl("postgres", "postgres"), kafka.bootstrapServers(), threads, threads,
                    threads, threads, dir.resolve("streams")));
            try (var member = ClusterNode.start(ConfigLoader.load(config), Clock.systemUTC())) {
                var cluster = new ArrayList<>(common);
                cluster.addAll(List.of("--mode", "cluster", "--config", config.toString()));
                System.err.println("cluster (" + threads + " stream thread(s)): " + String.join(" ", cluster));
                exit |= Main.commandLine().execute(cluster.toArray(String[]::new));
            }
        }
        System.exit(exit);
    }
}
