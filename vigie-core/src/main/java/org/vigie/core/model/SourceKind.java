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

    public static Optional<SourceKind> fromJson(String name) {
        for (SourceKind k : values()) {
            if (k.jsonName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
