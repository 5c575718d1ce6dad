package org.vigie.core.priority;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.vigie.core.model.EventRules;

/**
 * A place where the same situation matters more: a school, a transit station, a hospital, a registered
 * sensitive site. An incident within {@code radiusMeters} has its priority score multiplied by {@code weight}.
 * A place is a point with a name; nothing about any person is kept.
 *
 * @param kind lower-case words joined by underscores, e.g. {@code school}, {@code transit_station}
 */
public record VulnerablePlace(String name, String kind, double lat, double lon, double weight, double radiusMeters) {
    public static final double MIN_WEIGHT = 1;
    public static final double MAX_WEIGHT = 3;
    public static final double MAX_RADIUS_METERS = 1_000;
    public static final double DEFAULT_RADIUS_METERS = 150;
    public static final String TRANSIT_STATION = "transit_station";
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /**
     * Weights when a place does not state one: places where many people cannot easily move away (pupils,
     * patients, passengers on a platform) weigh most.
     */
    private static final Map<String, Double> DEFAULT_WEIGHTS = Map.of(
            "school", 1.5, "hospital", 1.4, "sensitive_site", 1.5, TRANSIT_STATION, 1.3, "stadium", 1.3,
            "place_of_worship", 1.3);
    private static final double OTHER_WEIGHT = 1.2;

    public VulnerablePlace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a vulnerable place needs a name of 1..200 characters");
        }
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("place '" + name + "': kind must be lower-case words joined by "
                    + "underscores (e.g. school, transit_station), got '" + kind + "'");
        }
        var errors = EventRules.checkLocation("place '" + name + "'", lat, lon, 0);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.get(0).field() + ": " + errors.get(0).message());
        }
        if (!(weight >= MIN_WEIGHT && weight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException("place '" + name + "': weight must be in [" + MIN_WEIGHT + ", "
                    + MAX_WEIGHT + "], got " + weight);
        }
        if (!(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS)) {
            throw new IllegalArgumentException("place '" + name + "': radius must be in (0, " + MAX_RADIUS_METERS
                    + "] m, got " + radiusMeters);
        }
    }

    /** The weight a place of this kind gets when none is configured. */
    public static double defaultWeight(String kind) {
        return DEFAULT_WEIGHTS.getOrDefault(kind, OTHER_WEIGHT);
    }

    /** A place of a kind with that kind's default weight and radius. */
    public static VulnerablePlace of(String name, String kind, double lat, double lon) {
        return new VulnerablePlace(name, kind, lat, lon, defaultWeight(kind), DEFAULT_RADIUS_METERS);
    }

    /** The kind in words, for explanations: {@code transit_station} → {@code transit station}. */
    public String kindWords() {
        return kind.replace('_', ' ');
    }
}
