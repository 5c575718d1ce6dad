package org.vigie.feeds.gtfs;

/**
 * One journey of a route, from {@code trips.txt}.
 *
 * @param directionId 0 or 1, or null when not given
 * @param line        where it was read, for issues found later (a trip without stop times)
 */
public record Trip(String id, String routeId, String serviceId, String headsign, Integer directionId, long line) {
}
