package org.vigie.app.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.config.ConfigException;
import org.vigie.core.geo.City;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.server.ingest.IngestService;
import org.vigie.stream.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigie sim city}: a Marseille-calibrated load at city scale ({@link CityLoad}) sent to a deployment as fast
 * as it accepts it, the embedded platform started here or a cluster through Kafka ({@link LoadTarget}), with what
 * it made of it ({@link LoadRun}). Progress goes to stderr, the summary to stdout; the exit code is 1 when an
 * acknowledged event was lost or a batch was refused, 2 for a wrong option.
 */
@Command(name = "city", mixinStandardHelpOptions = true,
        description = {"Send a simulated Marseille at city scale to Vigie as fast as it accepts it: every kind of",
                "source, districts by population, the day's rhythm, over --hours up to last midnight. Print events/s,",
                "end-to-end latency (batch handed over -> incident visible), lag and loss; exit 1 if an acknowledged",
                "event was lost."})
public final class SimCityCommand implements Callable<Integer> {
    /** The deployments a load can be sent to. */
    enum Mode {
        /** One JVM: store, correlator and server started here ({@link EmbeddedTarget}). */
        EMBEDDED,
        /** A city-scale deployment, through its Kafka cluster ({@link ClusterTarget}). */
        CLUSTER
    }

    /** Six days: with the period ending at the last midnight, every event is within the week that Kafka keeps. */
    static final int MAX_HOURS = 144;
    /** The correlator's application id when no configuration names it (as {@code cluster.application-id}). */
    static final String DEFAULT_CORRELATOR = "vigie-correlator";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(CitySimulator.LOCAL_TIME);

    @Option(names = "--cameras", defaultValue = "2000",
            description = "Cameras, placed by population (default: ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--sensors", defaultValue = "100", description = "Acoustic sensors (default: ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--hours", defaultValue = "24",
            description = "Simulated hours, ending last midnight (1.." + MAX_HOURS + ", default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--rate-multiplier", defaultValue = "1", paramLabel = "N",
            description = "Multiplies every rate, to stress the deployment (default: ${DEFAULT-VALUE}).")
    double rateMultiplier;

    @Option(names = "--seed", defaultValue = "13055",
            description = "The same seed gives the same load (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "100",
            description = "Events per batch, 1.." + IngestService.MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--mode", defaultValue = "embedded",
            description = "Where the load goes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka brokers, --mode cluster (default: cluster.bootstrap-servers of --config).")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = {"--mode cluster: a configuration with a cluster",
            "section, for the topics' partitions, the correlator's application id and the brokers. Without it:",
            "one broker's partitions and application id '" + DEFAULT_CORRELATOR + "'."})
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = {"--mode embedded: where the platform keeps its SQLite store; kept afterwards.",
                    "Default: a temporary folder, deleted at the end."})
    Path dataDir;

    @Option(names = "--drain-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = {"How long to wait, once all is sent, for every event to reach an incident",
                    "(default: ${DEFAULT-VALUE})."})
    int drainTimeoutSeconds;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (hours < 1 || hours > MAX_HOURS) {
            System.err.println("--hours must be 1.." + MAX_HOURS + ", got " + hours);
            return 2;
        }
        if (batch < 1 || batch > IngestService.MAX_BATCH) {
            System.err.println("--batch must be 1.." + IngestService.MAX_BATCH + ", got " + batch);
            return 2;
        }
        if (drainTimeoutSeconds < 0) {
            System.err.println("--drain-timeout cannot be negative, got " + drainTimeoutSeconds);
            return 2;
        }
        CityScale scale;
        try {
            scale = CityScale.city(cameras, sensors, rateMultiplier);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Clock clock = Clock.systemUTC();
        City city = Marseille.approximateCity(); // the platform's city when no zones file is given
        Duration period = Duration.ofHours(hours);
        Path dir = mode == Mode.EMBEDDED && dataDir == null ? temporaryFolder() : dataDir;
        LoadSummary summary;
        try (LoadTarget target = target(dir, clock)) {
            CityLoad load = CityLoad.endingBefore(city, seed, scale, clock.instant(), period);
            System.err.printf(Locale.ROOT, "sim city: %,d cameras, %,d acoustic sensors, rates x%s, %d h from %s"
                    + " (Marseille), seed %d, %s%n", cameras, sensors, rateMultiplier, hours, LOCAL.format(load.start()),
                    seed, mode.name().toLowerCase(Locale.ROOT));
            summary = new LoadRun(load, target, batch, Duration.ofSeconds(drainTimeoutSeconds), clock,
                    p -> progress(System.err, p)).run();
        } catch (ParameterException e) {
            throw e;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("sim city: stopped: " + e);
            return 1;
        } finally {
            if (dataDir == null && dir != null) {
                delete(dir);
            }
        }
        print(summary, scale, period);
        return summary.loss() == 0 ? 0 : 1;
    }

    private LoadTarget target(Path dir, Clock clock) {
        if (mode == Mode.EMBEDDED) {
            return EmbeddedTarget.start(dir, clock);
        }
        Topics.Sizes sizes = Topics.Sizes.SINGLE_BROKER;
        String correlator = DEFAULT_CORRELATOR;
        String servers = bootstrap;
        if (config != null) {
            VigieConfig.Cluster cluster = ConfigLoader.load(config).cluster();
            if (cluster == null) {
                throw new ParameterException(spec.commandLine(), config + " has no cluster section");
            }
            sizes = cluster.sizes();
            correlator = cluster.applicationId();
            servers = servers != null ? servers : cluster.bootstrapServers();
        }
        if (servers == null) {
            throw new ParameterException(spec.commandLine(), "--mode cluster needs --bootstrap or --config");
        }
        return ClusterTarget.connect(servers, new Topics(sizes), correlator);
    }

    private void print(LoadSummary summary, CityScale scale, Duration period) {
        if (json) {
            var out = Json.MAPPER.createObjectNode();
            out.put("mode", mode.name().toLowerCase(Locale.ROOT));
            out.put("seed", seed);
            out.put("cameras", scale.cameras());
            out.put("sensors", scale.acousticSensors());
            out.put("hours", period.toHours());
            out.put("rate_multiplier", scale.rateMultiplier());
            out.put("batch", batch);
            out.setAll(summary.toJson());
            System.out.println(out);
        } else {
            summary.lines().forEach(System.out::println);
        }
    }

    private static void progress(PrintStream err, LoadRun.Progress p) {
        err.printf(Locale.ROOT, "sim city: %d/%d h simulated (%s), %,d events, %,.0f events/s, lag %,d%n",
                p.simulated().toHours(), p.period().toHours(), LOCAL.format(p.simulatedTime()), p.events(),
                p.eventsPerSecond(), p.lag());
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("vigie-sim-city-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data folder", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("sim city: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
