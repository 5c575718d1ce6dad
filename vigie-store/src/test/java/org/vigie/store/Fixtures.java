package org.vigie.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.SourceKind;

/** Events around the Vieux-Port with times at microsecond precision, the precision the store keeps. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-07-14T21:30:00.123456Z");
    static final double PORT_LAT = 43.2951;
    static final double PORT_LON = 5.3744;

    private Fixtures() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static Event event(int seconds) {
        return event(EventType.GUNSHOT, seconds, "mic-1");
    }

    static Event event(EventType type, int seconds, String sensor) {
        return Event.builder()
                .occurredAt(at(seconds))
                .receivedAt(at(seconds).plus(Duration.ofMillis(1500)))
                .source(SourceKind.ACOUSTIC_SENSOR, sensor)
                .type(type)
                .location(PORT_LAT + seconds * 1e-5, PORT_LON, 15)
                .confidence(0.8)
                .build();
    }

    static Event eventAt(EventType type, int seconds, double lat, double lon) {
        return Event.builder()
                .occurredAt(at(seconds))
                .receivedAt(at(seconds))
                .source(SourceKind.POLICE, "dispatch")
                .type(type)
                .location(lat, lon, 30)
                .confidence(0.9)
                .build();
    }

    /** Every field set, including attributes of each kind and evidence with and without a digest. */
    static Event richEvent() {
        return Event.builder()
                .occurredAt(Instant.parse("2026-07-14T21:30:00.000001Z"))
                .receivedAt(Instant.parse("2026-07-14T21:30:02.999999Z"))
                .source(SourceKind.CAMERA, "cam-0142")
                .type(EventType.ABANDONED_OBJECT)
                .location(43.296482, 5.369780, 7.5)
                .confidence(0.1 + 0.2) // not representable exactly: the double must survive bit for bit
                .severity(org.vigie.core.model.Severity.EXTREME)
                .attributes(Attributes.builder()
                        .put("zone", "quai-3 « Fraternité »")
                        .put("count", 3L)
                        .put("dwell_s", 95.25)
                        .put("ratio", 3.0)
                        .put("blurred", true)
                        .build())
                .evidence(List.of(
                        new EvidenceRef(EvidenceRef.Kind.SNAPSHOT, "evidence://snap/1.jpg", "a".repeat(64)),
                        new EvidenceRef(EvidenceRef.Kind.CLIP, "evidence://clip/1.mp4", null)))
                .build();
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
