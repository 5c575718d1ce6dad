package org.vigie.core.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to evidence stored elsewhere (a blurred snapshot, a clip, an audio snippet, a feed record).
 * Events carry references only; the bytes live in the evidence store with their own retention.
 */
public record EvidenceRef(Kind kind, String uri, String sha256) {
    public enum Kind {
        SNAPSHOT, CLIP, AUDIO, RECORD;

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

    public EvidenceRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uri, "uri");
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }
}
