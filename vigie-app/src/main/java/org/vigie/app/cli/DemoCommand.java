package org.vigie.app.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.vigie.app.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded platform with a simulated Marseille: citizen reports, fire-brigade interventions,",
                "police incidents, camera detections and gunshot reports, replaying the last 24 h at --speed times real",
                "time. Open the printed URL; Ctrl-C stops cleanly."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", defaultValue = "vigie-data", paramLabel = "DIR",
            description = "Where the SQLite database lives (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--speed", defaultValue = "60", description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "13055", description = "Seed of the simulation; the same seed gives the same day (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--zones", paramLabel = "FILE.geojson",
            description = "District polygons (GeoJSON with 'code' and 'nom' properties) instead of the built-in approximate ones.")
    Path zones;

    @Override
    public Integer call() throws Exception {
        Demo demo = Demo.start(new Demo.Options(host, port, dataDir, speed, seed, zones), Clock.systemUTC());
        System.out.println();
        System.out.println("  Vigie demo is running: " + demo.platform().url());
        System.out.println("  Simulated Marseille at " + speed + "x, data in " + dataDir.toAbsolutePath() + ". Ctrl-C to stop.");
        if (!demo.createdAccounts().isEmpty()) {
            System.out.println();
            System.out.println("  Accounts created for this data folder (shown once; only their hashes are kept):");
            for (Demo.Credential c : demo.createdAccounts()) {
                System.out.printf("    %-11s user %-11s password %s%n", c.role(), c.user(), c.password());
            }
            System.out.println("  Sign in at " + demo.platform().url() + "login");
        }
        System.out.println();
        ServeCommand.awaitShutdown(demo);
        return 0;
    }
}
