package org.vigie.feeds.gtfs;

/**
 * One call of a trip at a stop, from {@code stop_times.txt}; kept only while the feed is read, then packed into
 * {@link TripSchedule}s.
 *
 * @param arrival   seconds after noon minus 12 h of the service day, or -1 when not given (interpolated stops)
 * @param departure likewise
 */
record StopTime(String tripId, int sequence, String stopId, int arrival, int departure, long line) {
}
