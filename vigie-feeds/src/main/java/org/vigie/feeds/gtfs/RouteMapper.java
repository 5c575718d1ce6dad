package org.vigie.feeds.gtfs;

import java.util.Optional;

/** {@code routes.txt}. */
final class RouteMapper {
    private RouteMapper() {
    }

    static Optional<Route> map(GtfsRow row, GtfsFeed.Builder feed, GtfsIssues issues) {
        String id = row.required("route_id");
        String agency = row.text("agency_id");
        String shortName = row.text("route_short_name");
        String longName = row.text("route_long_name");
        if (shortName == null && longName == null) {
            row.warn("route_short_name, route_long_name: one of them is required; the route is named by its route_id");
        }
        // The type only says what kind of station a stop is; a route without one is still worth its stops.
        TransitMode mode = TransitMode.OTHER;
        String type = row.text("route_type");
        Integer code = row.optionalInteger("route_type", 0, 1799);
        if (type == null) {
            row.warn("route_type: required, but empty (the mode is unknown)");
        } else if (code != null) {
            mode = TransitMode.of(code);
        }
        if (agency != null && feed.agencyCount() > 0 && !feed.hasAgency(agency)) {
            row.warn("agency_id: '" + agency + "' is not in agency.txt (kept)");
        } else if (agency == null && feed.agencyCount() > 1) {
            row.warn("agency_id: required when agency.txt names several agencies (kept)");
        }
        if (!row.report(issues)) {
            return Optional.empty();
        }
        return Optional.of(new Route(id, agency == null ? "" : agency, shortName, longName, mode));
    }
}
