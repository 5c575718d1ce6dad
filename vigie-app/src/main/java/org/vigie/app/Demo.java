package org.vigie.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.sim.CitySimulator;
import org.vigie.app.sim.SimulationRunner;

/**
 * The embedded platform plus a simulator that replays the last 24 hours of a synthetic Marseille day at
 * {@code speed} times real time, then carries on live. Simulated events go through the same ingest as every
 * other source. Closing stops the simulator first, so its last batch is committed before the store closes.
 */
public final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    public static final Duration REPLAYED = Duration.ofHours(24);

    public record Options(String host, int port, Path dataDir, double speed, long seed, Path zones) {
        public Options {
            if (!(speed > 0 && speed <= 10_000)) {
                throw new IllegalArgumentException("--speed must be in (0, 10000], got " + speed);
            }
        }
    }

    private final Platform platform;
    private final SimulationRunner runner;

    private Demo(Platform platform, SimulationRunner runner) {
        this.platform = platform;
        this.runner = runner;
    }

    public static Demo start(Options o, Clock clock) {
        VigieConfig base = VigieConfig.embedded(o.dataDir(), o.port()).withServer(new VigieConfig.Server(o.host(), o.port()));
        VigieConfig config = o.zones() == null ? base
                : base.withCity(new VigieConfig.City("Marseille", o.zones(), "code", "nom"));
        Instant start = clock.instant().minus(REPLAYED);
        var simulator = new CitySimulator(Platform.loadCity(config.city()), o.seed(), start);
        VigieConfig.Console console = config.console();
        config = config.withConsole(new VigieConfig.Console(console.tiles(), console.tileAttribution(), console.evidence(),
                simulator.cameras(), simulator.acousticSensors()));
        Platform platform = Platform.start(config, clock);
        try {
            var runner = new SimulationRunner(simulator, o.speed(), clock,
                    events -> platform.ingest().ingestEvents(events, "simulator")).start();
            LOG.info("simulating Marseille from {} at {}x real time (seed {})", start, o.speed(), o.seed());
            return new Demo(platform, runner);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public Platform platform() {
        return platform;
    }

    public SimulationRunner simulation() {
        return runner;
    }

    @Override
    public void close() {
        runner.close();
        platform.close();
    }
}
