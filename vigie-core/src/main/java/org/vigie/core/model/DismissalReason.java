package org.vigie.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Why an operator dismissed an incident, from a fixed list so that dismissals can be counted per detector. The
 * verdict's reason text starts with the code ({@code "reflection: sun on the shop window"}); free text follows.
 */
public enum DismissalReason {
    REFLECTION, SCENE_FURNITURE, PERSON_RESTING, LIGHTS, WEATHER, ANIMAL, DUPLICATE, FALSE_REPORT, TEST, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason text of a verdict with this code and optional free text. */
    public String reasonText(String freeText) {
        return freeText == null || freeText.isBlank() ? code() : code() + ": " + freeText.strip();
    }

    /** The code a verdict's reason text starts with, if it starts with one. */
    public static Optional<DismissalReason> of(Verdict verdict) {
        return verdict == null ? Optional.empty() : ofText(verdict.reason());
    }

    public static Optional<DismissalReason> ofText(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        int colon = reason.indexOf(':');
        String head = (colon < 0 ? reason : reason.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        for (DismissalReason r : values()) {
            if (r.code().equals(head)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
