package org.vigie.feeds.gtfs;

/**
 * Two consecutive calls of a route's trips, with the usual time to run between them.
 *
 * @param usualSeconds the median over the route's trips of the scheduled time from leaving {@code fromStopId} to
 *                     reaching {@code toStopId}; -1 when no trip gives both times
 */
public record RouteSegment(String routeId, String fromStopId, String toStopId, int usualSeconds) {
}
