package org.vigie.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.vigie.core.correlate.CorrelationRule;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

/**
 * A deterministic (seeded) correlation workload over Marseille: {@code openIncidents} open incidents of a
 * weighted mix of types, all recent, and a ring of events of which about 70 % land near an existing
 * incident of a compatible type (they join) and about 30 % land where no compatible incident is (they
 * open a new one).
 *
 * <p>Invariants the benchmarks rely on, all guaranteed by construction and checked by {@link Equivalence}:
 * <ul>
 *   <li>Time: incidents were last seen in [T0 − 5 min, T0]; events occur in [T0, T0 + {@link #EVENT_SPAN}),
 *       so every join event is inside its incident's window (≥ 10 min for every default rule) and no
 *       incident can be evicted while the ring is replayed (lastSeen + window + 5 min lateness ≥ T0 + 10 min).</li>
 *   <li>Joins: a join event lies within {@link #JOIN_SPREAD} × radius of its incident's original position.
 *       An incident's location is the mean of its members, so it never moves further than that either, and
 *       the event is always within its radius ({@code 2 × 0.25 ≤ 1}).</li>
 *   <li>Opens: an "elsewhere" event lies further than {@code (1 + JOIN_SPREAD)} × radius from every
 *       compatible pre-filled incident, so it still opens a new incident after any amount of replay.</li>
 * </ul>
 */
public final class Scenario {
    /** Events in the replay ring (~64k); batches of {@link #BATCH} are cut from it. */
    public static final int RING = 64_000;
    public static final int BATCH = 1_000;
    public static final double JOIN_FRACTION = 0.70;
    public static final double JOIN_SPREAD = 0.25;
    public static final Instant T0 = Instant.parse("2026-07-14T21:30:00Z");
    /** Far shorter than any window: no incident expires during a measurement. */
    public static final Duration EVENT_SPAN = Duration.ofSeconds(50);

    // Marseille
    public static final double MIN_LAT = 43.21;
    public static final double MAX_LAT = 43.39;
    public static final double MIN_LON = 5.30;
    public static final double MAX_LON = 5.53;

    /** Sources per incident: the same few sensors keep reporting one situation. */
    private static final int SOURCES_PER_INCIDENT = 3;
    private static final int MAX_ELSEWHERE_TRIES = 100_000;
    private static final double GRID_DEG = 0.01; // >= 1.25 x 500 m (largest default radius) in both axes here

    private final CorrelationRules rules;
    private final List<Incident> incidents;
    private final Event[] ring;
    private final boolean[] intendedJoin;
    private final Event primer;

    private Scenario(CorrelationRules rules, List<Incident> incidents, Event[] ring, boolean[] intendedJoin, Event primer) {
        this.rules = rules;
        this.incidents = incidents;
        this.ring = ring;
        this.intendedJoin = intendedJoin;
        this.primer = primer;
    }

    public CorrelationRules rules() {
        return rules;
    }

    /** The pre-filled open incidents (immutable; share them between engines). */
    public List<Incident> incidents() {
        return incidents;
    }

    public Event[] ring() {
        return ring;
    }

    /** Whether ring event i was generated near an existing incident (true) or elsewhere (false). */
    public boolean intendedJoin(int i) {
        return intendedJoin[i];
    }

    /**
     * An event at T0 that opens an incident; processing it first moves the watermark from the epoch to T0
     * outside the measurement.
     */
    public Event primer() {
        return primer;
    }

    /** Batches of {@link #BATCH} consecutive ring events (RING / BATCH of them, unmodifiable). */
    public List<List<Event>> batches() {
        var out = new ArrayList<List<Event>>(RING / BATCH);
        for (int b = 0; b < RING / BATCH; b++) {
            out.add(List.of(Arrays.copyOfRange(ring, b * BATCH, (b + 1) * BATCH)));
        }
        return List.copyOf(out);
    }

