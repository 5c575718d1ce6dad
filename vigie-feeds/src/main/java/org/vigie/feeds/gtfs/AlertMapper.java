package org.vigie.feeds.gtfs;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TimeRange;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;

/**
 * Service alerts: one {@code transit_disruption} event per station an active alert names (through its stops,
 * trips or routes), or one event over the whole area when it names more than
 * {@link RealtimeSettings#maxStationsPerAlert()} stations or the whole network.
 *
 * <p>Alerts carry no version: the event id is made of the alert's id and a digest of its content, so polling the
 * same alert again gives the same events and an edited alert gives new ones. An alert that is not active at the
 * document's time gives no event yet; it will when a later poll finds it active.
 */
final class AlertMapper {
    /** An event placed on a station is as precise as the station is large, but never finer than this. */
    private static final double STATION_ACCURACY_METERS = 50;

    private AlertMapper() {
    }

    static void map(int index, FeedEntity entity, Poll poll, FirstSightings sightings) {
        Alert alert = entity.getAlert();
        Optional<TimeRange> period;
        try {
            period = activePeriod(alert, poll.feedTime);
        } catch (IllegalArgumentException e) {
            poll.reject(index, entity, e.getMessage());
            return;
        }
        if (period.isEmpty()) {
            return; // not active now: planned for later, or over
        }
        var targets = new Targets(poll.feed);
        for (EntitySelector sel : alert.getInformedEntityList()) {
            targets.add(sel);
        }
        if (alert.getInformedEntityCount() == 0) {
            poll.reject(index, entity, "alert with no informed_entity: it names no stop, route, trip or agency, so it"
                    + " cannot be placed");
            return;
        }
        if (targets.stations.isEmpty() && !targets.networkWide) {
            poll.reject(index, entity, "none of the alert's informed entities is in the static GTFS ("
                    + String.join(", ", targets.unresolved) + "), so it cannot be placed");
            return;
        }
        String version = digest(alert.toByteArray());
        String key = "alert|" + entity.getId() + "|" + version;
        TimeRange p = period.get();
        Instant occurred = p.hasStart() && p.getStart() > 0
                ? RealtimeDecoder.time(p.getStart()).orElseThrow()
                : sightings.first(poll.context.sourceId(), key, poll.feedTime);
        var common = new LinkedHashMap<String, Object>();
        common.put("kind", "service_alert");
        common.put("alert_id", clip(entity.getId()));
        String header = RealtimeText.pick(alert.getHeaderText(), poll.settings.languages());
        if (header != null) {
            common.put("header_text", header);
        }
        if (alert.hasCause()) {
            common.put("cause", alert.getCause().name().toLowerCase(Locale.ROOT));
        }
        if (alert.hasEffect()) {
            common.put("effect", alert.getEffect().name().toLowerCase(Locale.ROOT));
        }
        if (p.hasEnd() && p.getEnd() > 0) {
            RealtimeDecoder.time(p.getEnd()).ifPresent(end -> common.put("active_until", end.toString()));
        }
        if (!targets.routes.isEmpty()) {
            common.put("lines", clip(String.join(", ", targets.routes)));
        }
        if (!targets.unresolved.isEmpty()) {
            common.put("unknown_entities", clip(String.join(", ", targets.unresolved)));
        }
        Severity severity = severity(alert);
        List<Station> stations = new ArrayList<>(targets.stations.values());
        if (targets.networkWide || targets.wholeMode || stations.size() > poll.settings.maxStationsPerAlert()) {
            List<Station> area = targets.networkWide ? poll.feed.stations().all() : stations;
            if (area.isEmpty()) {
                poll.reject(index, entity, "the alert concerns the whole network, but the static GTFS has no station");
                return;
            }
            common.put("stations", (long) area.size());
            poll.emit(index, entity, () -> poll.event(key + "|area", occurred).location(around(area))
                    .severity(severity).confidence(0.9).attributes(Attributes.of(common)).build());
            return;
        }
        for (Station s : stations) {
            var attributes = new LinkedHashMap<>(common);
            attributes.put("station", clip(s.label()));
            attributes.put("station_id", clip(s.id()));
            poll.emit(index, entity, () -> poll.event(key + "|station|" + s.id(), occurred)
                    .location(s.lat(), s.lon(), Math.max(STATION_ACCURACY_METERS, s.radiusMeters()))
                    .severity(severity).confidence(0.9).attributes(Attributes.of(attributes)).build());
        }
    }

