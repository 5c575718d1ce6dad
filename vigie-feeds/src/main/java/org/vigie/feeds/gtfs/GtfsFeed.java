package org.vigie.feeds.gtfs;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.vigie.core.geo.GeoMath;

/**
 * A static GTFS feed as Vigie uses it: stops and stations, routes, trips and their schedules, and the issues met
 * while reading it. Immutable and thread-safe once read ({@link GtfsFeedReader}).
 */
public final class GtfsFeed {
    private final String name;
    private final Map<String, Agency> agencies;
    private final Map<String, Stop> stops;
    private final Map<String, Route> routes;
    private final Map<String, Trip> trips;
    private final Map<String, TripSchedule> schedules;
    private final Map<String, ServiceCalendar> calendars;
    private final Map<String, List<ServiceException>> serviceExceptions;
    private final List<GtfsIssue> issues;
    private final long issueCount;
    private final Map<String, List<String>> stopsOfRoute;
    private final Map<String, List<RouteSegment>> segmentsOfRoute;
    private final Map<String, Integer> usualRun;
    private final Map<String, List<Route>> routesOfStop;
    private final TransitStations stations;
    private final double minLat;
    private final double maxLat;
    private final double minLon;
    private final double maxLon;

    private GtfsFeed(Builder b, Map<String, TripSchedule> schedules) {
        this.name = b.name;
        this.agencies = Collections.unmodifiableMap(b.agencies);
        this.stops = Collections.unmodifiableMap(b.stops);
        this.routes = Collections.unmodifiableMap(b.routes);
        this.trips = Collections.unmodifiableMap(b.trips);
        this.schedules = Collections.unmodifiableMap(schedules);
        this.calendars = Collections.unmodifiableMap(b.calendars);
        var exceptions = new HashMap<String, List<ServiceException>>();
        b.serviceExceptions.forEach((k, v) -> exceptions.put(k, List.copyOf(v)));
        this.serviceExceptions = Collections.unmodifiableMap(exceptions);

        var routeStops = new HashMap<String, LinkedHashSet<String>>();
        var routeSegments = new HashMap<String, LinkedHashSet<String>>();
        var runs = new HashMap<String, IntBag>();
        var stopRoutes = new HashMap<String, LinkedHashSet<Route>>();
        var sortedTrips = new ArrayList<>(schedules.keySet());
        Collections.sort(sortedTrips);
        for (String tripId : sortedTrips) {
            TripSchedule s = schedules.get(tripId);
            Route route = routes.get(trips.get(tripId).routeId());
            var rs = routeStops.computeIfAbsent(route.id(), k -> new LinkedHashSet<>());
            var segs = routeSegments.computeIfAbsent(route.id(), k -> new LinkedHashSet<>());
            for (int i = 0; i < s.size(); i++) {
                rs.add(s.stopId(i));
                stopRoutes.computeIfAbsent(s.stopId(i), k -> new LinkedHashSet<>()).add(route);
                if (i > 0 && !s.stopId(i - 1).equals(s.stopId(i))) {
                    String pair = pair(s.stopId(i - 1), s.stopId(i));
                    segs.add(pair);
                    IntBag bag = runs.computeIfAbsent(pair, k -> new IntBag());
                    s.runSeconds(i).ifPresent(bag::add);
                }
            }
        }
        var usual = new HashMap<String, Integer>();
        runs.forEach((pair, bag) -> usual.put(pair, bag.median()));
        this.usualRun = Collections.unmodifiableMap(usual);
        var ofRoute = new HashMap<String, List<String>>();
        routeStops.forEach((r, s) -> ofRoute.put(r, List.copyOf(s)));
        this.stopsOfRoute = Collections.unmodifiableMap(ofRoute);
        var segments = new HashMap<String, List<RouteSegment>>();
        routeSegments.forEach((r, pairs) -> segments.put(r, pairs.stream().map(p -> {
            int cut = p.indexOf('\n');
            return new RouteSegment(r, p.substring(0, cut), p.substring(cut + 1), usual.getOrDefault(p, -1));
        }).toList()));
        this.segmentsOfRoute = Collections.unmodifiableMap(segments);
        var ofStop = new HashMap<String, List<Route>>();
        stopRoutes.forEach((s, r) -> ofStop.put(s, List.copyOf(r)));
        this.routesOfStop = Collections.unmodifiableMap(ofStop);
        this.stations = TransitStations.of(stops.values(), routesOfStop);
        this.issues = b.issues.kept();
        this.issueCount = b.issues.total();
        double[] box = {90, -90, 180, -180};
        for (Stop s : stops.values()) {
            box[0] = Math.min(box[0], s.lat());
            box[1] = Math.max(box[1], s.lat());
            box[2] = Math.min(box[2], s.lon());
            box[3] = Math.max(box[3], s.lon());
        }
        minLat = box[0];
        maxLat = box[1];
        minLon = box[2];
        maxLon = box[3];
    }

