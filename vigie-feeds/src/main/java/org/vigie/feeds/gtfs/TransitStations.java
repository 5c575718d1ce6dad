package org.vigie.feeds.gtfs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.GeoMath;

/**
 * The stations of a feed with their names, places and lines, to say "120 m from Noailles metro" or to put a
 * disruption where riders wait. Immutable and thread-safe.
 *
 * <p>Stations come from {@code location_type=1} stops and their platforms. Many feeds (RTM's among them) publish
 * one stop per platform and direction with no parent station; such stops that share a name and lie within
 * {@link #GATHER_METERS} of each other are gathered into one station.
 */
public final class TransitStations {
    /** Platforms of one station are tens of metres apart; two stations of one name, in a city, far more. */
    static final double GATHER_METERS = 300;
    private static final int INDEX_RESOLUTION = 8;

    private final List<Station> stations;
    private final Map<String, Station> byStop;
    private final Map<Long, List<Station>> byCell;

    private TransitStations(List<Station> stations) {
        this.stations = List.copyOf(stations);
        var stops = new HashMap<String, Station>();
        var cells = new HashMap<Long, List<Station>>();
        for (Station s : stations) {
            s.stopIds().forEach(id -> stops.put(id, s));
            cells.computeIfAbsent(Cells.cell(s.lat(), s.lon(), INDEX_RESOLUTION), c -> new ArrayList<>()).add(s);
        }
        this.byStop = Map.copyOf(stops);
        this.byCell = Map.copyOf(cells);
    }

    /**
     * @param stops        every stop of the feed
     * @param routesOfStop the routes calling at each stop
     */
    static TransitStations of(Collection<Stop> stops, Map<String, List<Route>> routesOfStop) {
        var byId = new HashMap<String, Stop>();
        stops.forEach(s -> byId.put(s.id(), s));
        var groups = new LinkedHashMap<String, List<Stop>>(); // station id → its stop and its platforms
        var loose = new ArrayList<Stop>();
        var sorted = new ArrayList<>(stops);
        sorted.sort(Comparator.comparing(Stop::id));
        for (Stop s : sorted) {
            if (s.type() == Stop.LocationType.STATION) {
                groups.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(0, s);
            } else if (s.type() == Stop.LocationType.STOP) {
                Stop parent = s.parentStation() == null ? null : byId.get(s.parentStation());
                if (parent != null && parent.type() == Stop.LocationType.STATION) {
                    groups.computeIfAbsent(parent.id(), k -> new ArrayList<>()).add(s);
                } else {
                    loose.add(s);
                }
            }
            // Entrances, pathway nodes and boarding areas are parts of a station, not places to name.
        }
        var result = new ArrayList<Station>();
        groups.forEach((id, members) -> result.add(station(id, members.get(0), members, routesOfStop)));
        // Loose platforms: gather by name, then by distance, in stop_id order so the result does not depend on
        // the order of the file.
        var byName = new LinkedHashMap<String, List<List<Stop>>>();
        for (Stop s : loose) {
            List<List<Stop>> clusters = byName.computeIfAbsent(normalise(s.name()), k -> new ArrayList<>());
            List<Stop> home = null;
            for (List<Stop> c : clusters) {
                Stop first = c.get(0);
                if (GeoMath.distanceMeters(first.lat(), first.lon(), s.lat(), s.lon()) <= GATHER_METERS) {
                    home = c;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                clusters.add(home);
            }
            home.add(s);
        }
        byName.values().forEach(clusters -> clusters.forEach(c -> result.add(station(c.get(0).id(), null, c, routesOfStop))));
        result.sort(Comparator.comparing(Station::id));
        return new TransitStations(result);
    }

    private static Station station(String id, Stop named, List<Stop> members,
                                   Map<String, List<Route>> routesOfStop) {
        double lat;
        double lon;
        if (named != null) {
            lat = named.lat();
            lon = named.lon();
        } else {
            lat = members.stream().mapToDouble(Stop::lat).average().orElseThrow();
            lon = members.stream().mapToDouble(Stop::lon).average().orElseThrow();
        }
        double radius = 0;
        var lines = new TreeSet<String>();
        Set<TransitMode> modes = EnumSet.noneOf(TransitMode.class);
        var ids = new ArrayList<String>();
        for (Stop m : members) {
            ids.add(m.id());
            radius = Math.max(radius, GeoMath.distanceMeters(lat, lon, m.lat(), m.lon()));
            for (Route r : routesOfStop.getOrDefault(m.id(), List.of())) {
                lines.add(r.label());
                modes.add(r.mode());
            }
        }
        String name = (named != null ? named : members.get(0)).name();
        return new Station(id, name, lat, lon, radius, ids, List.copyOf(lines), modes);
    }

    private static String normalise(String name) {
        return name == null ? "" : name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public List<Station> all() {
        return stations;
    }

    public int size() {
        return stations.size();
    }

    /** The station a stop, platform or station belongs to. */
    public Optional<Station> findByStop(String stopId) {
        return Optional.ofNullable(stopId == null ? null : byStop.get(stopId));
    }

    /** The nearest station within {@code maxMeters}. */
    public Optional<StationNearby> nearest(double lat, double lon, double maxMeters) {
        return within(lat, lon, maxMeters).stream().findFirst();
    }

    /** The stations within {@code meters}, nearest first. */
    public List<StationNearby> within(double lat, double lon, double meters) {
        Collection<Station> candidates = stations;
        int k = (int) Math.ceil(meters / Cells.minEdgeMeters(INDEX_RESOLUTION)) + 1;
        // Wider than a district, a scan is as quick as a disk of that many cells.
        if (k <= 8 && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
            var near = new ArrayList<Station>();
            for (long cell : Cells.disk(Cells.cell(lat, lon, INDEX_RESOLUTION), k)) {
                near.addAll(byCell.getOrDefault(cell, List.of()));
            }
            candidates = near;
        }
        var found = new ArrayList<StationNearby>();
        for (Station s : candidates) {
            double d = GeoMath.distanceMeters(lat, lon, s.lat(), s.lon());
            if (d <= meters) {
                found.add(new StationNearby(s, d));
            }
        }
        found.sort(Comparator.comparingDouble(StationNearby::meters).thenComparing(n -> n.station().id()));
        return found;
    }
}
