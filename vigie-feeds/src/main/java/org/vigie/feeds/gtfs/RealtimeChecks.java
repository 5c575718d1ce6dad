package org.vigie.feeds.gtfs;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of MobilityData's GTFS-Realtime validator that matter to Vigie, with its codes, checked against the
 * static feed: stale or missing timestamps, trips without trip_id, ids that the static feed does not know,
 * positions that are not places or lie outside the network.
 */
final class RealtimeChecks {
    /** The validator's W008: data older than this is stale. */
    static final Duration MAX_AGE = Duration.ofSeconds(65);
    /** The validator's E050 allows a minute of clock difference. */
    static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(60);
    /** E029: how far outside the box of the static feed's stops a vehicle may be. */
    static final double COVERAGE_MARGIN_METERS = 5_000;

    private final GtfsFeed feed;
    private final Instant receivedAt;
    private final List<RealtimeFinding> findings = new ArrayList<>();

    private RealtimeChecks(GtfsFeed feed, Instant receivedAt) {
        this.feed = feed;
        this.receivedAt = receivedAt;
    }

    static RealtimeReport check(FeedMessage message, GtfsFeed feed, Instant receivedAt) {
        var c = new RealtimeChecks(feed, receivedAt);
        Optional<Instant> header = c.header(message.getHeader());
        int alerts = 0;
        int vehicles = 0;
        int updates = 0;
        Set<String> vehicleIds = new HashSet<>();
        for (FeedEntity e : message.getEntityList()) {
            if (e.hasVehicle()) {
                vehicles++;
                c.vehicle(e, vehicleIds);
            }
            if (e.hasTripUpdate()) {
                updates++;
                c.tripUpdate(e);
            }
            if (e.hasAlert()) {
                alerts++;
                c.alert(e.getAlert(), "entity ID " + e.getId());
            }
        }
        return new RealtimeReport(message.getEntityCount(), alerts, vehicles, updates, header, c.findings);
    }

    private void add(String code, String where, String message) {
        findings.add(new RealtimeFinding(code, where, message));
    }

    private Optional<Instant> header(FeedHeader h) {
        if (!h.hasIncrementality()) {
            add("E049", "header", "incrementality is not populated");
        }
        if (!h.hasTimestamp() || h.getTimestamp() == 0) {
            add("E048", "header", "timestamp is not populated");
            return Optional.empty();
        }
        Optional<Instant> t = RealtimeDecoder.time(h.getTimestamp());
        if (t.isEmpty()) {
            add("E001", "header.timestamp", Long.toUnsignedString(h.getTimestamp()) + " is not a POSIX time");
            return t;
        }
        age("header.timestamp", t.get());
        return t;
    }

    /** W008 when older than {@link #MAX_AGE}, in the validator's words; E050 when in the future. */
    private void age(String where, Instant t) {
        Duration age = Duration.between(t, receivedAt);
        if (age.compareTo(MAX_AGE) > 0) {
            add("W008", where, where + " is " + age.toMinutes() + " min " + age.toSecondsPart() + " sec old, which is"
                    + " greater than the recommended age of " + MAX_AGE.toSeconds() + " seconds");
        } else if (age.negated().compareTo(FUTURE_TOLERANCE) > 0) {
            add("E050", where, where + " is " + age.negated().toSeconds() + " s in the future");
        }
    }

