package org.vigie.app.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.geo.City;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.cap.CapFormat;
import org.vigie.feeds.gtfs.GtfsRealtimeFormat;
import org.vigie.feeds.gtfs.Station;
import org.vigie.feeds.open311.Open311Format;
import org.vigie.feeds.social.SocialFormat;
import org.vigie.feeds.telecom.TelecomFormat;
import org.vigie.feeds.tabular.TabularFormat;
import org.vigie.feeds.tabular.TabularMapping;
import org.vigie.feeds.tabular.TabularMappings;

/** The feed formats this process reads, built from its configuration: one place that knows them all. */
public final class FeedRegistry {
    private FeedRegistry() {
    }

    public static List<FeedFormat> formats(VigieConfig config, City city) {
        var formats = new ArrayList<FeedFormat>();
        formats.add(new CapFormat(city));
        Optional.ofNullable(config.gtfs()).ifPresent(g -> formats.add(GtfsRealtimeFormat.read(g.staticFeed(), g.fetchTimeout(), g.realtime())));
        formats.addAll(tabular(config, city));
        formats.add(new Open311Format());
        formats.add(SocialFormat.marseille(city.bounds()));
        formats.add(TelecomFormat.forCity(new DistrictZones(city)));
        return List.copyOf(formats);
    }

    /**
     * The shipped tabular mappings and the configured ones ({@code feeds.mappings}), as {@code tabular.NAME}. A
     * configured mapping under a shipped name replaces the shipped one, so a city can adjust it.
     */
    public static List<TabularFormat> tabular(VigieConfig config, City city) {
        var byName = new TreeMap<String, TabularMapping>();
        TabularMappings.SHIPPED.forEach(n -> byName.put(n, TabularMappings.getShipped(n)));
        config.feeds().mappings().forEach((n, path) -> byName.put(n, TabularMappings.load(path).withName(n)));
        BoundingBox bounds = city.bounds();
        return byName.values().stream().map(m -> new TabularFormat(m, bounds)).toList();
    }

    /**
     * The stations of every configured transit network, as places where an incident matters more (priority:
     * "120 m from Noailles (metro M2)"). A station reaches as far as its farthest platform, and at least
     * {@link #STATION_REACH_METERS}.
     */
    public static List<VulnerablePlace> transitStations(List<FeedFormat> formats) {
        var places = new ArrayList<VulnerablePlace>();
        for (FeedFormat f : formats) {
            if (f instanceof GtfsRealtimeFormat gtfs) {
                for (Station s : gtfs.staticFeed().stations().all()) {
                    places.add(new VulnerablePlace(s.label(), VulnerablePlace.TRANSIT_STATION, s.lat(), s.lon(),
                            VulnerablePlace.defaultWeight(VulnerablePlace.TRANSIT_STATION),
                            Math.min(VulnerablePlace.MAX_RADIUS_METERS, Math.max(STATION_REACH_METERS, s.radiusMeters()))));
                }
            }
        }
        return places;
    }

    static final double STATION_REACH_METERS = 150;
}
