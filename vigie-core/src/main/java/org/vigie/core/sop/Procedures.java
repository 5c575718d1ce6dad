package org.vigie.core.sop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.core.config.ConfigException;
import org.vigie.core.config.YamlTree;
import org.vigie.core.model.EventType;

/**
 * Standard operating procedures: for each incident type an ordered checklist shown with the incident, and a
 * {@code default} one for types without their own. Vigie ships procedures for the main types
 * ({@code procedures.yaml} next to this class); a city replaces any of them, type by type, in its configuration.
 *
 * <p>YAML: a mapping from a type's JSON name (or {@code default}) to a list of {@code {id, text}}:
 * <pre>
 * gunshot:
 *   - id: locate
 *     text: Locate the place on the map and turn the nearest cameras to it
 * </pre>
 * Immutable; safe to share between threads.
 */
public final class Procedures {
    public static final String DEFAULT = "default";
    public static final int MAX_STEPS = 50;
    private static final String SHIPPED = "procedures.yaml";

    private final Map<EventType, List<Step>> byType;
    private final List<Step> fallback;

    private Procedures(Map<EventType, List<Step>> byType, List<Step> fallback) {
        this.byType = byType;
        this.fallback = fallback;
    }

    /** The procedures Vigie ships. */
    public static Procedures shipped() {
        try (InputStream in = Procedures.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("the shipped procedures " + SHIPPED + " are missing from the build");
            }
            var problems = new ArrayList<String>();
            Procedures p = empty().overriddenBy(YamlTree.parse(SHIPPED, new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), problems));
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped procedures", e);
        }
    }

    public static Procedures empty() {
        return new Procedures(Map.of(), List.of());
    }

    /**
     * These procedures with the types listed in {@code tree} replaced. Problems are added to the tree's list
     * (file, line, key, what was expected); a type with problems keeps its current checklist.
     */
    public Procedures overriddenBy(YamlTree tree) {
        var types = new EnumMap<EventType, List<Step>>(EventType.class);
        types.putAll(byType);
        List<Step> dflt = read(tree, DEFAULT).orElse(fallback);
        for (EventType t : EventType.values()) {
            read(tree, t.jsonName()).ifPresent(steps -> types.put(t, steps));
        }
        tree.rejectUnknownKeys();
        return new Procedures(Map.copyOf(types), dflt);
    }

    private static Optional<List<Step>> read(YamlTree tree, String key) {
        List<YamlTree> items = tree.list(key);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.size() > MAX_STEPS) {
            tree.problem(items.get(MAX_STEPS).node(), items.get(MAX_STEPS).path(), "at most " + MAX_STEPS + " steps");
            return Optional.empty();
        }
        var steps = new ArrayList<Step>(items.size());
        var ids = new HashSet<String>();
        boolean ok = true;
        for (YamlTree item : items) {
            String id = item.string("id", null);
            String text = item.string("text", null);
            item.rejectUnknownKeys();
            if (id == null || text == null) {
                item.problem(item.node(), item.path(), "a step needs an id and a text");
                ok = false;
                continue;
            }
            if (!ids.add(id)) {
                item.problem(item.node(), item.path() + ".id", "step '" + id + "' appears twice in " + key);
                ok = false;
                continue;
            }
            try {
                steps.add(new Step(id, text.strip()));
            } catch (IllegalArgumentException e) {
                item.problem(item.node(), item.path(), e.getMessage());
                ok = false;
            }
        }
        return ok ? Optional.of(List.copyOf(steps)) : Optional.empty();
    }

    /** The checklist for incidents of this type: its own, or the default one. */
    public List<Step> forType(EventType type) {
        return byType.getOrDefault(type, fallback);
    }

    /** Whether the type has a checklist of its own (rather than the default one). */
    public boolean hasOwn(EventType type) {
        return byType.containsKey(type);
    }

    public Optional<Step> step(EventType type, String id) {
        return forType(type).stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