    /** Relative frequencies of incident/event types; types not listed weigh 1. */
    private static Map<EventType, Double> typeWeights() {
        var w = new EnumMap<EventType, Double>(EventType.class);
        for (EventType t : EventType.values()) {
            w.put(t, 1.0);
        }
        w.put(EventType.TRAFFIC_DISRUPTION, 8.0);
        w.put(EventType.ROAD_ACCIDENT, 5.0);
        w.put(EventType.NOISE, 6.0);
        w.put(EventType.CROWD_DENSITY, 5.0);
        w.put(EventType.CROWD_PRESENCE, 5.0);
        w.put(EventType.THEFT, 5.0);
        w.put(EventType.GRAFFITI, 4.0);
        w.put(EventType.VANDALISM, 4.0);
        w.put(EventType.WASTE, 4.0);
        w.put(EventType.PUBLIC_DISORDER, 4.0);
        w.put(EventType.MEDICAL_EMERGENCY, 4.0);
        w.put(EventType.ASSAULT, 3.0);
        w.put(EventType.STREET_FURNITURE_DAMAGE, 3.0);
        w.put(EventType.STREETLIGHT_OUTAGE, 3.0);
        w.put(EventType.ROAD_HAZARD, 3.0);
        w.put(EventType.PERSON_DOWN, 2.0);
        w.put(EventType.FIRE, 2.0);
        w.put(EventType.SMOKE, 2.0);
        w.put(EventType.GLASS_BREAK, 2.0);
        w.put(EventType.BURGLARY, 2.0);
        w.put(EventType.CROWD_MOVEMENT, 2.0);
        w.put(EventType.GATHERING_RISK, 2.0);
        w.put(EventType.TRANSIT_DISRUPTION, 2.0);
        w.put(EventType.GUNSHOT, 0.5);
        w.put(EventType.EXPLOSION, 0.2);
        w.put(EventType.WEAPON, 0.5);
        w.put(EventType.HAZMAT, 0.2);
        w.put(EventType.FLOODING, 0.5);
        w.put(EventType.WEATHER, 0.5);
        return w;
    }

    public static Scenario generate(int openIncidents, long seed) {
        // The family rules only: the linear baseline has no composite rules, and the ratio measures the index.
        return new Generator(CorrelationRules.defaults().withComposites(List.of()), openIncidents,
                new SplittableRandom(seed)).run();
    }

    private static final class Generator {
        final CorrelationRules rules;
        final int n;
        final SplittableRandom rnd;
        final EventType[] types = EventType.values();
        final double[] cumulative;
        final Map<CorrelationRule, Integer> family = new HashMap<>();
        final Map<CorrelationRule, EventType[]> familyTypes = new HashMap<>();
        // original positions of the pre-filled incidents, bucketed by (family, grid cell)
        final Map<Long, List<double[]>> grid = new HashMap<>();
        long eventSeq;

        Generator(CorrelationRules rules, int n, SplittableRandom rnd) {
            this.rules = rules;
            this.n = n;
            this.rnd = rnd;
            var w = typeWeights();
            cumulative = new double[types.length];
            double sum = 0;
            for (int i = 0; i < types.length; i++) {
                sum += w.get(types[i]);
                cumulative[i] = sum;
            }
            int f = 0;
            for (CorrelationRule r : rules.rules()) {
                family.put(r, f++);
                familyTypes.put(r, r.types().stream().sorted().toArray(EventType[]::new));
            }
        }

        EventType weightedType() {
            double x = rnd.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, x);
            return types[i >= 0 ? i : -i - 1];
        }

        double lat() {
            return MIN_LAT + rnd.nextDouble() * (MAX_LAT - MIN_LAT);
        }

        double lon() {
            return MIN_LON + rnd.nextDouble() * (MAX_LON - MIN_LON);
        }

        long gridKey(int fam, long gx, long gy) {
            return ((long) fam << 40) ^ (gx << 20) ^ gy;
        }

        void index(int fam, double lat, double lon) {
            long gx = (long) Math.floor(lat / GRID_DEG);
            long gy = (long) Math.floor(lon / GRID_DEG);
            grid.computeIfAbsent(gridKey(fam, gx, gy), k -> new ArrayList<>()).add(new double[] {lat, lon});
        }

