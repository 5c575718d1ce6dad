package org.vigie.app.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.vigie.core.geo.District;
import org.vigie.core.geo.GeoMath;

/** The simulated city's fixed equipment: where its cameras and acoustic sensors stand, drawn once from the seed. */
final class SensorLayout {
    /** The demo's cameras. */
    static final int CAMERAS = 150;
    /** The demo's acoustic sensors. */
    static final int ACOUSTIC_SENSORS = 20;
    /**
     * Marseille's public cameras are concentrated in the hyper-centre (Vieux-Port, Canebière, Noailles, Cours
     * Julien: 1er, 2e, 6e, 7e), so these districts get five times their population's share of sim cameras.
     */
    private static final Set<String> HYPER_CENTRE = Set.of("13201", "13202", "13206", "13207");

    record Sensor(String id, double lat, double lon) {
        double distanceMeters(double toLat, double toLon) {
            return GeoMath.distanceMeters(lat, lon, toLat, toLon);
        }
    }

    private final List<Sensor> cameras;
    private final List<Sensor> acousticSensors;

    private SensorLayout(List<Sensor> cameras, List<Sensor> acousticSensors) {
        this.cameras = List.copyOf(cameras);
        this.acousticSensors = List.copyOf(acousticSensors);
    }

    /** Ids are numbered with as many digits as the count needs (at least the demo's 3 and 2), so they sort. */
    static SensorLayout place(Territory territory, RandomGenerator random, int cameraCount, int acousticCount) {
        var cameras = new ArrayList<Sensor>(cameraCount);
        String cameraId = "sim-cam-%0" + digits(cameraCount, 3) + "d";
        for (int i = 1; i <= cameraCount; i++) {
            double[] p = territory.randomPoint(random, territory.pickDistrict(random, SensorLayout::cameraWeight));
            cameras.add(new Sensor(cameraId.formatted(i), p[0], p[1]));
        }
        // Acoustic gunshot detection is installed where shootings happen, not spread evenly.
        var acoustic = new ArrayList<Sensor>(acousticCount);
        String acousticId = "sim-acoustic-%0" + digits(acousticCount, 2) + "d";
        for (int i = 1; i <= acousticCount; i++) {
            double[] p = territory.randomPoint(random, territory.pickDistrict(random, CitySimulator::shootingWeight));
            acoustic.add(new Sensor(acousticId.formatted(i), p[0], p[1]));
        }
        return new SensorLayout(cameras, acoustic);
    }

    private static int digits(int count, int atLeast) {
        return Math.max(atLeast, Integer.toString(count).length());
    }

    static double cameraWeight(District d) {
        return d.population() * (HYPER_CENTRE.contains(d.code()) ? 5.0 : 1.0);
    }

    List<Sensor> cameras() {
        return cameras;
    }

    List<Sensor> acousticSensors() {
        return acousticSensors;
    }

    /**
     * The latitude test first: a great-circle distance is never shorter than its north-south part, so it only
     * skips cameras that are out of range anyway, and at city scale (thousands of cameras) it spares most of the
     * exact distances. The margin covers rounding, so that the answer is exactly that of the distance alone.
     */
    Optional<Sensor> findNearestCamera(double lat, double lon, double maxMeters) {
        double maxDegrees = Math.toDegrees(maxMeters / GeoMath.EARTH_RADIUS_METERS) * (1 + 1e-9);
        return cameras.stream().filter(c -> Math.abs(c.lat() - lat) <= maxDegrees)
                .filter(c -> c.distanceMeters(lat, lon) <= maxMeters)
                .min(Comparator.comparingDouble(c -> c.distanceMeters(lat, lon)));
    }

    List<Sensor> nearestAcousticSensors(double lat, double lon, int count) {
        return acousticSensors.stream().sorted(Comparator.comparingDouble(s -> s.distanceMeters(lat, lon)))
                .limit(count).toList();
    }

    /** Up to {@code count} sensors within {@code maxMeters}, nearest first. */
    List<Sensor> acousticSensorsInEarshot(double lat, double lon, int count, double maxMeters) {
        return nearestAcousticSensors(lat, lon, count).stream().filter(s -> s.distanceMeters(lat, lon) <= maxMeters)
                .toList();
    }
}
