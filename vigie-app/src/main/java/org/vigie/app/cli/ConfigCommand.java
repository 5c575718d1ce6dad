package org.vigie.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigie.app.Platform;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.feeds.FeedConnectors;
import org.vigie.app.feeds.FeedRegistry;
import org.vigie.core.config.ConfigException;
import org.vigie.feeds.poll.HttpPoller;
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
                if (!cfg.feeds().connectors().isEmpty()) {
                    // Format names are known only once the formats are built from the whole configuration.
                    List<String> problems = FeedConnectors.check(cfg.feeds(),
                            FeedRegistry.formats(cfg, Platform.loadCity(cfg.city())));
                    if (!problems.isEmpty()) {
                        throw new ConfigException(problems);
                    }
                }
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
                for (VigieConfig.Connector c : cfg.feeds().connectors()) {
                    System.out.println("  feed " + c.name() + ": " + c.format() + " from "
                            + (c.watchesFolder() ? "folder " + Path.of(c.url()) : HttpPoller.redact(c.url()))
                            + " every " + c.interval().toString().substring(2).toLowerCase(Locale.ROOT)
                            + (c.headers().isEmpty() ? "" : ", headers " + c.headers().keySet()));
                }
                for (VigieConfig.SocialStream s : cfg.social().streams()) { // the token's value is never shown
                    System.out.println("  social stream " + s.id() + ": " + (s.hashtag() == null ? "public timeline"
                            : "#" + s.hashtag()) + " of " + s.server() + (s.accessToken() == null ? "" : ", with a token")
                            + ", bursts of " + s.bursts().minAuthors() + "+ authors in " + s.bursts().window().toMinutes()
                            + "-min windows, tested every " + s.evaluateEvery().toString().substring(2).toLowerCase(Locale.ROOT));
                }
                var a = cfg.anomalies();
                System.out.println("  anomalies: " + (!a.enabled() ? "off" : (a.zones() == VigieConfig.AnomalyZones.CELLS
                        ? "H3 cells at resolution " + a.zoneResolution() : "districts") + ", " + a.settings().weeks()
                        + " weeks, at most " + a.settings().falseAlarmsPerDay() + " false alarm(s) a day, hours in "
                        + cfg.city().timeZone()));
                var access = cfg.access();
                System.out.println("  access: " + (!access.enabled() ? "OFF (every request is let through)"
                        : "sessions " + access.sessionIdle() + " idle / " + access.sessionAbsolute() + " at most, "
                        + access.keys().size() + " API key(s)" + (access.keys().isEmpty() ? ""
                        : " (" + access.keys().stream().map(k -> k.name() + ": " + k.role().jsonName()).toList() + ")")));
                var r = cfg.retention();
                System.out.println("  retention: evidence " + r.evidenceDays() + " days in " + r.evidenceDir() + ", events "
                        + r.eventDays() + " days, then daily counts; purge every " + r.every());
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(System.err::println);
                return 1;
            }
        }
    }
}