    private static String pair(String from, String to) {
        return from + '\n' + to;
    }

    /** The zip, folder or URL it was read from. */
    public String name() {
        return name;
    }

    public Collection<Agency> agencies() {
        return agencies.values();
    }

    /** The zone of the feed's times of day: that of its agencies (the reference requires them to agree). */
    public Optional<ZoneId> timezone() {
        return agencies.values().stream().map(Agency::timezone).findFirst();
    }

    public Map<String, Stop> stops() {
        return stops;
    }

    public Map<String, Route> routes() {
        return routes;
    }

    public Map<String, Trip> trips() {
        return trips;
    }

    public Map<String, ServiceCalendar> calendars() {
        return calendars;
    }

    public Optional<Stop> findStop(String id) {
        return Optional.ofNullable(id == null ? null : stops.get(id));
    }

    public Optional<Route> findRoute(String id) {
        return Optional.ofNullable(id == null ? null : routes.get(id));
    }

    public Optional<Trip> findTrip(String id) {
        return Optional.ofNullable(id == null ? null : trips.get(id));
    }

    public Optional<TripSchedule> findSchedule(String tripId) {
        return Optional.ofNullable(tripId == null ? null : schedules.get(tripId));
    }

    /** Whether a service runs on a day, from calendar.txt and the exceptions of calendar_dates.txt. */
    public boolean runsOn(String serviceId, LocalDate date) {
        for (ServiceException e : serviceExceptions.getOrDefault(serviceId, List.of())) {
            if (e.date().equals(date)) {
                return e.added();
            }
        }
        ServiceCalendar c = calendars.get(serviceId);
        return c != null && c.runsOn(date);
    }

    /** The stops the route's trips call at, in the order of their trips (sorted by trip_id), each once. */
    public List<String> stopsOfRoute(String routeId) {
        return stopsOfRoute.getOrDefault(routeId, List.of());
    }

    /** The pairs of consecutive calls of the route's trips, each once, with their usual run time. */
    public List<RouteSegment> segmentsOfRoute(String routeId) {
        return segmentsOfRoute.getOrDefault(routeId, List.of());
    }

    /** The routes whose trips call at the stop. */
    public List<Route> routesOfStop(String stopId) {
        return routesOfStop.getOrDefault(stopId, List.of());
    }

    /** The median scheduled time from leaving one stop to reaching the next, over every trip that runs it. */
    public OptionalInt usualRunSeconds(String fromStopId, String toStopId) {
        Integer v = usualRun.get(pair(fromStopId, toStopId));
        return v == null || v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
    }

    public TransitStations stations() {
        return stations;
    }

    /** The first {@value GtfsIssues#MAX_KEPT} issues met while reading. */
    public List<GtfsIssue> issues() {
        return issues;
    }

    /** How many issues there were in all, kept or not. */
    public long issueCount() {
        return issueCount;
    }

    /** Whether a point lies within {@code marginMeters} of the box around the feed's stops. */
    public boolean covers(double lat, double lon, double marginMeters) {
        if (stops.isEmpty()) {
            return false;
        }
        double cLat = Math.max(minLat, Math.min(maxLat, lat));
        double cLon = Math.max(minLon, Math.min(maxLon, lon));
        return GeoMath.distanceMeters(lat, lon, cLat, cLon) <= marginMeters;
    }

    /** Growable ints: run times of millions of stop pairs would otherwise be millions of boxed Integers. */
    private static final class IntBag {
        private int[] values = new int[2];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int median() {
            if (size == 0) {
                return -1;
            }
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[size / 2];
        }
    }

    /** Collects entities while the files are read, then checks and packs them. */
    static final class Builder {
        private final String name;
        private final GtfsIssues issues;
        private final Map<String, Agency> agencies = new LinkedHashMap<>();
        private final Map<String, Stop> stops = new LinkedHashMap<>();
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private final Map<String, Trip> trips = new LinkedHashMap<>();
        private final Map<String, ServiceCalendar> calendars = new LinkedHashMap<>();
        private final Map<String, List<ServiceException>> serviceExceptions = new HashMap<>();
        private final Map<String, List<StopTime>> stopTimes = new HashMap<>();
        private boolean hasCalendarFiles;

        Builder(String name, GtfsIssues issues) {
            this.name = name;
            this.issues = issues;
        }

        GtfsIssues issues() {
            return issues;
        }

        Route route(String id) {
            return routes.get(id);
        }

        Trip trip(String id) {
            return trips.get(id);
        }

        Stop stop(String id) {
            return stops.get(id);
        }

        int stopCount() {
            return stops.size();
        }

        int agencyCount() {
            return agencies.size();
        }

        boolean hasAgency(String id) {
            return agencies.containsKey(id);
        }

        /** Whether the service is in calendar.txt or calendar_dates.txt; true when the feed has neither file. */
        boolean knowsService(String serviceId) {
            return !hasCalendarFiles || calendars.containsKey(serviceId) || serviceExceptions.containsKey(serviceId);
        }

