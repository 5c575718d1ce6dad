package org.vigie.app.sim;

/**
 * How much equipment the simulated city has and how busy it is. The {@link SituationKind} table is written for
 * the demo's equipment; a scale turns it into rates for another city-wide deployment:
 * <ul>
 * <li>what only a camera notices happens in proportion to the number of cameras, and what only an acoustic
 * sensor hears in proportion to the number of sensors (each watches its own patch of street), while what
 * happens to people follows population and does not depend on the equipment (though more cameras see more of
 * it: a camera reports what happens within its range);
 * <li>{@code rateMultiplier} multiplies every rate, for stress tests beyond the city's real volume;
 * <li>{@code demoKindsOnly} keeps to the kinds the demo shows (see {@link SituationKind#demo}).
 * </ul>
 *
 * @param cameras         how many cameras watch the city, 0 to {@value #MAX_CAMERAS}
 * @param acousticSensors how many acoustic sensors listen, 0 to {@value #MAX_SENSORS}
 * @param rateMultiplier  multiplies every rate, in (0, {@value #MAX_MULTIPLIER}]
 */
public record CityScale(int cameras, int acousticSensors, double rateMultiplier, boolean demoKindsOnly) {
    static final int MAX_CAMERAS = 100_000;
    static final int MAX_SENSORS = 10_000;
    static final double MAX_MULTIPLIER = 10_000;

    /** The demo: 150 cameras, 20 acoustic sensors, its own kinds, at the table's rates. */
    public static final CityScale DEMO =
            new CityScale(SensorLayout.CAMERAS, SensorLayout.ACOUSTIC_SENSORS, 1, true);

    public CityScale {
        if (cameras < 0 || cameras > MAX_CAMERAS) {
            throw new IllegalArgumentException("cameras must be 0.." + MAX_CAMERAS + ", got " + cameras);
        }
        if (acousticSensors < 0 || acousticSensors > MAX_SENSORS) {
            throw new IllegalArgumentException("acoustic sensors must be 0.." + MAX_SENSORS + ", got "
                    + acousticSensors);
        }
        if (!(rateMultiplier > 0 && rateMultiplier <= MAX_MULTIPLIER)) {
            throw new IllegalArgumentException("the rate multiplier must be in (0, " + (long) MAX_MULTIPLIER + "], got "
                    + rateMultiplier);
        }
    }

    /** A whole city's deployment: every kind of situation and every kind of source. */
    public static CityScale city(int cameras, int acousticSensors, double rateMultiplier) {
        return new CityScale(cameras, acousticSensors, rateMultiplier, false);
    }

    /** By how much this scale multiplies the table's rate of a kind (0: the kind does not occur). */
    double factor(SituationKind kind) {
        if (demoKindsOnly && !kind.demo) {
            return 0;
        }
        double equipment = switch (kind.placement) {
            case POPULATION -> 1;
            case CAMERA -> (double) cameras / SensorLayout.CAMERAS;
            case ACOUSTIC -> (double) acousticSensors / SensorLayout.ACOUSTIC_SENSORS;
        };
        return rateMultiplier * equipment;
    }

    /**
     * How many scripted gunshot scenarios run a simulated day: the multiplier rounded, at least one, so that even a
     * light load shows acoustic sensors and callers converging on one place.
     */
    int gunshotsPerDay() {
        return (int) Math.max(1, Math.round(rateMultiplier));
    }
}
