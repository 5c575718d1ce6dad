package org.vigie.core;

import java.time.Instant;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/** Small builders shared by the tests of every package. */
public final class Fixtures {
    /** 14 July 2026, 21:30 UTC: the evening of the fireworks. */
    public static final Instant T0 = Instant.parse("2026-07-14T21:30:00Z");
    /** The Vieux-Port, in the 1st arrondissement. */
    public static final double LAT = 43.2951;
    public static final double LON = 5.3740;

    private Fixtures() {
    }

    public static Event event(EventType type, Instant at, double lat, double lon) {
        return event(type, at, lat, lon, "cam-1", 0.8);
    }

    public static Event event(EventType type, Instant at, double lat, double lon, String sourceId, double confidence) {
        return Event.builder().type(type).occurredAt(at).receivedAt(at).source(SourceKind.CAMERA, sourceId)
                .location(lat, lon, 10).confidence(confidence).build();
    }

    /** The point {@code meters} from (lat, lon) towards {@code bearingDeg}, longitude wrapped into [-180, 180). */
    public static double[] offset(double lat, double lon, double meters, double bearingDeg) {
        double[] p = GeoMath.offset(lat, lon, meters, bearingDeg);
        p[1] = ((p[1] + 540) % 360) - 180;
        return p;
    }
}
