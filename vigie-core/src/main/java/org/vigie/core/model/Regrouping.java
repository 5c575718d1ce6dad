package org.vigie.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to which events an incident holds, other than an event joining it: who did it (an operator, or a
 * composite rule written {@code rule:NAME}), when, why, which other incidents were involved and which events
 * moved. Incidents keep these in order, so an operator sees how the incident came to be what it is. An
 * operator's regrouping is dated by the clock; a rule's by the event that completed it, so correlating the same
 * events again gives the same incidents.
 *
 * @param incidents for {@code merged}: the incidents absorbed; {@code absorbed}: the survivor; {@code split}:
 *                  the incident created; {@code split_off}: the incident it came from
 * @param events    the events that moved
 */
public record Regrouping(Kind kind, String by, Instant at, String reason, List<IncidentId> incidents,
                         List<EventId> events) {
    public static final int MAX_REASON_LENGTH = Verdict.MAX_REASON_LENGTH;
    /** Prefix of {@code by} when a composite rule, not an operator, regrouped. */
    public static final String RULE_PREFIX = "rule:";

    public enum Kind {
        /** This incident took in the events of other incidents. */
        MERGED,
        /** This incident's events went into another incident; it is closed and points to it. */
        ABSORBED,
        /** Some of this incident's events were moved to a new incident. */
        SPLIT,
        /** This incident was made from events split off another. */
        SPLIT_OFF;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromJson(String s) {
            for (Kind k : values()) {
                if (k.jsonName().equals(s)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public Regrouping {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
        incidents = List.copyOf(incidents);
        events = List.copyOf(events);
        if (by.isBlank()) {
            throw new IllegalArgumentException("a regrouping must name who did it");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("regrouping reason longer than " + MAX_REASON_LENGTH + " characters");
        }
    }

    /** Whether an operator (rather than a rule) did it. */
    public boolean byOperator() {
        return !by.startsWith(RULE_PREFIX);
    }
}