    private void vehicle(FeedEntity e, Set<String> vehicleIds) {
        VehiclePosition v = e.getVehicle();
        boolean hasId = v.hasVehicle() && v.getVehicle().hasId() && !v.getVehicle().getId().isEmpty();
        String where = hasId ? "vehicle_id " + v.getVehicle().getId() : "entity ID " + e.getId();
        if (!hasId) {
            add("W002", "entity ID " + e.getId(), "vehicle_id is not populated");
        } else if (!vehicleIds.add(v.getVehicle().getId())) {
            add("E052", where, "vehicle.id is not unique in the document");
        }
        if (!v.hasTimestamp() || v.getTimestamp() == 0) {
            add("W001", where, "does not have a timestamp");
        } else {
            RealtimeDecoder.time(v.getTimestamp()).ifPresentOrElse(t -> {
                if (Duration.between(receivedAt, t).compareTo(FUTURE_TOLERANCE) > 0) {
                    add("E050", where, "vehicle.timestamp is " + Duration.between(receivedAt, t).toSeconds() + " s in the future");
                }
            }, () -> add("E001", where, "vehicle.timestamp " + Long.toUnsignedString(v.getTimestamp()) + " is not a POSIX time"));
        }
        if (v.hasPosition()) {
            double lat = v.getPosition().getLatitude();
            double lon = v.getPosition().getLongitude();
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                add("E026", where, "position (" + lat + ", " + lon + ") is not a valid latitude and longitude");
            } else if (!feed.covers(lat, lon, COVERAGE_MARGIN_METERS)) {
                add("E029", where, "position (" + lat + ", " + lon + ") is more than "
                        + (long) (COVERAGE_MARGIN_METERS / 1000) + " km outside the area of the static GTFS stops");
            }
        }
        if (v.hasTrip()) {
            trip(v.getTrip(), "entity ID " + e.getId());
        }
        if (v.hasStopId() && !feed.stops().containsKey(v.getStopId())) {
            add("E011", "entity ID " + e.getId(), "stop_id " + v.getStopId() + " is not in the static GTFS stops.txt");
        }
    }

    private void tripUpdate(FeedEntity e) {
        TripUpdate u = e.getTripUpdate();
        String where = u.getTrip().hasTripId() ? "trip_id " + u.getTrip().getTripId() : "entity ID " + e.getId();
        if (!u.hasTimestamp() || u.getTimestamp() == 0) {
            add("W001", where, "does not have a timestamp");
        }
        trip(u.getTrip(), "entity ID " + e.getId());
        for (TripUpdate.StopTimeUpdate stu : u.getStopTimeUpdateList()) {
            if (!stu.hasScheduleRelationship()) {
                add("W009", where, "stop_time_update (stop_sequence " + stu.getStopSequence() + ") does not have a"
                        + " schedule_relationship");
            }
            if (stu.hasStopId() && !feed.stops().containsKey(stu.getStopId())) {
                add("E011", where, "stop_id " + stu.getStopId() + " is not in the static GTFS stops.txt");
            }
        }
    }

    /** W006, W009, E003, E004 for a trip descriptor. */
    private void trip(TripDescriptor t, String where) {
        if (!t.hasTripId()) {
            add("W006", where, "trip does not contain a trip_id");
        } else if (!feed.trips().containsKey(t.getTripId())
                && t.getScheduleRelationship() != TripDescriptor.ScheduleRelationship.ADDED) {
            add("E003", where, "trip_id " + t.getTripId() + " is not in the static GTFS trips.txt");
        }
        if (!t.hasScheduleRelationship()) {
            add("W009", where, "trip does not have a schedule_relationship");
        }
        if (t.hasRouteId() && !feed.routes().containsKey(t.getRouteId())) {
            add("E004", where, "route_id " + t.getRouteId() + " is not in the static GTFS routes.txt");
        }
    }

    private void alert(Alert a, String where) {
        for (EntitySelector s : a.getInformedEntityList()) {
            if (s.hasStopId() && !feed.stops().containsKey(s.getStopId())) {
                add("E011", where, "informed_entity stop_id " + s.getStopId() + " is not in the static GTFS stops.txt");
            }
            if (s.hasRouteId() && !feed.routes().containsKey(s.getRouteId())) {
                add("E004", where, "informed_entity route_id " + s.getRouteId() + " is not in the static GTFS routes.txt");
            }
            if (s.hasTrip() && s.getTrip().hasTripId() && !feed.trips().containsKey(s.getTrip().getTripId())) {
                add("E003", where, "informed_entity trip_id " + s.getTrip().getTripId() + " is not in the static GTFS trips.txt");
            }
        }
    }
}
