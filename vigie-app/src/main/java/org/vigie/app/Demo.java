package org.vigie.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.sim.CitySimulator;
import org.vigie.app.sim.SimulationRunner;
import org.vigie.server.access.Argon2id;
import org.vigie.server.access.Role;
import org.vigie.store.Account;
import org.vigie.store.Store;

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

    /** An account the demo made for one role, with the password it drew; shown once, stored only as a hash. */
    public record Credential(String user, String role, String password) {
        @Override
        public String toString() {
            return "Credential[" + user + ", " + role + "]";
        }
    }

    private final Platform platform;
    private final SimulationRunner runner;
    private final List<Credential> created;

    private Demo(Platform platform, SimulationRunner runner, List<Credential> created) {
        this.platform = platform;
        this.runner = runner;
        this.created = created;
    }

    public static Demo start(Options o, Clock clock) {
        VigieConfig base = VigieConfig.embedded(o.dataDir(), o.port()).withServer(new VigieConfig.Server(o.host(), o.port()));
        VigieConfig config = o.zones() == null ? base
                : base.withCity(new VigieConfig.City("Marseille", o.zones(), "code", "nom"));
        Instant start = clock.instant().minus(REPLAYED);
        var simulator = new CitySimulator(Platform.loadCity(config.city()), o.seed(), start);
        VigieConfig.Console console = config.console();
        config = config.withConsole(new VigieConfig.Console(console.tiles(), console.tileAttribution(),
                simulator.cameras(), simulator.acousticSensors()));
        Platform platform = Platform.start(config, clock);
        try {
            List<Credential> created = createAccounts(platform.store(), clock);
            var runner = new SimulationRunner(simulator, o.speed(), clock,
                    events -> platform.ingest().ingestEvents(events, "simulator")).start();
            LOG.info("simulating Marseille from {} at {}x real time (seed {})", start, o.speed(), o.seed());
            return new Demo(platform, runner, created);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * On the first start (no account yet), one account per role with a random password; later starts create none,
     * so the passwords are shown only by the start that made them.
     */
    static List<Credential> createAccounts(Store store, Clock clock) {
        if (store.accounts().count() > 0) {
            return List.of();
        }
        var hasher = new Argon2id(Argon2id.DEFAULT);
        var random = new SecureRandom();
        var out = new ArrayList<Credential>();
        for (Role role : List.of(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.ADMIN)) {
            String password = password(random);
            String name = role.jsonName();
            if (store.accounts().create(new Account(name, hasher.hash(password), role.jsonName(), clock.instant(), false))) {
                out.add(new Credential(name, role.jsonName(), password));
            }
        }
        return List.copyOf(out);
    }

    /** 20 characters from an alphabet without look-alikes (about 100 bits). */
    private static String password(SecureRandom random) {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** The accounts this start created (empty after the first start). */
    public List<Credential> createdAccounts() {
        return created;
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
