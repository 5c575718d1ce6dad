package org.vigie.stream.correlate;

import java.time.Instant;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * Marseille as the correlator's tests see it: the default rules, coarse cells of resolution 6 spread over four
 * partitions, and places found by asking the partitioner itself, so they stay right if its hash changes.
 */
final class TestCity {
    static final CorrelationRules RULES = CorrelationRules.defaults();
    static final Partitioner PARTITIONER = new Partitioner(6, 4, Partitioner.marginFor(RULES));
    /** A point and the point 100 m east of it, owned by different partitions. */
    static final double[] WEST;
    static final double[] EAST;
    /** A point farther than the margin from every partition but its own. */
    static final double[] INLAND;

    static {
        double[][] across = null;
        double[] inland = null;
        for (double lat = 43.26; lat < 43.34 && (across == null || inland == null); lat += 0.002) {
            for (double lon = 5.34; lon < 5.44; lon += 0.002) {
                double[] east = GeoMath.offset(lat, lon, 100, 90);
                if (across == null && owner(lat, lon) != owner(east[0], east[1])) {
                    across = new double[][] {{lat, lon}, east};
                }
                if (inland == null && PARTITIONER.route(lat, lon).replicas().length == 0) {
                    inland = new double[] {lat, lon};
                }
            }
        }
        if (across == null || inland == null) {
            throw new IllegalStateException("no border between partitions, or no inland point, in Marseille");
        }
        WEST = across[0];
        EAST = across[1];
        INLAND = inland;
    }

    private TestCity() {
    }

    static int owner(double[] p) {
        return owner(p[0], p[1]);
    }

    private static int owner(double lat, double lon) {
        return PARTITIONER.route(lat, lon).owner();
    }

    /** A citizen's report of {@code type} at {@code p}, received when it occurred. */
    static Event report(EventType type, Instant at, double[] p) {
        return report(type, at, at, p);
    }

    static Event report(EventType type, Instant at, Instant received, double[] p) {
        return Event.builder().type(type).occurredAt(at).receivedAt(received).source(SourceKind.CITIZEN, "open311")
                .location(p[0], p[1], 10).confidence(0.7).build();
    }
}
