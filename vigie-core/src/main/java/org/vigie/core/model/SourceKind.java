package org.vigie.core.model;

import java.util.Locale;
import java.util.Optional;

/** Who reported an event: a kind of sensor, service or channel, never a named person. */
public enum SourceKind {
    CAMERA, ACOUSTIC_SENSOR, FIRE_BRIGADE, POLICE, HOSPITAL, TRANSIT, CITIZEN, TELECOM, SOCIAL, CAP_FEED,
    OPERATOR, FUSION;

    /** Computed once: source names are built for every event and every incident change. */
    private final String jsonName = name().toLowerCase(Locale.ROOT);

    public String jsonName() {
        return jsonName;
    }

    /** The kind a source key {@code kind/id} names (see {@link Source#toString}), or null when it names none. */
    public static SourceKind ofKey(String sourceKey) {
        int slash = sourceKey.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        for (SourceKind k : KINDS) {
            if (k.jsonName.length() == slash && sourceKey.startsWith(k.jsonName)) {
                return k;
            }
        }
        return null;
    }

    private static final SourceKind[] KINDS = values();

    public static Optional<SourceKind> fromJson(String name) {
        for (SourceKind k : values()) {
            if (k.jsonName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
