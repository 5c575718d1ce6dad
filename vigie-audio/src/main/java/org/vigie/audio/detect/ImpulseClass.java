package org.vigie.audio.detect;

import java.util.Locale;
import java.util.Optional;
import org.vigie.core.model.EventType;

/** What an impulse was. Only the first three become events; a siren is context, other is discarded. */
public enum ImpulseClass {
    GUNSHOT(EventType.GUNSHOT), EXPLOSION(EventType.EXPLOSION), GLASS_BREAK(EventType.GLASS_BREAK), SIREN(null),
    OTHER(null);

    private final EventType eventType;

    ImpulseClass(EventType eventType) {
        this.eventType = eventType;
    }

    /** The event this class raises, if it raises one. */
    public Optional<EventType> findEventType() {
        return Optional.ofNullable(eventType);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImpulseClass> fromLabel(String label) {
        for (ImpulseClass c : values()) {
            if (c.label().equals(label)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
