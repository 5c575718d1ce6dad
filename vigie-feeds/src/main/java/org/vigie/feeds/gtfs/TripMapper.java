package org.vigie.feeds.gtfs;

import java.util.Optional;

/** {@code trips.txt}; the route must already be known. */
final class TripMapper {
    private TripMapper() {
    }

    static Optional<Trip> map(GtfsRow row, GtfsFeed.Builder feed, GtfsIssues issues) {
        String id = row.required("trip_id");
        String route = row.required("route_id");
        String service = row.required("service_id");
        Integer direction = row.optionalInteger("direction_id", 0, 1);
        if (route != null && feed.route(route) == null) {
            row.error("route_id: '" + route + "' is not in routes.txt");
        }
        if (service != null && !feed.knowsService(service)) {
            row.warn("service_id: '" + service + "' is in neither calendar.txt nor calendar_dates.txt (kept; its days"
                    + " are unknown)");
        }
        if (!row.report(issues)) {
            return Optional.empty();
        }
        return Optional.of(new Trip(id, route, service, row.text("trip_headsign"), direction, row.line()));
    }
}
