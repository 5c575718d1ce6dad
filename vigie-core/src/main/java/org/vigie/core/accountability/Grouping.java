package org.vigie.core.accountability;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.vigie.core.model.SourceKind;

/**
 * What precision is measured per. An alert counts once for each key it has: an incident seen by two cameras
 * counts for both, as each camera contributed to putting it before an operator.
 */
public enum Grouping {
    /** The incident type ({@code fire_start}). */
    TYPE,
    /** The composite rule that shaped the incident; incidents no composite rule shaped are left out. */
    RULE,
    /** The kind of source ({@code camera}, {@code citizen}). */
    SOURCE,
    /** Each camera ({@code camera/cam-7}). */
    CAMERA,
    /** Each acoustic sensor. */
    SENSOR,
    /** Each feed: sources that are neither cameras, acoustic sensors, operators nor fusion. */
    FEED,
    /** Each kind of report, source kind and type ({@code camera/fire_start}): what a detector is. */
    DETECTOR;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Grouping> fromJson(String name) {
        for (Grouping g : values()) {
            if (g.jsonName().equals(name)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    public List<String> keysOf(Alert a) {
        return switch (this) {
            case TYPE -> List.of(a.type().jsonName());
            case RULE -> a.composite() == null ? List.of() : List.of(a.composite());
            case SOURCE -> List.copyOf(a.sourceKinds());
            case CAMERA -> sourcesOf(a, this);
            case SENSOR -> sourcesOf(a, this);
            case FEED -> sourcesOf(a, this);
            case DETECTOR -> List.copyOf(new TreeSet<>(a.detectors()));
        };
    }

    private static List<String> sourcesOf(Alert a, Grouping g) {
        var out = new TreeSet<String>();
        for (String s : a.sources()) {
            SourceKind kind = Alert.kindOf(s);
            if (kind != null && EquipmentKind.of(kind).filter(e -> e.grouping() == g).isPresent()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
