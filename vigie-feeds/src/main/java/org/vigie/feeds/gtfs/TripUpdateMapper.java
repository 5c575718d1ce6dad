package org.vigie.feeds.gtfs;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeEvent;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeUpdate;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalInt;
import org.vigie.core.model.Severity;
import org.vigie.core.model.Attributes;

/**
 * Trip updates: a trip at least {@link RealtimeSettings#delayThreshold()} late gives one event at the station
 * where it is latest, once per trip and service day. Off when the threshold is zero. Cancelled and skipped calls
 * give nothing: a cancellation is the operator's decision, and alerts say when it matters to the public.
 */
final class TripUpdateMapper {
    private static final double STATION_ACCURACY_METERS = 50;

    private TripUpdateMapper() {
    }

    static void map(int index, FeedEntity entity, Poll poll, FirstSightings sightings) {
        long threshold = poll.settings.delayThreshold().toSeconds();
        if (threshold == 0) {
            return;
        }
        TripUpdate update = entity.getTripUpdate();
        TripDescriptor trip = update.getTrip();
        if (trip.getScheduleRelationship() == TripDescriptor.ScheduleRelationship.CANCELED) {
            return;
        }
        GtfsFeed feed = poll.feed;
        Optional<TripSchedule> schedule = feed.findSchedule(trip.hasTripId() ? trip.getTripId() : null);
        Optional<ZonedDateTime> serviceDay = serviceDay(trip, feed);
        long worst = update.hasDelay() ? update.getDelay() : Long.MIN_VALUE;
        String worstStop = null;
        for (StopTimeUpdate stu : update.getStopTimeUpdateList()) {
            if (stu.getScheduleRelationship() == StopTimeUpdate.ScheduleRelationship.SKIPPED
                    || stu.getScheduleRelationship() == StopTimeUpdate.ScheduleRelationship.NO_DATA) {
                continue;
            }
            String stop = stopOf(stu, schedule);
            Integer call = schedule.map(s -> callOf(stu, s)).orElse(null);
            for (int side = 0; side < 2; side++) {
                StopTimeEvent e = side == 0 ? stu.getArrival() : stu.getDeparture();
                boolean has = side == 0 ? stu.hasArrival() : stu.hasDeparture();
                if (!has) {
                    continue;
                }
                Long delay = null;
                if (e.hasDelay()) {
                    delay = (long) e.getDelay();
                } else if (e.hasTime() && call != null && serviceDay.isPresent()) {
                    TripSchedule s = schedule.get();
                    int planned = side == 0 ? s.arrival(call) : s.departure(call);
                    Optional<Instant> actual = RealtimeDecoder.time(e.getTime());
                    if (planned >= 0 && actual.isPresent()) {
                        delay = actual.get().getEpochSecond() - serviceDay.get().plusSeconds(planned).toEpochSecond();
                    }
                }
                if (delay != null && delay > worst) {
                    worst = delay;
                    worstStop = stop;
                }
            }
        }
        if (worst < threshold) {
            return;
        }
        if (!trip.hasTripId()) {
            poll.reject(index, entity, "a trip " + worst / 60 + " min late, but without trip_id: it cannot be told"
                    + " apart from other trips across polls");
            return;
        }
        if (worstStop == null && schedule.isPresent()) {
            // Only a trip-wide delay: place it where the next update points, else at the trip's first stop.
            worstStop = update.getStopTimeUpdateCount() > 0 ? stopOf(update.getStopTimeUpdate(0), schedule)
                    : schedule.get().stopId(0);
        }
        Optional<Station> station = feed.stations().findByStop(worstStop);
        if (station.isEmpty()) {
            poll.reject(index, entity, "trip '" + trip.getTripId() + "' is " + worst / 60 + " min late, but "
                    + (worstStop == null ? "neither the update nor the static GTFS says where"
                    : "its stop_id '" + worstStop + "' is not in the static GTFS") + ", so it cannot be placed");
            return;
        }
        Station st = station.get();
        String key = "delay|" + trip.getTripId() + "|" + trip.getStartDate() + "|" + trip.getStartTime();
        Instant occurred = sightings.first(poll.context.sourceId(), key, poll.feedTime);
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("kind", "trip_delay");
        attributes.put("trip_id", AlertMapper.clip(trip.getTripId()));
        String routeId = feed.findTrip(trip.getTripId()).map(Trip::routeId).orElse(trip.getRouteId());
        feed.findRoute(routeId).ifPresent(r -> attributes.put("line", AlertMapper.clip(r.label())));
        attributes.put("delay_seconds", worst);
        attributes.put("station", AlertMapper.clip(st.label()));
        attributes.put("station_id", AlertMapper.clip(st.id()));
        long delay = worst;
        poll.emit(index, entity, () -> poll.event(key, occurred)
                .location(st.lat(), st.lon(), Math.max(STATION_ACCURACY_METERS, st.radiusMeters()))
                .severity(delay >= 2 * threshold ? Severity.MODERATE : Severity.MINOR).confidence(0.8)
                .attributes(Attributes.of(attributes)).build());
    }

    private static Integer callOf(StopTimeUpdate stu, TripSchedule s) {
        OptionalInt i = stu.hasStopSequence() ? s.indexOfSequence(stu.getStopSequence())
                : stu.hasStopId() ? s.indexOfStop(stu.getStopId()) : OptionalInt.empty();
        return i.isPresent() ? i.getAsInt() : null;
    }

    private static String stopOf(StopTimeUpdate stu, Optional<TripSchedule> schedule) {
        if (stu.hasStopId()) {
            return stu.getStopId();
        }
        Integer i = schedule.map(s -> callOf(stu, s)).orElse(null);
        return i == null ? null : schedule.get().stopId(i);
    }

    /** Noon minus 12 h of the trip's service day in the feed's zone: the origin of GTFS times of day. */
    private static Optional<ZonedDateTime> serviceDay(TripDescriptor trip, GtfsFeed feed) {
        Optional<ZoneId> zone = feed.timezone();
        if (!trip.hasStartDate() || zone.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(trip.getStartDate(), DateTimeFormatter.BASIC_ISO_DATE);
            return Optional.of(ZonedDateTime.of(day, LocalTime.NOON, zone.get()).minusHours(12));
        } catch (DateTimeException e) {
            return Optional.empty(); // the checks report the malformed start_date
        }
    }
}
