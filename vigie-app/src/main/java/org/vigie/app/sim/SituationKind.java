package org.vigie.app.sim;

import static org.vigie.core.model.SourceKind.ACOUSTIC_SENSOR;
import static org.vigie.core.model.SourceKind.CAMERA;
import static org.vigie.core.model.SourceKind.CITIZEN;
import static org.vigie.core.model.SourceKind.FIRE_BRIGADE;
import static org.vigie.core.model.SourceKind.HOSPITAL;
import static org.vigie.core.model.SourceKind.POLICE;
import static org.vigie.core.model.SourceKind.SOCIAL;
import static org.vigie.core.model.SourceKind.TELECOM;
import static org.vigie.core.model.SourceKind.TRANSIT;

import java.util.List;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * The rate table: what happens in the simulated city, how often, when in the day, and who reports it. Rates
 * are situations per day for the whole city (about 870,000 inhabitants); the simulator spreads them over the
 * districts in proportion to population, or over the sim cameras for what only a camera would notice.
 *
 * <p>Where the numbers come from:
 * <ul>
 * <li>Fire brigade: the Bataillon de marins-pompiers de Marseille answers about 130,000 interventions a year,
 * about 356 a day or 15 an hour. As in French fire services generally, roughly three quarters are help to
 * persons (medical), so 260 a day; fires (bins, vehicles, buildings, scrub) and road accidents share most of
 * the rest. The split is an assumption; the total is the published order of magnitude.
 * <li>Police: an assumption of the order of magnitude of recorded street crime in Marseille (tens of
 * thousands of thefts and several thousand assaults recorded a year); only what reaches an operations centre
 * live is simulated, hence fewer thefts than the yearly count would give.
 * <li>Citizens: an assumption of a few hundred reports a day through a city reporting app (Open311-like),
 * about 0.5 per 1,000 inhabitants a day, dominated by waste.
 * <li>Cameras: an assumption for the 150 sim cameras (the real urban supervision centre has well over a
 * thousand): a few dozen rule alerts a day.
 * <li>Transit: an assumption of a couple of dozen disruptions a day on the bus, tram and metro network.
 * <li>Gatherings (city-scale load only): an assumption of a dozen a day that a mobile operator's presence
 * counts flag as unusual (matches at the Vélodrome, concerts, markets, demonstrations, beaches in summer), half
 * of them also talked about in public posts.
 * <li>Acoustic detections other than gunshots (city-scale load only): an assumption of one firework or
 * firecracker detonation a day within earshot of each sensor (they are common at night in Marseille, and are
 * what gunshot detection mostly has to tell apart) and a breaking window every three days.
 * </ul>
 * Rates are for the demo's equipment: a kind placed at a camera is per {@value SensorLayout#CAMERAS} cameras, one
 * placed at an acoustic sensor per {@value SensorLayout#ACOUSTIC_SENSORS} sensors; {@link CityScale} scales them
 * with the equipment and multiplies them all. With these rates the demo's city produces about 70 events an hour
 * on average (20 before dawn, over 100 in the evening), enough to fill the map while keeping the console
 * readable. Gunshots are not in the table: they come as a scripted scenario (see {@link CitySimulator}).
 */
enum SituationKind {
    MEDICAL_EMERGENCY(EventType.MEDICAL_EMERGENCY, 260, DayRhythm.ACTIVITY, Placement.POPULATION,
            by(FIRE_BRIGADE, 0.85), by(HOSPITAL, 0.6), by(CAMERA, EventType.PERSON_DOWN, 0.5, 1, 1)),
    FIRE(EventType.FIRE, 25, DayRhythm.ACTIVITY, Placement.POPULATION,
            by(FIRE_BRIGADE, 1), by(CAMERA, 0.8), by(CITIZEN, EventType.SMOKE, 0.75, 1, 3)),
    ROAD_ACCIDENT(EventType.ROAD_ACCIDENT, 30, DayRhythm.TRAFFIC, Placement.POPULATION,
            by(POLICE, 0.8), by(FIRE_BRIGADE, 0.5), by(CITIZEN, null, 0.6, 1, 2), by(CAMERA, 0.7),
            by(CAMERA, EventType.WRONG_WAY, 0.15, 1, 1)),
    STREET_FIGHT(EventType.ASSAULT, 45, DayRhythm.ACTIVITY, Placement.POPULATION,
            by(POLICE, 1), by(CITIZEN, null, 0.8, 1, 3)),
    THEFT(EventType.THEFT, 100, DayRhythm.ACTIVITY, Placement.POPULATION,
            by(POLICE, 0.6), by(CITIZEN, 0.6)),
    BURGLARY(EventType.BURGLARY, 30, DayRhythm.DAYTIME, Placement.POPULATION,
            by(POLICE, 1), by(CITIZEN, 0.2)),
    PUBLIC_DISORDER(EventType.PUBLIC_DISORDER, 50, DayRhythm.NIGHTLIFE, Placement.POPULATION,
            by(POLICE, 0.6), by(CITIZEN, null, 0.8, 1, 3)),
    NOISE(EventType.NOISE, 80, DayRhythm.NIGHTLIFE, Placement.POPULATION,
            by(CITIZEN, null, 1, 1, 2), by(POLICE, 0.1)),
    WASTE(EventType.WASTE, 220, DayRhythm.DAYTIME, Placement.POPULATION,
            by(CITIZEN, null, 1, 1, 2)),
    GRAFFITI(EventType.GRAFFITI, 60, DayRhythm.DAYTIME, Placement.POPULATION, by(CITIZEN, 1)),
    VANDALISM(EventType.VANDALISM, 45, DayRhythm.DAYTIME, Placement.POPULATION, by(CITIZEN, 1)),
    STREETLIGHT_OUTAGE(EventType.STREETLIGHT_OUTAGE, 35, DayRhythm.AFTER_DARK, Placement.POPULATION,
            by(CITIZEN, null, 1, 1, 2)),
    ROAD_HAZARD(EventType.ROAD_HAZARD, 60, DayRhythm.TRAFFIC, Placement.POPULATION,
            by(CITIZEN, null, 1, 1, 2), by(POLICE, 0.1)),
    TRANSIT_DISRUPTION(EventType.TRANSIT_DISRUPTION, 25, DayRhythm.TRAFFIC, Placement.POPULATION,
            by(TRANSIT, 1), by(CITIZEN, 0.2)),
    ABANDONED_OBJECT(EventType.ABANDONED_OBJECT, 15, DayRhythm.DAYTIME, Placement.CAMERA,
            by(CAMERA, 1), by(POLICE, 0.3)),
    ZONE_INTRUSION(EventType.ZONE_INTRUSION, 12, DayRhythm.NIGHT, Placement.CAMERA, by(CAMERA, 1)),
    CROWD_DENSITY(EventType.CROWD_DENSITY, 20, DayRhythm.DAYTIME, Placement.CAMERA, by(CAMERA, 1)),
    WRONG_WAY_DRIVER(EventType.WRONG_WAY, 13, DayRhythm.TRAFFIC, Placement.CAMERA, by(CAMERA, 1)),
    // The demo leaves the kinds below out (see demo); appended last, so the demo's draws are what they were.
    GATHERING(false, EventType.CROWD_PRESENCE, 12, DayRhythm.ACTIVITY, Placement.POPULATION,
            by(TELECOM, null, 0.9, 1, 2), by(SOCIAL, EventType.GATHERING_RISK, 0.5, 1, 2),
            by(CAMERA, EventType.CROWD_DENSITY, 0.6, 1, 1)),
    FIRECRACKERS(false, EventType.EXPLOSION, 20, DayRhythm.NIGHTLIFE, Placement.ACOUSTIC,
            by(ACOUSTIC_SENSOR, null, 1, 1, 3), by(CITIZEN, EventType.NOISE, 0.3, 1, 1)),
    BROKEN_WINDOW(false, EventType.GLASS_BREAK, 6, DayRhythm.NIGHT, Placement.ACOUSTIC,
            by(ACOUSTIC_SENSOR, null, 1, 1, 2), by(POLICE, EventType.BURGLARY, 0.1, 1, 1));

    /** Where situations of a kind happen. */
    enum Placement {
        /** Anywhere people live, in proportion to population. */
        POPULATION,
        /** In the field of view of a camera: these situations exist for Vigie only when a detector sees them. */
        CAMERA,
        /** Within earshot of an acoustic sensor: what no one else would report as such. */
        ACOUSTIC
    }

    /**
     * One kind of source that may report the situation: with probability {@code chance}, it sends between
     * {@code min} and {@code max} reports typed {@code reportedAs} (null: the situation's own type). Cameras
     * report only when one is in range, and then once; acoustic sensors only when in earshot, one report per
     * sensor that heard it.
     */
    record Reporter(SourceKind source, EventType reportedAs, double chance, int min, int max) {
    }

    final EventType type;
    final double perDay;
    final DayRhythm rhythm;
    final Placement placement;
    /** The first one reports when the dice leave a situation unreported: nothing unseen reaches Vigie. */
    final List<Reporter> reporters;
    /**
     * Whether the demo simulates this kind. The demo does not connect the sources that alone report the others
     * (telecom and social aggregates, acoustic detections other than its scripted gunshots), to keep its console
     * readable; the city-scale load has them all.
     */
    final boolean demo;

    SituationKind(EventType type, double perDay, DayRhythm rhythm, Placement placement, Reporter... reporters) {
        this(true, type, perDay, rhythm, placement, reporters);
    }

    SituationKind(boolean demo, EventType type, double perDay, DayRhythm rhythm, Placement placement,
                  Reporter... reporters) {
        this.demo = demo;
        this.type = type;
        this.perDay = perDay;
        this.rhythm = rhythm;
        this.placement = placement;
        this.reporters = List.of(reporters);
    }

    /** Situations per hour, city-wide, at this local hour. */
    double perHour(int hour) {
        return perDay / 24 * rhythm.at(hour);
    }

    private static Reporter by(SourceKind source, double chance) {
        return new Reporter(source, null, chance, 1, 1);
    }

    private static Reporter by(SourceKind source, EventType reportedAs, double chance, int min, int max) {
        return new Reporter(source, reportedAs, chance, min, max);
    }
}
