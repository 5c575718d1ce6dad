package org.vigie.core.model;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sensor, connector or service an event came from, e.g. {@code camera/cam-0142} or
 * {@code citizen/open311}. The id names equipment or a channel, never a person.
 *
 * <p>A class rather than a record so that it can carry its key ({@link #toString}), made once: an incident keeps
 * the best confidence per source under that key, and the correlator looks the key up for every event. Keys are
 * shared between sources of the same name (a city has a few thousand sensors and channels, far fewer than
 * events), so finding a source among an incident's compares references and does not read the characters, which
 * would be two cache misses at 10^5 open incidents; past {@link #SHARED_KEYS} names, keys are no longer shared,
 * only compared in full.
 */
public final class Source {
    public static final int MAX_ID_LENGTH = 128;

    private final SourceKind kind;
    private final String id;
    private final String key;

    public Source(SourceKind kind, String id) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("source id must be 1.." + MAX_ID_LENGTH + " characters");
        }
        this.kind = kind;
        this.id = id;
        this.key = shared(kind.jsonName() + "/" + id);
    }

    static final int SHARED_KEYS = 100_000;
    private static final ConcurrentHashMap<String, String> KEYS = new ConcurrentHashMap<>();

    /** The shared instance of a source key (see above). */
    static String shared(String key) {
        String known = KEYS.get(key);
        if (known != null) {
            return known;
        }
        if (KEYS.size() >= SHARED_KEYS) {
            return key;
        }
        known = KEYS.putIfAbsent(key, key);
        return known != null ? known : key;
    }

    public SourceKind kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Source s && s.kind == kind && s.id.equals(id);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + id.hashCode();
    }

    /** {@code kind/id}, e.g. {@code camera/cam-0142}: the key incidents keep their sources under. */
    @Override
    public String toString() {
        return key;
    }
}
