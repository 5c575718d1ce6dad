package org.vigie.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Why an operator dismissed an incident, from a fixed list, so that dismissals can be counted per cause and the
 * detectors tuned against the commonest (a reflection is a camera problem; a duplicate, a correlation one).
 */
public enum DismissalReason {
    REFLECTION, SCENE_FURNITURE, PERSON_RESTING, LIGHTS, DUPLICATE, FALSE_REPORT, TEST, OTHER;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<DismissalReason> fromJson(String s) {
        for (DismissalReason r : values()) {
            if (r.jsonName().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
