package org.vigie.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigie.app.Platform;
import org.vigie.app.cluster.ClusterNode;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the platform from a configuration file (embedded: SQLite; or PostgreSQL by JDBC URL).",
                "With a cluster section, run this process's roles of a city-scale deployment on Kafka (docs/deploy.md)."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration (see docs/configuration.md).")
    Path config;

    @Override
    public Integer call() throws Exception {
        VigieConfig cfg = ConfigLoader.load(config);
        if (cfg.cluster() != null) {
            ClusterNode node = ClusterNode.start(cfg, Clock.systemUTC());
            System.out.println("Vigie cluster member " + cfg.cluster().roles().stream().map(VigieConfig.Role::configName)
                    .sorted().toList() + " is running on " + node.url() + "  (Ctrl-C to stop)");
            awaitShutdown(node);
            return 0;
        }
        Platform platform = Platform.start(cfg, Clock.systemUTC());
        System.out.println("Vigie is running on " + platform.url() + "  (Ctrl-C to stop)");
        awaitShutdown(platform);
        return 0;
    }

    /** Blocks until Ctrl-C (or SIGTERM), then closes {@code resource} before the JVM exits. */
    static void awaitShutdown(AutoCloseable resource) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping: finishing the work in hand…");
            try {
                resource.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            System.err.println("stopped; nothing acknowledged was lost");
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
