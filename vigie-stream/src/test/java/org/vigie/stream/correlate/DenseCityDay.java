package org.vigie.stream.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * A seeded day of Marseille at many times its usual load, made here rather than taken from vigie-app's simulator so
 * that the correlator's tests depend on nothing above them: situations clustered around hot spots, each reported
 * again and again while it drifts (a crowd moving along the Canebière, smoke carried by the wind, a traffic jam
 * growing), so that incidents chain across coarse-cell borders and grow wider than the partitioner's margin, which
 * is where partitions' views of an incident part.
 */
final class DenseCityDay {
    static final Instant MIDNIGHT = Instant.parse("2026-07-14T22:00:00Z");
    private static final double LAT_MIN = 43.20;
    private static final double LAT_MAX = 43.36;
    private static final double LON_MIN = 5.30;
    private static final double LON_MAX = 5.50;

    /** What a situation is reported as, by whom, and how far it drifts per minute. */
    private record Kind(EventType type, SourceKind source, double driftPerMinute, int weight) {
    }

    /** Every family of the default rules and both composite rules, crowds and fires (the wide ones) often. */
    private static final List<Kind> KINDS = List.of(
            new Kind(EventType.CROWD_DENSITY, SourceKind.CAMERA, 25, 6),
            new Kind(EventType.CROWD_MOVEMENT, SourceKind.CAMERA, 40, 3),
            new Kind(EventType.GATHERING_RISK, SourceKind.SOCIAL, 15, 2),
            new Kind(EventType.FIRE, SourceKind.CITIZEN, 20, 3),
            new Kind(EventType.SMOKE, SourceKind.CAMERA, 30, 2),
            new Kind(EventType.FIRE, SourceKind.CAP_FEED, 10, 1),
            new Kind(EventType.GUNSHOT, SourceKind.ACOUSTIC_SENSOR, 5, 1),
            new Kind(EventType.NOISE, SourceKind.CITIZEN, 10, 3),
            new Kind(EventType.PUBLIC_DISORDER, SourceKind.CITIZEN, 15, 3),
            new Kind(EventType.ASSAULT, SourceKind.POLICE, 5, 2),
            new Kind(EventType.ROAD_ACCIDENT, SourceKind.CAMERA, 2, 2),
            new Kind(EventType.TRAFFIC_DISRUPTION, SourceKind.TRANSIT, 30, 4),
            new Kind(EventType.PERSON_DOWN, SourceKind.CAMERA, 2, 1),
            new Kind(EventType.GRAFFITI, SourceKind.CITIZEN, 3, 2),
            new Kind(EventType.THEFT, SourceKind.CITIZEN, 10, 3),
            new Kind(EventType.WASTE, SourceKind.CITIZEN, 2, 2));

    private DenseCityDay() {
    }

    /** About {@code events} events over 24 hours from {@link #MIDNIGHT}, in the order they occurred. */
    static List<Event> of(long seed, int events) {
        var random = new SplittableRandom(seed);
        int weights = KINDS.stream().mapToInt(Kind::weight).sum();
        var hotSpots = new ArrayList<double[]>();
        for (int i = 0; i < 30; i++) {
            hotSpots.add(new double[] {LAT_MIN + random.nextDouble() * (LAT_MAX - LAT_MIN),
                    LON_MIN + random.nextDouble() * (LON_MAX - LON_MIN)});
        }
        var out = new ArrayList<Event>(events + 64);
        int serial = 0;
        while (out.size() < events) {
            int pick = random.nextInt(weights);
            Kind kind = KINDS.getFirst();
            for (Kind k : KINDS) {
                if ((pick -= k.weight()) < 0) {
                    kind = k;
                    break;
                }
            }
            // Most situations start near a hot spot (a square, a station, a stadium), the rest anywhere.
            double[] at;
            if (random.nextInt(4) > 0) {
                double[] spot = hotSpots.get(random.nextInt(hotSpots.size()));
                at = GeoMath.offset(spot[0], spot[1], 1500 * Math.sqrt(random.nextDouble()), random.nextDouble() * 360);
            } else {
                at = new double[] {LAT_MIN + random.nextDouble() * (LAT_MAX - LAT_MIN),
                        LON_MIN + random.nextDouble() * (LON_MAX - LON_MIN)};
            }
            long start = (long) (random.nextDouble() * 24 * 3600);
            int reports = 1 + (int) Math.round(-Math.log(1 - random.nextDouble()) * 8);
            double bearing = random.nextDouble() * 360;
            double drift = kind.driftPerMinute() * (0.5 + random.nextDouble());
            long t = start;
            for (int r = 0; r < reports && t < 24 * 3600; r++) {
                double minutes = (t - start) / 60.0;
                double[] centre = GeoMath.offset(at[0], at[1], drift * minutes, bearing);
                double[] p = GeoMath.offset(centre[0], centre[1], 120 * Math.sqrt(random.nextDouble()),
                        random.nextDouble() * 360);
                // A witness of a gunshot or a fire that a camera saw: the parts of the composite rules.
                SourceKind source = kind.source();
                EventType type = kind.type();
                if (r > 0 && type == EventType.GUNSHOT && random.nextInt(2) == 0) {
                    source = SourceKind.CITIZEN;
                    type = random.nextBoolean() ? EventType.GUNSHOT : EventType.NOISE;
                } else if (r > 0 && type == EventType.FIRE && random.nextInt(5) == 0) {
                    source = random.nextBoolean() ? SourceKind.FIRE_BRIGADE : SourceKind.CAMERA;
                }
                Instant when = MIDNIGHT.plusSeconds(t);
                out.add(Event.builder()
                        .id(new EventId(EventId.Uuid7.make(when.toEpochMilli(), serial & 0xFFF, random.nextLong())))
                        .type(type).occurredAt(when).receivedAt(when.plusMillis(200 + random.nextInt(3000)))
                        .source(source, source.name().toLowerCase() + "-" + random.nextInt(40))
                        .location(p[0], p[1], 10 + random.nextInt(40)).confidence(0.4 + random.nextDouble() * 0.5)
                        .build());
                serial++;
                t += 30 + (long) (-Math.log(1 - random.nextDouble()) * 240);
            }
        }
        out.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::id));
        return out;
    }
}