        void calendarFilesPresent() {
            hasCalendarFiles = true;
        }

        /** The stop's id as held by the stop itself, so that millions of stop times share a few thousand strings. */
        String intern(String stopId) {
            Stop s = stopId == null ? null : stops.get(stopId);
            return s == null ? stopId : s.id();
        }

        void add(GtfsRow row, Agency a) {
            if (agencies.putIfAbsent(a.id(), a) != null) {
                issues.skipped(row, "agency_id '" + a.id() + "' appears again (row left out)");
            }
        }

        void add(GtfsRow row, Stop s) {
            Stop before = stops.putIfAbsent(s.id(), s);
            if (before != null) {
                issues.skipped(row, "stop_id '" + s.id() + "' was already given on line " + before.line() + " (row left out)");
            }
        }

        void add(GtfsRow row, Route r) {
            if (routes.putIfAbsent(r.id(), r) != null) {
                issues.skipped(row, "route_id '" + r.id() + "' appears again (row left out)");
            }
        }

        void add(GtfsRow row, Trip t) {
            Trip before = trips.putIfAbsent(t.id(), t);
            if (before != null) {
                issues.skipped(row, "trip_id '" + t.id() + "' was already given on line " + before.line() + " (row left out)");
            }
        }

        void add(GtfsRow row, ServiceCalendar c) {
            if (calendars.putIfAbsent(c.serviceId(), c) != null) {
                issues.skipped(row, "service_id '" + c.serviceId() + "' appears again (row left out)");
            }
        }

        void add(ServiceException e) {
            serviceExceptions.computeIfAbsent(e.serviceId(), k -> new ArrayList<>()).add(e);
        }

        void add(StopTime st) {
            stopTimes.computeIfAbsent(st.tripId(), k -> new ArrayList<>()).add(st);
        }

        GtfsFeed build() {
            checkStations();
            var schedules = new HashMap<String, TripSchedule>();
            for (Trip t : trips.values()) {
                List<StopTime> calls = stopTimes.remove(t.id());
                if (calls == null) {
                    issues.add(new GtfsIssue("trips.txt", t.line(), "trip '" + t.id() + "' has no stop_times (it is"
                            + " kept, but nothing can be said about where it runs)", "", false));
                    continue;
                }
                schedules.put(t.id(), new TripSchedule(t.id(), checked(t, calls)));
            }
            return new GtfsFeed(this, schedules);
        }

        private void checkStations() {
            for (Stop s : List.copyOf(stops.values())) {
                if (s.parentStation() == null) {
                    continue;
                }
                Stop parent = stops.get(s.parentStation());
                String problem = parent == null ? "is not in stops.txt"
                        : parent.type() != Stop.LocationType.STATION && s.type() != Stop.LocationType.BOARDING_AREA
                        ? "is not a station (location_type 1)" : null;
                if (problem != null) {
                    issues.add(new GtfsIssue("stops.txt", s.line(), "parent_station '" + s.parentStation() + "' of stop '"
                            + s.id() + "' " + problem + " (the stop is kept as a place of its own)", "", false));
                    stops.put(s.id(), new Stop(s.id(), s.name(), s.lat(), s.lon(), s.type(), null, s.line()));
                }
            }
        }

        /** Sorted by stop_sequence; repeated sequences left out, times that go back in time ignored. */
        private List<StopTime> checked(Trip trip, List<StopTime> calls) {
            calls.sort(Comparator.comparingInt(StopTime::sequence));
            var out = new ArrayList<StopTime>(calls.size());
            int latest = -1;
            String latestWhere = null;
            for (StopTime st : calls) {
                if (!out.isEmpty() && out.get(out.size() - 1).sequence() == st.sequence()) {
                    issues.add(new GtfsIssue("stop_times.txt", st.line(), "trip '" + trip.id() + "' has stop_sequence "
                            + st.sequence() + " twice (this row left out)", "", true));
                    continue;
                }
                if (st.arrival() >= 0 && st.arrival() < latest) {
                    issues.add(new GtfsIssue("stop_times.txt", st.line(), "trip '" + trip.id() + "' reaches stop_sequence "
                            + st.sequence() + " at " + clock(st.arrival()) + ", before " + latestWhere
                            + " (the times of this call are ignored)", "", false));
                    st = new StopTime(st.tripId(), st.sequence(), st.stopId(), -1, -1, st.line());
                }
                if (st.departure() >= 0) {
                    latest = st.departure();
                    latestWhere = "it leaves stop_sequence " + st.sequence() + " at " + clock(st.departure());
                }
                out.add(st);
            }
            if (out.size() < 2) {
                issues.add(new GtfsIssue("trips.txt", trip.line(), "trip '" + trip.id() + "' calls at " + out.size()
                        + " stop; a trip calls at two at least (kept)", "", false));
            }
            return out;
        }

        private static String clock(int seconds) {
            return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
    }
}
