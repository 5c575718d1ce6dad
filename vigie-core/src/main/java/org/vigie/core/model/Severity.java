package org.vigie.core.model;

import java.util.Locale;
import java.util.Optional;

/** CAP 1.2 {@code <severity>}, ordered from least to most severe. */
public enum Severity {
    UNKNOWN(0.3), MINOR(0.25), MODERATE(0.5), SEVERE(0.7), EXTREME(1.0);

    private final double weight;

    Severity(double weight) {
        this.weight = weight;
    }

    /**
     * Weight used when ranking incidents: with {@link org.vigie.core.model.Incident#priorityOf} only an extreme
     * situation reaches priority 1, and unknown ranks a little above minor so it is not buried.
     */
    public double weight() {
        return weight;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> fromJson(String name) {
        for (Severity s : values()) {
            if (s.jsonName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Severity max(Severity a, Severity b) {
        return a.weight >= b.weight ? a : b;
    }
}