        /** Whether some pre-filled incident of this family lies within {@code meters}. */
        boolean near(int fam, double lat, double lon, double meters) {
            long gx = (long) Math.floor(lat / GRID_DEG);
            long gy = (long) Math.floor(lon / GRID_DEG);
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    List<double[]> here = grid.get(gridKey(fam, gx + dx, gy + dy));
                    if (here == null) {
                        continue;
                    }
                    for (double[] p : here) {
                        if (GeoMath.distanceMeters(lat, lon, p[0], p[1]) <= meters) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        EventId eventId(Instant at) {
            return new EventId(EventId.Uuid7.make(at.toEpochMilli(), (eventSeq++) & 0xFFF, rnd.nextLong()));
        }

        static String sourceId(int incident, int k) {
            return "s" + (incident * SOURCES_PER_INCIDENT + k);
        }

        static SourceKind sourceKind(int k) {
            return switch (k) {
                case 0 -> SourceKind.CAMERA;
                case 1 -> SourceKind.ACOUSTIC_SENSOR;
                default -> SourceKind.CITIZEN;
            };
        }

        Scenario run() {
            var incidents = new ArrayList<Incident>(n);
            var idRandom = new SplittableRandom(rnd.nextLong());
            for (int j = 0; j < n; j++) {
                EventType type = weightedType();
                double lat = lat();
                double lon = lon();
                Instant lastSeen = T0.minusMillis(rnd.nextLong(Duration.ofMinutes(5).toMillis() + 1));
                int members = 1 + rnd.nextInt(Churn.KEEP_MEMBERS * 2);
                Instant firstSeen = members == 1 ? lastSeen : lastSeen.minusMillis(rnd.nextLong(Duration.ofMinutes(5).toMillis()));
                var ids = new ArrayList<EventId>(members);
                for (int m = 0; m < members; m++) {
                    ids.add(eventId(firstSeen));
                }
                var sources = new TreeMap<String, Double>();
                int nSources = 1 + rnd.nextInt(Math.min(members, SOURCES_PER_INCIDENT));
                for (int k = 0; k < nSources; k++) {
                    sources.put(sourceKind(k).jsonName() + "/" + sourceId(j, k), 0.5 + 0.45 * rnd.nextDouble());
                }
                double miss = 1;
                for (double c : sources.values()) {
                    miss *= 1 - c;
                }
                double confidence = 1 - miss;
                Severity severity = type.defaultSeverity();
                double r = rnd.nextDouble();
                IncidentStatus status = r < 0.6 ? IncidentStatus.NEW : r < 0.9 ? IncidentStatus.ACKNOWLEDGED : IncidentStatus.CONFIRMED;
                var id = new IncidentId(EventId.Uuid7.make(firstSeen.toEpochMilli(), j & 0xFFF, idRandom.nextLong()));
                incidents.add(new Incident(id, type, status, Incident.priorityOf(severity, confidence), severity, confidence,
                        Location.of(lat, lon, 10 + 40 * rnd.nextDouble()), firstSeen, lastSeen, ids, sources, null, members));
                index(family.get(rules.ruleFor(type)), lat, lon);
            }

            var ring = new Event[RING];
            var intended = new boolean[RING];
            long spanNanos = EVENT_SPAN.toNanos();
            for (int i = 0; i < RING; i++) {
                Instant at = T0.plusNanos(spanNanos * i / RING);
                if (rnd.nextDouble() < JOIN_FRACTION) {
                    ring[i] = joinEvent(incidents, at);
                    intended[i] = true;
                } else {
                    ring[i] = elsewhereEvent(at);
                }
            }
            return new Scenario(rules, List.copyOf(incidents), ring, intended, elsewhereEvent(T0));
        }

        Event joinEvent(List<Incident> incidents, Instant at) {
            int j = rnd.nextInt(incidents.size());
            Incident inc = incidents.get(j);
            CorrelationRule rule = rules.ruleFor(inc.type());
            EventType[] compatible = familyTypes.get(rule);
            EventType type = compatible[rnd.nextInt(compatible.length)];
            double dist = JOIN_SPREAD * rule.radiusMeters() * Math.sqrt(rnd.nextDouble());
            double[] p = GeoMath.offset(inc.location().lat(), inc.location().lon(), dist, 360 * rnd.nextDouble());
            int k = rnd.nextInt(SOURCES_PER_INCIDENT);
            return event(at, type, p[0], p[1], sourceKind(k), sourceId(j, k));
        }

        Event elsewhereEvent(Instant at) {
            for (int attempt = 0; attempt < MAX_ELSEWHERE_TRIES; attempt++) {
                EventType type = weightedType();
                CorrelationRule rule = rules.ruleFor(type);
                double lat = lat();
                double lon = lon();
                if (!near(family.get(rule), lat, lon, (1 + JOIN_SPREAD) * rule.radiusMeters())) {
                    return event(at, type, lat, lon, SourceKind.CITIZEN, "open311-" + rnd.nextInt(5_000));
                }
            }
            throw new IllegalStateException("no free spot for an incident-opening event after " + MAX_ELSEWHERE_TRIES
                    + " tries; the city is saturated with " + n + " incidents");
        }

        Event event(Instant at, EventType type, double lat, double lon, SourceKind kind, String source) {
            return Event.builder()
                    .id(eventId(at))
                    .occurredAt(at)
                    .receivedAt(at.plusSeconds(2))
                    .source(kind, source)
                    .type(type)
                    .location(lat, lon, 5 + 45 * rnd.nextDouble())
                    .confidence(0.4 + 0.55 * rnd.nextDouble())
                    .build();
        }
    }
}
