package org.vigie.feeds.gtfs;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalInt;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Severity;

/**
 * Vehicle positions: a vehicle that has stood still between two stops far longer than the schedule allows for
 * that stretch ({@link RealtimeSettings#stoppedFactor()} times the usual run time, and at least
 * {@link RealtimeSettings#stoppedMinimum()}) gives one event, the same one on every poll while it stands.
 *
 * <p>Only the operator's vehicle id, its trip and its position are read. Occupancy and the descriptor's
 * registration field are never read: they say nothing about the situation, and the first is about passengers.
 */
final class VehiclePositionMapper {
    private static final double POSITION_ACCURACY_METERS = 30;
    /** Tracks of the two directions of a line, or the platforms of one station, are this close. */
    private static final double SIDE_BY_SIDE_METERS = 50;

    private VehiclePositionMapper() {
    }

    /** The stretch a vehicle is on: the stop it left, the stop it is heading for, and the usual run time. */
    private record Stretch(Stop from, Stop to, String routeId, int usualSeconds) {
    }

    static void map(int index, FeedEntity entity, Poll poll, VehicleStillness stillness) {
        VehiclePosition v = entity.getVehicle();
        String vehicle = vehicleKey(v);
        if (vehicle == null || !v.hasPosition()) {
            return; // nothing to follow across polls, or nowhere: no situation can be told from it
        }
        double lat = v.getPosition().getLatitude();
        double lon = v.getPosition().getLongitude();
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) || (lat == 0 && lon == 0)) {
            poll.reject(index, entity, "position (" + lat + ", " + lon + ") is not a place"
                    + (lat == 0 && lon == 0 ? " (0, 0 is what a receiver without a fix sends)" : ""));
            return;
        }
        Instant at = v.hasTimestamp() ? RealtimeDecoder.time(v.getTimestamp()).orElse(poll.feedTime) : poll.feedTime;
        TripDescriptor trip = v.getTrip();
        String tripKey = trip.hasTripId() ? trip.getTripId() + "|" + trip.getStartDate() : trip.getRouteId();
        RealtimeSettings settings = poll.settings;
        Optional<Instant> since = stillness.observe(poll.context.sourceId(), vehicle, lat, lon, at, tripKey,
                settings.stillRadiusMeters(), settings.maxObservationGap());
        if (since.isEmpty()) {
            return;
        }
        Duration still = Duration.between(since.get(), at);
        if (still.compareTo(settings.stoppedMinimum()) < 0
                || (v.hasCurrentStatus() && v.getCurrentStatus() == VehiclePosition.VehicleStopStatus.STOPPED_AT)) {
            return;
        }
        Optional<Stretch> found = stretch(v, lat, lon, poll.feed, settings);
        if (found.isEmpty()) {
            return;
        }
        Stretch s = found.get();
        if (GeoMath.distanceMeters(lat, lon, s.from().lat(), s.from().lon()) <= settings.atStopRadiusMeters()
                || GeoMath.distanceMeters(lat, lon, s.to().lat(), s.to().lon()) <= settings.atStopRadiusMeters()) {
            return; // dwelling at a stop, or laying over at a terminus
        }
        long thresholdSeconds = Math.max(settings.stoppedMinimum().toSeconds(),
                s.usualSeconds() < 0 ? 0 : Math.round(settings.stoppedFactor() * s.usualSeconds()));
        if (still.toSeconds() < thresholdSeconds) {
            return;
        }
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("kind", "vehicle_stopped");
        attributes.put("vehicle_id", AlertMapper.clip(vehicle.substring(vehicle.indexOf(':') + 1)));
        poll.feed.findRoute(s.routeId()).ifPresent(r -> {
            attributes.put("line", AlertMapper.clip(r.label()));
            attributes.put("mode", r.mode().label());
        });
        if (trip.hasTripId()) {
            attributes.put("trip_id", AlertMapper.clip(trip.getTripId()));
        }
        attributes.put("between", AlertMapper.clip(s.from().name() + " → " + s.to().name()));
        attributes.put("stopped_seconds", still.toSeconds());
        if (s.usualSeconds() >= 0) {
            attributes.put("usual_seconds", (long) s.usualSeconds());
        }
        attributes.put("threshold_seconds", thresholdSeconds);
        poll.feed.stations().nearest(lat, lon, 2_000)
                .ifPresent(n -> attributes.put("near", AlertMapper.clip(n.describe())));
        Instant occurred = since.get();
        poll.emit(index, entity, () -> poll.event("stopped|" + vehicle + "|" + occurred.getEpochSecond(), occurred)
                .location(lat, lon, POSITION_ACCURACY_METERS).severity(Severity.MINOR).confidence(0.5)
                .attributes(Attributes.of(attributes)).build());
    }

    /** The operator's id for the vehicle, else its label, else its trip: whatever stays the same across polls. */
    private static String vehicleKey(VehiclePosition v) {
        if (v.hasVehicle() && v.getVehicle().hasId() && !v.getVehicle().getId().isBlank()) {
            return "id:" + v.getVehicle().getId();
        }
        if (v.hasVehicle() && v.getVehicle().hasLabel() && !v.getVehicle().getLabel().isBlank()) {
            return "label:" + v.getVehicle().getLabel();
        }
        if (v.getTrip().hasTripId()) {
            return "trip:" + v.getTrip().getTripId() + "|" + v.getTrip().getStartDate();
        }
        return null;
    }

    /**
     * From the trip and the stop it heads for when the feed says so; else the nearest stretch of its route within
     * {@link RealtimeSettings#offRouteMeters()}.
     */
    private static Optional<Stretch> stretch(VehiclePosition v, double lat, double lon, GtfsFeed feed,
                                             RealtimeSettings settings) {
        TripDescriptor trip = v.getTrip();
        Optional<TripSchedule> schedule = feed.findSchedule(trip.hasTripId() ? trip.getTripId() : null);
        String routeId = schedule.map(s -> feed.trips().get(s.tripId()).routeId())
                .orElse(trip.hasRouteId() ? trip.getRouteId() : null);
        if (schedule.isPresent() && (v.hasStopId() || v.hasCurrentStopSequence())) {
            TripSchedule s = schedule.get();
            OptionalInt next = v.hasCurrentStopSequence() ? s.indexOfSequence(v.getCurrentStopSequence())
                    : s.indexOfStop(v.getStopId());
            if (next.isPresent() && next.getAsInt() > 0) {
                int i = next.getAsInt();
                Stop from = feed.stops().get(s.stopId(i - 1));
                Stop to = feed.stops().get(s.stopId(i));
                int usual = s.runSeconds(i).orElse(feed.usualRunSeconds(from.id(), to.id()).orElse(-1));
                if (offRoute(lat, lon, from, to) <= allowance(from, to, settings)) {
                    return Optional.of(new Stretch(from, to, routeId, usual));
                }
                return Optional.empty();
            }
        }
        if (routeId == null) {
            return Optional.empty();
        }
        // The two directions of a line run side by side and a vehicle without its trip could be on either: of
        // the stretches about as near as the nearest, take the one with the longest usual run (fewer events).
        var near = new ArrayList<Stretch>();
        var distances = new ArrayList<Double>();
        double nearest = Double.MAX_VALUE;
        for (RouteSegment seg : feed.segmentsOfRoute(routeId)) {
            Stop from = feed.stops().get(seg.fromStopId());
            Stop to = feed.stops().get(seg.toStopId());
            double d = offRoute(lat, lon, from, to);
            if (d <= allowance(from, to, settings)) {
                near.add(new Stretch(from, to, routeId, seg.usualSeconds()));
                distances.add(d);
                nearest = Math.min(nearest, d);
            }
        }
        Stretch best = null;
        for (int i = 0; i < near.size(); i++) {
            if (distances.get(i) <= nearest + SIDE_BY_SIDE_METERS
                    && (best == null || near.get(i).usualSeconds() > best.usualSeconds())) {
                best = near.get(i);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Stops are joined by roads, not straight lines: a long stretch bends further from its chord. */
    private static double allowance(Stop from, Stop to, RealtimeSettings settings) {
        return Math.max(settings.offRouteMeters(), 0.25 * GeoMath.distanceMeters(from.lat(), from.lon(), to.lat(), to.lon()));
    }

    /** Metres from the point to the straight line between two stops (a local flat projection: fine within a city). */
    static double offRoute(double lat, double lon, Stop a, Stop b) {
        double kx = Math.toRadians(GeoMath.EARTH_RADIUS_METERS) * Math.cos(Math.toRadians(lat));
        double ky = Math.toRadians(GeoMath.EARTH_RADIUS_METERS);
        double ax = (a.lon() - lon) * kx;
        double ay = (a.lat() - lat) * ky;
        double dx = (b.lon() - lon) * kx - ax;
        double dy = (b.lat() - lat) * ky - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        return Math.hypot(ax + t * dx, ay + t * dy);
    }
}
