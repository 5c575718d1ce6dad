package org.vigie.feeds.gtfs;

import java.util.Optional;

/** {@code stop_times.txt}; the trip and the stop must already be known. */
final class StopTimeMapper {
    private StopTimeMapper() {
    }

    static Optional<StopTime> map(GtfsRow row, GtfsFeed.Builder feed, GtfsIssues issues) {
        String trip = row.required("trip_id");
        String stop = row.required("stop_id");
        Integer sequence = row.integer("stop_sequence", 0, Integer.MAX_VALUE);
        int arrival = row.time("arrival_time");
        int departure = row.time("departure_time");
        if (trip != null && feed.trip(trip) == null) {
            row.error("trip_id: '" + trip + "' is not in trips.txt");
        }
        if (stop != null && feed.stop(stop) == null) {
            row.error("stop_id: '" + stop + "' is not in stops.txt");
        }
        if (arrival >= 0 && departure >= 0 && departure < arrival) {
            row.warn("departure_time " + row.text("departure_time") + " is before arrival_time "
                    + row.text("arrival_time") + " (departure read as the arrival)");
            departure = arrival;
        }
        if (!row.report(issues)) {
            return Optional.empty();
        }
        // One time given stands for both, as the reference allows for stops where the vehicle does not wait.
        return Optional.of(new StopTime(trip, sequence, feed.intern(stop), arrival >= 0 ? arrival : departure,
                departure >= 0 ? departure : arrival, row.line()));
    }
}
