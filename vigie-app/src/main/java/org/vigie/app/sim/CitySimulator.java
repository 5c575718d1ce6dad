package org.vigie.app.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.vigie.app.sim.SensorLayout.Sensor;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.console.ConsoleSettings;
import org.vigie.app.sim.SituationKind.Reporter;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventRules;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * A synthetic day in the city, deterministic for a seed. Situations of the {@link SituationKind} table arrive
 * as one non-homogeneous Poisson process, drawn by thinning: candidates at the peak rate of the whole table,
 * each kept as a given kind with probability (that kind's rate at this local hour) / peak. The place follows
 * population, or the sim cameras for what only a camera notices, or the acoustic sensors for what only a sensor
 * hears. Each situation then schedules the reports of the sources that would see it, each late and off by its
 * {@link SourceProfile}. A {@link CityScale} sets the equipment and scales the rates; the demo's is
 * {@link CityScale#DEMO}.
 *
 * <p>A gunshot scenario runs once a simulated day at a seeded time ({@link CityScale#gunshotsPerDay} times,
 * one in each equal part of the day), and once more a minute or two after the start so that even a short demo
 * shows acoustic detections and citizen calls converging on one place.
 *
 * <p>The output does not depend on how the time is cut into {@link #advanceTo} calls: situations are drawn in
 * time order from a single generator, whatever the step. Not thread-safe; one thread drives it.
 */
public final class CitySimulator {
    /** The hour of day that shapes the rates is Marseille's. */
    static final ZoneId LOCAL_TIME = ZoneId.of("Europe/Paris");
    /** How far a sim camera sees a situation on the ground. */
    static final double CAMERA_RANGE_METERS = 120;
    /**
     * How far an acoustic sensor's classification of an impulse is trusted (an assumption: a detonation carries
     * further, but its class is then guessed from an echo).
     */
    static final double ACOUSTIC_RANGE_METERS = 500;
    /** Shootings in Marseille concentrate in the northern arrondissements (3e, 13e to 16e). */
    private static final Set<String> NORTHERN = Set.of("13203", "13213", "13214", "13215", "13216");
    private static final Duration DAY = Duration.ofDays(1);
    private static final List<SituationKind> KINDS = List.of(SituationKind.values());

    private final long seed;
    private final Instant start;
    private final Territory territory;
    private final SensorLayout sensors;
    private final RandomGenerator random;
    /** Each kind's rate factor under the scale, by ordinal. */
    private final double[] factor = new double[KINDS.size()];
    private final double peakPerHour;
    private final Duration gunshotSlot;
    private final PriorityQueue<Report> pending =
            new PriorityQueue<>(Comparator.comparing(Report::at).thenComparingLong(Report::seq));
    private Instant horizon;
    private Instant nextArrival;
    private Instant earlyGunshot;
    private Instant scriptedGunshot;
    private long gunshotSlots;
    private long situations;
    private long reports;

    /** The demo's city. */
    public CitySimulator(City city, long seed, Instant start) {
        this(city, seed, start, CityScale.DEMO);
    }

    public CitySimulator(City city, long seed, Instant start, CityScale scale) {
        this.seed = seed;
        this.start = Objects.requireNonNull(start, "start");
        this.territory = new Territory(Objects.requireNonNull(city, "city"));
        var root = new SplittableRandom(seed);
        // The layout has its own stream so that retuning the rate table does not move the cameras.
        this.sensors = SensorLayout.place(territory, root.split(), scale.cameras(), scale.acousticSensors());
        this.random = root.split();
        for (SituationKind k : KINDS) {
            factor[k.ordinal()] = scale.factor(k);
        }
        this.peakPerHour = KINDS.stream().mapToDouble(k -> k.perDay / 24 * k.rhythm.peak() * factor[k.ordinal()])
                .sum();
        this.gunshotSlot = DAY.dividedBy(scale.gunshotsPerDay());
        this.horizon = start;
        this.nextArrival = start.plus(gap());
        this.earlyGunshot = start.plusMillis(random.nextLong(60_000, 100_000));
        this.scriptedGunshot = start.plus(fractionOf(gunshotSlot));
    }

    /**
     * Every event that occurs in [previous horizon, until), ordered by occurredAt, stamped as received at
     * {@code receivedAt}.
     *
     * @throws IllegalArgumentException when {@code until} is beyond what {@link Event} accepts as received at
     *     {@code receivedAt} (more than {@link EventRules#MAX_CLOCK_SKEW} ahead)
     */
    public List<Event> advanceTo(Instant until, Instant receivedAt) {
        if (until.isAfter(receivedAt.plus(EventRules.MAX_CLOCK_SKEW))) {
            throw new IllegalArgumentException("cannot simulate up to " + until + " for events received at "
                    + receivedAt + ": they would come from the future");
        }
        for (;;) {
            boolean early = earlyGunshot != null && earlyGunshot.isBefore(scriptedGunshot);
            Instant gunshot = early ? earlyGunshot : scriptedGunshot;
            if (gunshot.isBefore(nextArrival)) {
                if (!gunshot.isBefore(until)) {
                    break;
                }
                gunshot(gunshot);
                if (early) {
                    earlyGunshot = null;
                } else {
                    gunshotSlots++;
                    scriptedGunshot = start.plus(gunshotSlot.multipliedBy(gunshotSlots)).plus(fractionOf(gunshotSlot));
                }
            } else {
                if (!nextArrival.isBefore(until)) {
                    break;
                }
                arrive(nextArrival);
                nextArrival = nextArrival.plus(gap());
            }
        }
        if (until.isAfter(horizon)) {
            horizon = until;
        }
        var events = new ArrayList<Event>();
        while (!pending.isEmpty() && pending.peek().at().isBefore(until)) {
            events.add(pending.poll().toEvent(receivedAt));
        }
        return events;
    }

    /** The end of the simulated time so far: every event before it has been returned. */
    public Instant horizon() {
        return horizon;
    }

    public long situationsGenerated() {
        return situations;
    }

    SensorLayout sensors() {
        return sensors;
    }

    /** The sim cameras, so the console shows the cameras that report (map, zone editor, source health). */
    public List<CameraDirectory.Camera> cameras() {
        return sensors.cameras().stream().map(c -> new CameraDirectory.Camera(c.id(),
                "Caméra " + c.id().substring("sim-cam-".length()), c.lat(), c.lon())).toList();
    }

    /** The sim acoustic sensors, for the console's map and source health. */
    public List<ConsoleSettings.Sensor> acousticSensors() {
        return sensors.acousticSensors().stream().map(a -> new ConsoleSettings.Sensor(a.id(),
                "Capteur " + a.id().substring("sim-acoustic-".length()), a.lat(), a.lon())).toList();
    }

    /** The relative chance of a shooting in a district: its population, counted four times in the north. */
    static double shootingWeight(District d) {
        return d.population() * (NORTHERN.contains(d.code()) ? 4.0 : 1.0);
    }

    private void arrive(Instant at) {
        int hour = at.atZone(LOCAL_TIME).getHour();
        double u = random.nextDouble() * peakPerHour;
        for (SituationKind kind : KINDS) {
            u -= kind.perHour(hour) * factor[kind.ordinal()];
            if (u < 0) {
                begin(kind, at);
                return;
            }
        }
        // Thinned out: at this hour the table's rate is below the peak the candidates were drawn at.
    }

    private void begin(SituationKind kind, Instant at) {
        double[] place = switch (kind.placement) {
            case POPULATION -> territory.randomPoint(random, territory.pickDistrict(random, District::population));
            case CAMERA -> near(sensors.cameras(), 5, 40);
            case ACOUSTIC -> near(sensors.acousticSensors(), 10, ACOUSTIC_RANGE_METERS / 2);
        };
        var situation = new Situation(nextSituationId(), kind.type, at, place[0], place[1]);
        Optional<Sensor> camera = sensors.findNearestCamera(place[0], place[1], CAMERA_RANGE_METERS);
        List<Sensor> heard = earshot(kind, place);
        long before = reports;
        for (Reporter reporter : kind.reporters) {
            if (!canReport(reporter, camera, heard) || random.nextDouble() >= reporter.chance()) {
                continue;
            }
            int count = switch (reporter.source()) {
                case CAMERA -> 1;
                case ACOUSTIC_SENSOR -> Math.min(heard.size(), random.nextInt(reporter.min(), reporter.max() + 1));
                default -> random.nextInt(reporter.min(), reporter.max() + 1);
            };
            for (int i = 0; i < count; i++) {
                report(situation, reporter, sourceId(reporter, camera, heard, i));
            }
        }
        Reporter first = kind.reporters.getFirst();
        if (reports == before && canReport(first, camera, heard)) {
            report(situation, first, sourceId(first, camera, heard, 0));
        }
    }

    /** A place a few metres off a piece of equipment, in the city (or the equipment's own place). */
    private double[] near(List<Sensor> equipment, double minMeters, double maxMeters) {
        Sensor sensor = equipment.get(random.nextInt(equipment.size()));
        double[] place = GeoMath.offset(sensor.lat(), sensor.lon(), random.nextDouble(minMeters, maxMeters),
                random.nextDouble(360));
        return territory.contains(place[0], place[1]) ? place : new double[] {sensor.lat(), sensor.lon()};
    }

    /** The sensors that hear the situation, nearest first, if acoustic sensors report its kind. */
    private List<Sensor> earshot(SituationKind kind, double[] place) {
        int most = kind.reporters.stream().filter(r -> r.source() == SourceKind.ACOUSTIC_SENSOR)
                .mapToInt(Reporter::max).max().orElse(0);
        return most == 0 ? List.of()
                : sensors.acousticSensorsInEarshot(place[0], place[1], most, ACOUSTIC_RANGE_METERS);
    }

    /** Cameras and acoustic sensors report only what is in their range. */
    private static boolean canReport(Reporter reporter, Optional<Sensor> camera, List<Sensor> heard) {
        return switch (reporter.source()) {
            case CAMERA -> camera.isPresent();
            case ACOUSTIC_SENSOR -> !heard.isEmpty();
            default -> true;
        };
    }

    /** The camera or the i-th sensor that heard it, else the source's channel. */
    private static String sourceId(Reporter reporter, Optional<Sensor> camera, List<Sensor> heard, int i) {
        return switch (reporter.source()) {
            case CAMERA -> camera.orElseThrow().id();
            case ACOUSTIC_SENSOR -> heard.get(i).id();
            default -> SourceProfile.of(reporter.source()).channel();
        };
    }

    private void report(Situation situation, Reporter reporter, String sourceId) {
        SourceProfile profile = SourceProfile.of(reporter.source());
        EventType type = reporter.reportedAs() != null ? reporter.reportedAs() : situation.type();
        Duration delay = profile.minDelay().plus(fractionOf(profile.maxDelay().minus(profile.minDelay())));
        report(situation, reporter.source(), sourceId, type, delay);
    }

    /**
     * 2 to 4 acoustic detections from the 2 or 3 nearest sensors within seconds, 2 to 5 citizen calls within
     * 10 minutes, and a police report. The first two callers are quick: shots make people call at once, and
     * a short demo should see the cluster form.
     */
    private void gunshot(Instant at) {
        double[] place = territory.randomPoint(random, territory.pickDistrict(random, CitySimulator::shootingWeight));
        var situation = new Situation(nextSituationId(), EventType.GUNSHOT, at, place[0], place[1]);
        List<Sensor> heard = sensors.nearestAcousticSensors(place[0], place[1], random.nextInt(2, 4));
        int detections = random.nextInt(2, 5);
        for (int i = 0; i < detections && !heard.isEmpty(); i++) {
            report(situation, SourceKind.ACOUSTIC_SENSOR, heard.get(i % heard.size()).id(), EventType.GUNSHOT,
                    Duration.ofMillis(random.nextLong(0, 4_000)));
        }
        int calls = random.nextInt(2, 6);
        for (int i = 0; i < calls; i++) {
            report(situation, SourceKind.CITIZEN, SourceProfile.of(SourceKind.CITIZEN).channel(), EventType.GUNSHOT,
                    Duration.ofSeconds(random.nextLong(60, i < 2 ? 180 : 600)));
        }
        report(situation, SourceKind.POLICE, SourceProfile.of(SourceKind.POLICE).channel(), EventType.GUNSHOT,
                Duration.ofSeconds(random.nextLong(240, 720)));
    }

    private void report(Situation situation, SourceKind kind, String sourceId, EventType type, Duration delay) {
        SourceProfile profile = SourceProfile.of(kind);
        double accuracy = Math.rint(random.nextDouble(profile.minAccuracyMeters(), profile.maxAccuracyMeters()));
        double[] place = misplace(situation.lat(), situation.lon(), accuracy);
        double confidence = Math.rint(random.nextDouble(profile.minConfidence(), profile.maxConfidence()) * 100) / 100;
        pending.add(new Report(reports++, situation.start().plus(delay), situation.id(), kind, sourceId, type,
                place[0], place[1], accuracy, confidence));
    }

    /**
     * Where a source places the situation: a Gaussian error with the stated accuracy as its two-sigma radius,
     * cut at 1.5 times that radius, and kept inside the city, since a report the platform's map cannot place
     * would be a flaw of the simulator rather than realism.
     */
    private double[] misplace(double lat, double lon, double accuracy) {
        for (int i = 0; i < 8; i++) {
            double east = random.nextGaussian() * accuracy / 2;
            double north = random.nextGaussian() * accuracy / 2;
            double meters = Math.hypot(east, north);
            if (meters <= 1.5 * accuracy) {
                double[] p = GeoMath.offset(lat, lon, meters, Math.toDegrees(Math.atan2(east, north)));
                if (territory.contains(p[0], p[1])) {
                    return p;
                }
            }
        }
        return new double[] {lat, lon};
    }

    private Duration gap() {
        return Duration.ofNanos(Math.round(random.nextExponential() / peakPerHour * 3_600e9));
    }

    private Duration fractionOf(Duration span) {
        return Duration.ofNanos(Math.round(random.nextDouble() * span.toNanos()));
    }

    private String nextSituationId() {
        return "sit-%s-%06d".formatted(Long.toUnsignedString(seed), ++situations);
    }

    private record Report(long seq, Instant at, String situationId, SourceKind kind, String sourceId, EventType type,
            double lat, double lon, double accuracyMeters, double confidence) {
        Event toEvent(Instant receivedAt) {
            return Event.builder().occurredAt(at).receivedAt(receivedAt).source(kind, sourceId).type(type)
                    .location(lat, lon, accuracyMeters).confidence(confidence)
                    .attributes(Attributes.builder().put("simulated", true).put("situation", situationId).build())
                    .build();
        }
    }
}
