package org.vigie.feeds;

import java.util.Objects;

/**
 * A record that could not become an event, for the quarantine.
 *
 * @param ref where it was in the document, for a person to find it: {@code line 37}, {@code alert KSTO1055887203, info 2}
 * @param reason what was wrong, naming the field and what was expected
 * @param raw the record's own text as received, or the whole document when the record has no text of its own
 */
public record RejectedRecord(String ref, String reason, String raw) {
    public RejectedRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(reason, "reason");
        raw = raw == null ? "" : raw;
    }
}
