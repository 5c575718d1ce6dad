package org.vigie.core.accountability;

import java.util.List;

/**
 * Where the city is watched, against where people live and where incidents happen.
 *
 * @param outsideCameras equipment whose position falls in no district (misplaced, or beyond the city limits)
 * @param byPopulation   cameras against inhabitants
 * @param byIncidents    cameras against incidents (alerts not dismissed)
 */
public record CoverageReport(List<DistrictCoverage> districts, int outsideCameras, int outsideSensors,
                             Lorenz byPopulation, Lorenz byIncidents) {

    /**
     * @param incidents          alerts raised in the district that were not dismissed
     * @param camerasPerIncident cameras per 10,000 inhabitants over incidents per 10,000 inhabitants; NaN without
     *                           incidents
     */
    public record DistrictCoverage(String code, String name, double areaKm2, long population, int cameras, int sensors,
                                   long incidents, double camerasPerKm2, double camerasPer10k, double incidentsPer10k,
                                   double camerasPerIncident) {
    }
}
