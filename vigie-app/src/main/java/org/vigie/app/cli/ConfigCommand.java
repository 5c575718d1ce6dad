package org.vigie.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vigie.core.config.ConfigException;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with configuration files.",
        subcommands = ConfigCommand.Check.class)
public final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a configuration file as start-up would; print every problem with its line. Exit 1 if any.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            try {
                VigieConfig cfg = ConfigLoader.load(file);
                System.out.println(file + ": OK");
                System.out.println("  server: " + cfg.server().host() + ":" + cfg.server().port());
                System.out.println("  store: " + cfg.store().url());
                System.out.println("  city: " + cfg.city().name() + (cfg.city().zones() == null
                        ? " (built-in approximate districts)" : " (zones " + cfg.city().zones() + ")"));
                System.out.println("  correlation rules: " + cfg.correlation().rules().stream()
                        .filter(r -> r.types().size() > 1).map(r -> r.name() + " " + (int) r.radiusMeters() + " m/"
                                + r.window().toMinutes() + " min").toList());
                System.out.println("  composite rules: " + cfg.correlation().composites().stream()
                        .map(r -> r.name() + " " + (int) r.radiusMeters() + " m/" + r.window().toMinutes() + " min")
                        .toList());
                System.out.println("  vulnerable places: " + cfg.fusion().places().size());
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(System.err::println);
                return 1;
            }
        }
    }
}
