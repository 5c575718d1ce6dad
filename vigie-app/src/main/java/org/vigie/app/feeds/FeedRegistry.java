package org.vigie.app.feeds;

import java.util.ArrayList;
import java.util.List;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.geo.City;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.open311.Open311Format;

/** The feed formats this process reads, built from its configuration: one place that knows them all. */
public final class FeedRegistry {
    private FeedRegistry() {
    }

    public static List<FeedFormat> formats(VigieConfig config, City city) {
        var formats = new ArrayList<FeedFormat>();
        formats.add(new Open311Format());
        return List.copyOf(formats);
    }
}
