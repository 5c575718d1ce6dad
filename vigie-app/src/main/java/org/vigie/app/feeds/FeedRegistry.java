package org.vigie.app.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.geo.City;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.cap.CapFormat;
import org.vigie.feeds.gtfs.GtfsRealtimeFormat;

/** The feed formats this process reads, built from its configuration: one place that knows them all. */
public final class FeedRegistry {
    private FeedRegistry() {
    }

    public static List<FeedFormat> formats(VigieConfig config, City city) {
        var formats = new ArrayList<FeedFormat>();
        formats.add(new CapFormat(city));
        Optional.ofNullable(config.gtfs()).ifPresent(g -> formats.add(GtfsRealtimeFormat.read(g.staticFeed(), g.fetchTimeout(), g.realtime())));
        return List.copyOf(formats);
    }
}
