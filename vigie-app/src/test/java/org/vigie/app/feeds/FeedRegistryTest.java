package org.vigie.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.geo.Marseille;
import org.vigie.core.priority.VulnerablePlace;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.gtfs.GtfsFeedException;
import org.vigie.feeds.gtfs.GtfsRealtimeFormat;

class FeedRegistryTest {
    private static final Path TRANSIT = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/transit")
            .toAbsolutePath().normalize();

    private static VigieConfig config(String yaml) {
        return ConfigLoader.parse("vigie.yaml", yaml, TRANSIT);
    }

    @Test
    void gtfsRealtimeIsOfferedWhenAStaticFeedIsConfigured() {
        assertThat(FeedRegistry.formats(config(""), Marseille.approximateCity())).extracting(FeedFormat::name).doesNotContain("gtfs-rt");
        var formats = FeedRegistry.formats(config("gtfs:\n  static: rtm_metro_gtfs_subset\n"), Marseille.approximateCity());
        assertThat(formats).filteredOn(f -> f.name().equals("gtfs-rt")).singleElement()
                .isInstanceOfSatisfying(GtfsRealtimeFormat.class, f ->
                        assertThat(f.staticFeed().stations().size()).isEqualTo(29));
    }

    @Test
    void theStationsOfTheTransitNetworkBecomePlacesWherePriorityRises() {
        var formats = FeedRegistry.formats(config("gtfs:\n  static: rtm_metro_gtfs_subset\n"), Marseille.approximateCity());
        var places = FeedRegistry.transitStations(formats);
        assertThat(places).hasSize(29).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(VulnerablePlace.TRANSIT_STATION);
            assertThat(p.radiusMeters()).isBetween(FeedRegistry.STATION_REACH_METERS, VulnerablePlace.MAX_RADIUS_METERS);
        });
        assertThat(places).extracting(VulnerablePlace::name).contains("Castellane (metro M1, M2)");
        assertThat(FeedRegistry.transitStations(FeedRegistry.formats(config(""), Marseille.approximateCity()))).isEmpty();
    }

    @Test
    void aStaticFeedThatCannotBeUsedStopsTheStartWithItsReason() {
        VigieConfig bad = config("gtfs:\n  static: gtfs-rt/badgtfs.zip\n");
        assertThatThrownBy(() -> FeedRegistry.formats(bad, Marseille.approximateCity()))
                .isInstanceOf(GtfsFeedException.MissingFiles.class)
                .hasMessageContaining("required files agency.txt, stops.txt, routes.txt, trips.txt, stop_times.txt are missing");
    }
}
