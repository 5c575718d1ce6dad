package org.vigie.feeds.gtfs;

/**
 * A stop, platform, station or entrance, from {@code stops.txt}.
 *
 * @param parentStation the station this stop belongs to, or null
 * @param line          where it was read, for issues found later (a parent station that does not exist)
 */
public record Stop(String id, String name, double lat, double lon, LocationType type, String parentStation, long line) {

    /** GTFS {@code location_type}. */
    public enum LocationType {
        STOP, STATION, ENTRANCE, GENERIC_NODE, BOARDING_AREA;

        static LocationType of(int code) {
            return values()[code];
        }
    }
}
