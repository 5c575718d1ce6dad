package org.vigie.core.accountability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;

/** Coverage equity per district; pure, over the city's polygons. */
public final class Coverage {
    private Coverage() {
    }

    /**
     * @param populations inhabitants per district code; a district missing here keeps the city's own figure
     * @param alerts      alerts of the period; those not dismissed count as incidents where they were raised
     */
    public static CoverageReport of(City city, Map<String, Long> populations, List<Equipment> equipment,
                                    List<Alert> alerts) {
        var cameras = new HashMap<String, Integer>();
        var sensors = new HashMap<String, Integer>();
        int outsideCameras = 0;
        int outsideSensors = 0;
        for (Equipment e : equipment) {
            var district = city.findDistrict(e.lat(), e.lon());
            boolean camera = e.kind() == EquipmentKind.CAMERA;
            if (district.isEmpty()) {
                if (camera) {
                    outsideCameras++;
                } else {
                    outsideSensors++;
                }
                continue;
            }
            (camera ? cameras : sensors).merge(district.get().code(), 1, Integer::sum);
        }
        var incidents = new HashMap<String, Long>();
        for (Alert a : alerts) {
            if (!a.dismissed()) {
                city.findDistrict(a.lat(), a.lon()).ifPresent(d -> incidents.merge(d.code(), 1L, Long::sum));
            }
        }
        var rows = new ArrayList<CoverageReport.DistrictCoverage>();
        var byPopulation = new ArrayList<Lorenz.Part>();
        var byIncidents = new ArrayList<Lorenz.Part>();
        for (District d : city.districts()) {
            long population = populations.getOrDefault(d.code(), d.population());
            double area = Areas.squareKm(d.area());
            int c = cameras.getOrDefault(d.code(), 0);
            long n = incidents.getOrDefault(d.code(), 0L);
            double camerasPer10k = population > 0 ? c * 10_000.0 / population : Double.NaN;
            double incidentsPer10k = population > 0 ? n * 10_000.0 / population : Double.NaN;
            rows.add(new CoverageReport.DistrictCoverage(d.code(), d.name(), area, population, c,
                    sensors.getOrDefault(d.code(), 0), n, area > 0 ? c / area : Double.NaN, camerasPer10k,
                    incidentsPer10k, n > 0 ? camerasPer10k / incidentsPer10k : Double.NaN));
            byPopulation.add(new Lorenz.Part(d.code(), population, c));
            byIncidents.add(new Lorenz.Part(d.code(), n, c));
        }
        return new CoverageReport(List.copyOf(rows), outsideCameras, outsideSensors, Lorenz.of(byPopulation),
                Lorenz.of(byIncidents));
    }
}