    /**
     * The period in force at {@code now}: none given means always; empty when none is in force.
     *
     * @throws IllegalArgumentException when a bound is not a time
     */
    private static Optional<TimeRange> activePeriod(Alert alert, Instant now) {
        if (alert.getActivePeriodCount() == 0) {
            return Optional.of(TimeRange.getDefaultInstance());
        }
        for (TimeRange r : alert.getActivePeriodList()) {
            Instant start = bound(r.hasStart(), r.getStart(), "start");
            Instant end = bound(r.hasEnd(), r.getEnd(), "end");
            if ((start == null || !start.isAfter(now)) && (end == null || end.isAfter(now))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static Instant bound(boolean has, long seconds, String which) {
        if (!has || seconds == 0) {
            return null;
        }
        return RealtimeDecoder.time(seconds).orElseThrow(() -> new IllegalArgumentException("active_period." + which
                + " " + Long.toUnsignedString(seconds) + " is not a POSIX time"));
    }

    private static Severity severity(Alert alert) {
        if (alert.hasSeverityLevel()) {
            switch (alert.getSeverityLevel()) {
                case INFO:
                    return Severity.MINOR;
                case WARNING:
                    return Severity.MODERATE;
                case SEVERE:
                    return Severity.SEVERE;
                default:
                    break;
            }
        }
        // No service at all is worth more attention than a detour or a delay.
        return alert.hasEffect() && alert.getEffect() == Alert.Effect.NO_SERVICE ? Severity.MODERATE : Severity.MINOR;
    }

    /** A point and radius over stations: their centre, and the distance to the farthest. */
    private static Location around(List<Station> stations) {
        double lat = stations.stream().mapToDouble(Station::lat).average().orElseThrow();
        double lon = stations.stream().mapToDouble(Station::lon).average().orElseThrow();
        double radius = STATION_ACCURACY_METERS;
        for (Station s : stations) {
            radius = Math.max(radius, GeoMath.distanceMeters(lat, lon, s.lat(), s.lon()) + s.radiusMeters());
        }
        return Location.of(lat, lon, Math.min(radius, Location.MAX_ACCURACY_METERS));
    }

    static String clip(String s) {
        return s.length() <= RealtimeText.MAX_TEXT ? s : s.substring(0, RealtimeText.MAX_TEXT - 1) + "…";
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The stations an alert's informed entities lead to, and the entities that lead nowhere. */
    private static final class Targets {
        private final GtfsFeed feed;
        final Map<String, Station> stations = new LinkedHashMap<>();
        final TreeSet<String> routes = new TreeSet<>();
        final List<String> unresolved = new ArrayList<>();
        boolean networkWide;
        /** Every station of a mode ("all metro lines"): one area, however few stations that is. */
        boolean wholeMode;

        Targets(GtfsFeed feed) {
            this.feed = feed;
        }

        void add(EntitySelector sel) {
            if (sel.hasStopId()) {
                feed.stations().findByStop(sel.getStopId()).ifPresentOrElse(s -> stations.put(s.id(), s),
                        () -> unresolved.add("stop_id '" + sel.getStopId() + "'"));
                if (sel.hasRouteId()) {
                    feed.findRoute(sel.getRouteId()).ifPresent(r -> routes.add(r.label()));
                }
            } else if (sel.hasTrip() && sel.getTrip().hasTripId()) {
                String tripId = sel.getTrip().getTripId();
                feed.findSchedule(tripId).ifPresentOrElse(s -> {
                    for (int i = 0; i < s.size(); i++) {
                        feed.stations().findByStop(s.stopId(i)).ifPresent(st -> stations.put(st.id(), st));
                    }
                    feed.findRoute(feed.trips().get(tripId).routeId()).ifPresent(r -> routes.add(r.label()));
                }, () -> unresolved.add("trip_id '" + tripId + "'"));
            } else if (sel.hasRouteId() || (sel.hasTrip() && sel.getTrip().hasRouteId())) {
                String routeId = sel.hasRouteId() ? sel.getRouteId() : sel.getTrip().getRouteId();
                feed.findRoute(routeId).ifPresentOrElse(r -> {
                    routes.add(r.label());
                    for (String stop : feed.stopsOfRoute(routeId)) {
                        feed.stations().findByStop(stop).ifPresent(st -> stations.put(st.id(), st));
                    }
                }, () -> unresolved.add("route_id '" + routeId + "'"));
            } else if (sel.hasRouteType()) {
                TransitMode mode = TransitMode.of(sel.getRouteType());
                int before = stations.size();
                feed.stations().all().stream().filter(st -> st.modes().contains(mode)).forEach(st -> stations.put(st.id(), st));
                if (stations.size() == before) {
                    unresolved.add("route_type " + sel.getRouteType());
                } else {
                    wholeMode = true;
                }
            } else if (sel.hasAgencyId()) {
                boolean ours = feed.agencies().isEmpty()
                        || feed.agencies().stream().anyMatch(a -> a.id().equals(sel.getAgencyId()) || a.id().isEmpty());
                if (ours) {
                    networkWide = true;
                } else {
                    unresolved.add("agency_id '" + sel.getAgencyId() + "'");
                }
            } else {
                unresolved.add("an informed_entity naming nothing");
            }
        }
    }
}
