package org.vigie.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.config.ConfigException;
import org.vigie.core.config.YamlTree;
import org.vigie.core.correlate.CorrelationRule;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.model.EventType;

/**
 * Reads and validates the YAML configuration. All problems of a file are reported together, each as
 * {@code file:line: key: what was expected}; unknown keys are errors (a misspelt key would otherwise be a
 * silently ignored setting).
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static VigieConfig load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** @param baseDir relative paths in the file (zones, SQLite file) are resolved against it */
    public static VigieConfig parse(String fileName, String text, Path baseDir) {
        var problems = new ArrayList<String>();
        var top = YamlTree.parse(fileName, text, problems);
        Path defaults = Path.of("vigie-data");
        VigieConfig base = VigieConfig.embedded(baseDir.resolve(defaults), 8080);

        VigieConfig.Server server = top.child("server").map(s -> {
            var v = new VigieConfig.Server(s.string("host", "0.0.0.0"), s.integer("port", 8080, 0, 65535));
            s.rejectUnknownKeys();
            return v;
        }).orElse(base.server());

        VigieConfig.Store store = top.child("store").map(s -> {
            String url = s.string("url", base.store().url());
            if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
                s.problem(s.node(), s.path() + ".url", "expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB, got '" + url + "'");
            }
            if (url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:sqlite::memory:")) {
                Path file = Path.of(url.substring("jdbc:sqlite:".length()));
                url = "jdbc:sqlite:" + (file.isAbsolute() ? file : baseDir.resolve(file)).normalize();
            }
            String sync = s.string("synchronous", "full");
            if (!sync.equals("full") && !sync.equals("normal")) {
                s.problem(s.node(), s.path() + ".synchronous", "expected full or normal, got '" + sync + "'");
            }
            var v = new VigieConfig.Store(url, s.string("user", null), s.string("password", null),
                    s.integer("pool-size", 4, 1, 64), sync);
            s.rejectUnknownKeys();
            return v;
        }).orElse(base.store());

        VigieConfig.City city = top.child("city").map(c -> {
            String zones = c.string("zones", null);
            Path zonesPath = zones == null ? null : baseDir.resolve(zones).normalize();
            if (zonesPath != null && !Files.isRegularFile(zonesPath)) {
                c.problem(c.node(), c.path() + ".zones", "no such file: " + zonesPath);
            }
            String tz = c.string("time-zone", VigieConfig.City.DEFAULT_TIME_ZONE.getId());
            ZoneId zone = VigieConfig.City.DEFAULT_TIME_ZONE;
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                c.problem(c.node(), c.path() + ".time-zone", "expected a time zone such as Europe/Paris or "
                        + "America/New_York, got '" + tz + "'");
            }
            var v = new VigieConfig.City(c.string("name", "Marseille"), zonesPath, c.string("code-property", "code"),
                    c.string("name-property", "nom"), zone);
            c.rejectUnknownKeys();
            return v;
        }).orElse(base.city());

        CorrelationRules correlation = top.child("correlation").map(ConfigLoader::correlation).orElse(base.correlation());
        VigieConfig.Anomalies anomalies = top.child("anomalies").map(ConfigLoader::anomalies).orElse(base.anomalies());
        top.rejectUnknownKeys();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new VigieConfig(server, store, city, correlation, anomalies);
    }

    private static VigieConfig.Anomalies anomalies(YamlTree a) {
        var d = VigieConfig.Anomalies.defaults();
        AnomalySettings s = d.settings();
        boolean enabled = flag(a, "enabled", d.enabled());
        String zonesText = a.string("zones", "districts");
        VigieConfig.AnomalyZones zones = switch (zonesText) {
            case "districts" -> VigieConfig.AnomalyZones.DISTRICTS;
            case "cells" -> VigieConfig.AnomalyZones.CELLS;
            default -> {
                a.problem(a.node(), a.path() + ".zones", "expected districts or cells, got '" + zonesText + "'");
                yield d.zones();
            }
        };
        int resolution = a.integer("zone-resolution", d.zoneResolution(), 0, 9);
        int weeks = a.integer("weeks", s.weeks(), 1, 52);
        Duration minHistory = a.duration("min-history", s.minHistory());
        double perDay = a.number("false-alarms-per-day", s.falseAlarmsPerDay(), 0, 24);
        int minCount = a.integer("min-count", s.minCount(), 2, 1_000_000);
        double minExpected = a.number("min-expected", s.minExpected(), 0, 10);
        Duration lateness = a.duration("lateness", d.lateness());
        a.rejectUnknownKeys();
        if (lateness.isNegative() || lateness.compareTo(Duration.ofHours(24)) > 0) {
            a.problem(a.node(), a.path() + ".lateness", "expected a duration in [0, 24h], got " + lateness);
            lateness = d.lateness();
        }
        try {
            s = new AnomalySettings(weeks, minHistory, perDay, minCount, minExpected);
        } catch (IllegalArgumentException e) {
            a.problem(a.node(), a.path(), e.getMessage());
        }
        return new VigieConfig.Anomalies(enabled, zones, resolution, s, lateness);
    }

    private static boolean flag(YamlTree t, String name, boolean dflt) {
        String v = t.string(name, null);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                t.problem(t.node(), t.path() + "." + name, "expected true or false, got '" + v + "'");
                yield dflt;
            }
        };
    }

    private static CorrelationRules correlation(YamlTree c) {
        CorrelationRules defaults = CorrelationRules.defaults();
        double radius = c.number("default-radius-m", 250, 0, CorrelationRule.MAX_RADIUS_METERS);
        Duration window = c.duration("default-window", Duration.ofMinutes(15));
        boolean hasRules = false;
        var rules = new ArrayList<CorrelationRule>();
        Set<EventType> seen = new HashSet<>();
        for (YamlTree r : c.list("rules")) {
            hasRules = true;
            String name = r.string("name", r.path());
            var types = new HashSet<EventType>();
            for (String t : r.strings("types")) {
                EventType.fromJson(t).ifPresentOrElse(type -> {
                    if (!seen.add(type)) {
                        r.problem(r.node(), r.path() + ".types", "'" + t + "' is already in another rule; a type belongs to one rule");
                    }
                    types.add(type);
                }, () -> r.problem(r.node(), r.path() + ".types", "unknown event type '" + t + "'"));
            }
            double rr = r.number("radius-m", radius, 0, CorrelationRule.MAX_RADIUS_METERS);
            Duration w = r.duration("window", window);
            r.rejectUnknownKeys();
            if (types.isEmpty()) {
                r.problem(r.node(), r.path() + ".types", "a rule needs at least one event type");
                continue;
            }
            if (w.isZero() || w.isNegative() || w.compareTo(CorrelationRule.MAX_WINDOW) > 0) {
                r.problem(r.node(), r.path() + ".window", "expected a window in (0, 24h], got " + w);
                continue;
            }
            rules.add(new CorrelationRule(name, types, rr, w));
        }
        c.rejectUnknownKeys();
        try {
            return new CorrelationRules(hasRules ? rules : defaults.rules().stream()
                    .filter(r -> r.types().size() > 1).toList(), radius, window);
        } catch (IllegalArgumentException e) {
            c.problem(c.node(), c.path(), e.getMessage());
            return defaults;
        }
    }
}
