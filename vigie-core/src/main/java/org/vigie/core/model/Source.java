package org.vigie.core.model;

import java.util.Objects;

/**
 * The sensor, connector or service an event came from, e.g. {@code camera/cam-0142} or
 * {@code citizen/open311}. The id names equipment or a channel, never a person.
 */
public record Source(SourceKind kind, String id) {
    public static final int MAX_ID_LENGTH = 128;

    public Source {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("source id must be 1.." + MAX_ID_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return kind.jsonName() + "/" + id;
    }
}
