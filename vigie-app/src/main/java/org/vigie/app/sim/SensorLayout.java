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
    static final int CAMERAS = 150;
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

    static SensorLayout place(Territory territory, RandomGenerator random) {
        var cameras = new ArrayList<Sensor>();
        for (int i = 1; i <= CAMERAS; i++) {
            double[] p = territory.randomPoint(random, territory.pickDistrict(random, SensorLayout::cameraWeight));
            cameras.add(new Sensor("sim-cam-%03d".formatted(i), p[0], p[1]));
        }
        // Acoustic gunshot detection is installed where shootings happen, not spread evenly.
        var acoustic = new ArrayList<Sensor>();
        for (int i = 1; i <= ACOUSTIC_SENSORS; i++) {
            double[] p = territory.randomPoint(random, territory.pickDistrict(random, CitySimulator::shootingWeight));
            acoustic.add(new Sensor("sim-acoustic-%02d".formatted(i), p[0], p[1]));
        }
        return new SensorLayout(cameras, acoustic);
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

    Optional<Sensor> findNearestCamera(double lat, double lon, double maxMeters) {
        return cameras.stream().filter(c -> c.distanceMeters(lat, lon) <= maxMeters)
                .min(Comparator.comparingDouble(c -> c.distanceMeters(lat, lon)));
    }

    List<Sensor> nearestAcousticSensors(double lat, double lon, int count) {
        return acousticSensors.stream().sorted(Comparator.comparingDouble(s -> s.distanceMeters(lat, lon)))
                .limit(count).toList();
    }
}
