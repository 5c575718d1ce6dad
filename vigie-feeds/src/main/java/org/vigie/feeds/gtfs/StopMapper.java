package org.vigie.feeds.gtfs;

import java.util.Optional;

/** {@code stops.txt}. */
final class StopMapper {
    private StopMapper() {
    }

    /**
     * @return the stop, or empty when it was left out (with an issue) or is a pathway node without coordinates,
     *         which the reference allows and Vigie does not need
     */
    static Optional<Stop> map(GtfsRow row, GtfsIssues issues) {
        String id = row.required("stop_id");
        Integer code = row.optionalInteger("location_type", 0, 4);
        Stop.LocationType type = code == null ? Stop.LocationType.STOP : Stop.LocationType.of(code);
        boolean placed = type.ordinal() <= Stop.LocationType.ENTRANCE.ordinal();
        double lat = row.coordinate("stop_lat", 90, placed);
        double lon = row.coordinate("stop_lon", 180, placed);
        String name = row.text("stop_name");
        if (name == null && placed) {
            row.warn("stop_name: required for stops, stations and entrances; the stop is named by its stop_id");
            name = id;
        }
        String parent = row.text("parent_station");
        if (parent != null && parent.equals(id)) {
            row.warn("parent_station: a stop cannot be its own station (ignored)");
            parent = null;
        }
        if (!row.report(issues) || Double.isNaN(lat) || Double.isNaN(lon)) {
            return Optional.empty();
        }
        return Optional.of(new Stop(id, name, lat, lon, type, parent, row.line()));
    }
}
