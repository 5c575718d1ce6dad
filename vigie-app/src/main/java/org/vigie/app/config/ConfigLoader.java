package org.vigie.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigie.core.config.ConfigException;
import org.vigie.core.config.YamlTree;
import org.vigie.core.correlate.CompositeRule;
import org.vigie.core.correlate.CorrelationRule;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.json.Json;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.core.sop.Procedures;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

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
            var v = new VigieConfig.City(c.string("name", "Marseille"), zonesPath, c.string("code-property", "code"),
                    c.string("name-property", "nom"));
            c.rejectUnknownKeys();
            return v;
        }).orElse(base.city());

        CorrelationRules correlation = top.child("correlation").map(ConfigLoader::correlation).orElse(base.correlation());
        VigieConfig.Fusion fusion = top.child("fusion").map(f -> fusion(f, baseDir, problems)).orElse(base.fusion());
        top.rejectUnknownKeys();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new VigieConfig(server, store, city, correlation, fusion);
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
        // Present (even as an empty list, which turns them off): exactly those; absent: the shipped ones.
        boolean compositesGiven = has(c, "composite-rules");
        var composites = new ArrayList<CompositeRule>();
        for (YamlTree r : c.list("composite-rules")) {
            compositeRule(r).ifPresent(composites::add);
        }
        c.rejectUnknownKeys();
        try {
            return new CorrelationRules(hasRules ? rules : defaults.rules().stream()
                    .filter(r -> r.types().size() > 1).toList(),
                    compositesGiven ? composites : CorrelationRules.defaultComposites(), radius, window);
        } catch (IllegalArgumentException e) {
            c.problem(c.node(), c.path(), e.getMessage());
            return defaults;
        }
    }

    private static boolean has(YamlTree tree, String key) {
        if (tree.node() instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<CompositeRule> compositeRule(YamlTree r) {
        String name = r.string("name", null);
        var anchor = r.child("anchor").map(ConfigLoader::part);
        var with = new ArrayList<CompositeRule.Part>();
        boolean partsOk = true;
        for (YamlTree w : r.list("with")) {
            var part = part(w);
            partsOk &= part.isPresent();
            part.ifPresent(with::add);
        }
        double radius = r.number("radius-m", Double.NaN, 0, CorrelationRule.MAX_RADIUS_METERS);
        Duration window = r.duration("window", null);
        String typeName = r.string("type", null);
        EventType type = typeName == null ? null : EventType.fromJson(typeName).orElse(null);
        int priority = r.integer("priority", 5, 1, 5);
        r.rejectUnknownKeys();
        var missing = new ArrayList<String>();
        if (name == null) {
            missing.add("name");
        }
        if (!has(r, "anchor")) {
            missing.add("anchor");
        }
        if (!has(r, "with")) {
            missing.add("with");
        }
        if (!has(r, "radius-m")) {
            missing.add("radius-m");
        }
        if (!has(r, "window")) {
            missing.add("window");
        }
        if (typeName == null) {
            missing.add("type");
        }
        if (!missing.isEmpty()) {
            r.problem(r.node(), r.path(), "a composite rule needs " + String.join(", ", missing));
            return Optional.empty();
        }
        if (type == null) {
            r.problem(r.node(), r.path() + ".type", "unknown event type '" + typeName + "'");
            return Optional.empty();
        }
        if (anchor.isEmpty() || anchor.get().isEmpty() || !partsOk || Double.isNaN(radius)) {
            return Optional.empty(); // already reported
        }
        try {
            return Optional.of(new CompositeRule(name, anchor.get().get(), with, radius, window, type, priority));
        } catch (IllegalArgumentException e) {
            r.problem(r.node(), r.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<CompositeRule.Part> part(YamlTree p) {
        var types = new HashSet<EventType>();
        boolean ok = true;
        for (String t : p.strings("types")) {
            var type = EventType.fromJson(t);
            if (type.isEmpty()) {
                p.problem(p.node(), p.path() + ".types", "unknown event type '" + t + "'");
                ok = false;
            }
            type.ifPresent(types::add);
        }
        var sources = new HashSet<SourceKind>();
        for (String k : p.strings("sources")) {
            var kind = SourceKind.fromJson(k);
            if (kind.isEmpty()) {
                p.problem(p.node(), p.path() + ".sources", "unknown kind of source '" + k + "'; expected one of "
                        + Arrays.stream(SourceKind.values()).map(SourceKind::jsonName).toList());
                ok = false;
            }
            kind.ifPresent(sources::add);
        }
        int minCount = p.integer("min-count", 1, 1, CompositeRule.Part.MAX_COUNT);
        p.rejectUnknownKeys();
        if (types.isEmpty() && ok) {
            p.problem(p.node(), p.path() + ".types", "a part needs at least one event type");
            return Optional.empty();
        }
        return ok ? Optional.of(new CompositeRule.Part(types, sources, minCount)) : Optional.empty();
    }

    private static VigieConfig.Fusion fusion(YamlTree f, Path baseDir, List<String> problems) {
        VigieConfig.Fusion dflt = VigieConfig.Fusion.defaults();
        var priors = new EnumMap<SourceKind, Double>(SourceKind.class);
        double strength = dflt.priorStrength();
        var reliability = f.child("reliability");
        if (reliability.isPresent()) {
            YamlTree r = reliability.get();
            strength = r.number("prior-strength", strength, 0, 1000);
            r.child("defaults").ifPresent(d -> {
                for (SourceKind k : SourceKind.values()) {
                    double v = d.number(k.jsonName(), Double.NaN, 0, 1);
                    if (v == 1) {
                        d.problem(d.node(), d.path() + "." + k.jsonName(), "expected a reliability in (0, 1), got 1: "
                                + "no source is never wrong");
                    } else if (!Double.isNaN(v)) {
                        priors.put(k, v);
                    }
                }
                d.rejectUnknownKeys();
            });
            r.rejectUnknownKeys();
        }
        var places = new ArrayList<VulnerablePlace>();
        f.child("vulnerable-places").ifPresent(v -> places.addAll(places(v, baseDir, problems)));
        Procedures procedures = f.child("sop").map(s -> procedures(s, baseDir, problems)).orElse(dflt.procedures());
        f.rejectUnknownKeys();
        return new VigieConfig.Fusion(priors, strength, places, procedures);
    }

    private static List<VulnerablePlace> places(YamlTree v, Path baseDir, List<String> problems) {
        var out = new ArrayList<VulnerablePlace>();
        double radius = v.number("radius-m", VulnerablePlace.DEFAULT_RADIUS_METERS, 0, VulnerablePlace.MAX_RADIUS_METERS);
        String file = v.string("file", null);
        if (file != null) {
            Path path = baseDir.resolve(file).normalize();
            try {
                out.addAll(placesFromGeoJson(path, Json.MAPPER.readTree(Files.readString(path)), radius, problems));
            } catch (IOException e) {
                v.problem(v.node(), v.path() + ".file", "cannot read " + path + ": " + e.getMessage());
            }
        }
        for (YamlTree p : v.list("places")) {
            String name = p.string("name", null);
            String kind = p.string("kind", null);
            place(p, name, kind, radius, kind == null ? 0 : VulnerablePlace.defaultWeight(kind)).ifPresent(out::add);
        }
        v.child("transit-stops").ifPresent(t -> {
            double weight = t.number("weight", VulnerablePlace.defaultWeight(VulnerablePlace.TRANSIT_STATION), 0,
                    VulnerablePlace.MAX_WEIGHT);
            double stopRadius = t.number("radius-m", radius, 0, VulnerablePlace.MAX_RADIUS_METERS);
            for (YamlTree s : t.list("stops")) {
                String name = s.string("name", null);
                double lat = s.number("lat", Double.NaN, -1000, 1000);
                double lon = s.number("lon", Double.NaN, -1000, 1000);
                s.rejectUnknownKeys();
                newPlace(s, name, VulnerablePlace.TRANSIT_STATION, lat, lon, weight, stopRadius).ifPresent(out::add);
            }
            t.rejectUnknownKeys();
        });
        v.rejectUnknownKeys();
        return out;
    }

    private static Optional<VulnerablePlace> place(YamlTree p, String name, String kind, double radius,
                                                             double weight) {
        double lat = p.number("lat", Double.NaN, -1000, 1000);
        double lon = p.number("lon", Double.NaN, -1000, 1000);
        double w = p.number("weight", weight, 0, VulnerablePlace.MAX_WEIGHT);
        double r = p.number("radius-m", radius, 0, VulnerablePlace.MAX_RADIUS_METERS);
        p.rejectUnknownKeys();
        return newPlace(p, name, kind, lat, lon, w, r);
    }

    private static Optional<VulnerablePlace> newPlace(YamlTree at, String name, String kind, double lat,
                                                                double lon, double weight, double radius) {
        if (name == null || kind == null || Double.isNaN(lat) || Double.isNaN(lon)) {
            at.problem(at.node(), at.path(), "a place needs a name, " + (kind == null ? "a kind, " : "") + "lat and lon");
            return Optional.empty();
        }
        try {
            return Optional.of(new VulnerablePlace(name, kind, lat, lon, weight, radius));
        } catch (IllegalArgumentException e) {
            at.problem(at.node(), at.path(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sites as GeoJSON Points with properties {@code name}, {@code kind}, and optionally {@code weight} and
     * {@code radius_m}. Each problem names the file and the feature.
     */
    static List<VulnerablePlace> placesFromGeoJson(Path file, JsonNode root, double radius, List<String> problems) {
        var out = new ArrayList<VulnerablePlace>();
        JsonNode features = root.path("features");
        if (!"FeatureCollection".equals(root.path("type").asText()) || !features.isArray()) {
            problems.add(file + ": expected a GeoJSON FeatureCollection");
            return out;
        }
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            JsonNode geometry = feature.path("geometry");
            JsonNode coordinates = geometry.path("coordinates");
            JsonNode props = feature.path("properties");
            String where = file + ": features[" + i + "]: ";
            if (!"Point".equals(geometry.path("type").asText()) || coordinates.size() < 2
                    || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
                problems.add(where + "expected a Point geometry with [lon, lat]");
                continue;
            }
            String name = props.path("name").isTextual() ? props.path("name").asText() : null;
            String kind = props.path("kind").isTextual() ? props.path("kind").asText() : null;
            if (name == null || kind == null) {
                problems.add(where + "properties need a name and a kind (e.g. school, transit_station)");
                continue;
            }
            double weight = props.path("weight").isNumber() ? props.path("weight").asDouble() : VulnerablePlace.defaultWeight(kind);
            double r = props.path("radius_m").isNumber() ? props.path("radius_m").asDouble() : radius;
            try {
                out.add(new VulnerablePlace(name, kind, coordinates.get(1).asDouble(), coordinates.get(0).asDouble(),
                        weight, r));
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        return out;
    }

    private static Procedures procedures(YamlTree s, Path baseDir, List<String> problems) {
        Procedures p = Procedures.shipped();
        String file = s.string("file", null);
        if (file != null) {
            Path path = baseDir.resolve(file).normalize();
            try {
                p = p.overriddenBy(YamlTree.parse(path.toString(), Files.readString(path), problems));
            } catch (IOException e) {
                s.problem(s.node(), s.path() + ".file", "cannot read " + path + ": " + e.getMessage());
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        var inline = s.child("procedures");
        if (inline.isPresent()) {
            p = p.overriddenBy(inline.get());
        }
        s.rejectUnknownKeys();
        return p;
    }
}
