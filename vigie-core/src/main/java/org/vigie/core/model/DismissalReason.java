package org.vigie.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Why an operator dismissed an incident, from a fixed list, so that dismissals can be counted per cause and the
 * detectors tuned against the commonest (a reflection is a camera problem; a duplicate, a correlation one).
 *
 * <p>A verdict carries it as {@link Verdict#reasonCode()}. Where only text travels (the record of decisions that
 * accountability reads, verdicts made before the list), the code heads the text: {@code "reflection: sun on the
 * shop window"}.
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

    /** The reason text with this code at its head, then the free text if any. */
    public String reasonText(String freeText) {
        return freeText == null || freeText.isBlank() ? jsonName() : jsonName() + ": " + freeText.strip();
    }

    /** The verdict's code, or else the code its reason text starts with. */
    public static Optional<DismissalReason> of(Verdict verdict) {
        if (verdict == null) {
            return Optional.empty();
        }
        return verdict.reasonCode() != null ? Optional.of(verdict.reasonCode()) : ofText(verdict.reason());
    }

    /** The code a reason text starts with ({@code scene-furniture} or {@code scene_furniture}), if any. */
    public static Optional<DismissalReason> ofText(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        int colon = reason.indexOf(':');
        String head = (colon < 0 ? reason : reason.substring(0, colon)).strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return fromJson(head);
    }

    /** What a decision record keeps of a verdict: its text, headed by its code when it has one. */
    public static String textOf(Verdict verdict) {
        if (verdict == null) {
            return "";
        }
        return verdict.reasonCode() == null || ofText(verdict.reason()).isPresent() ? verdict.reason()
                : verdict.reasonCode().reasonText(verdict.reason());
    }
}
