package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.GeoMath;

class TransitStationsTest {
    private final TransitStations rtm = TransitData.rtm().stations();

    @Test
    void marseillesMetroHas29StationsFromItsPlatforms() {
        assertThat(rtm.size()).isEqualTo(29); // 18 on M1, 13 on M2, Saint-Charles and Castellane on both
        Station castellane = rtm.all().stream().filter(s -> s.name().equals("Castellane")).findFirst().orElseThrow();
        assertThat(castellane.label()).isEqualTo("Castellane (metro M1, M2)");
        assertThat(castellane.stopIds()).hasSize(4);
        assertThat(castellane.radiusMeters()).isBetween(30.0, 100.0);
        assertThat(rtm.findByStop(TransitData.NOAILLES_M2).orElseThrow().label()).isEqualTo("Noailles (metro M2)");
        assertThat(rtm.findByStop("RTM-00003493").orElseThrow().label()).isEqualTo("La Fourragère (metro M1)");
        assertThat(rtm.findByStop("nope")).isEmpty();
        assertThat(rtm.findByStop(null)).isEmpty();
    }

    @Test
    void aPlaceIsDescribedByItsNearestStation() {
        Station noailles = rtm.findByStop(TransitData.NOAILLES_M2).orElseThrow();
        double[] p = GeoMath.offset(noailles.lat(), noailles.lon(), 120, 90);
        assertThat(rtm.nearest(p[0], p[1], 500).orElseThrow().describe()).isEqualTo("120 m from Noailles (metro M2)");
        assertThat(rtm.nearest(noailles.lat(), noailles.lon(), 500).orElseThrow().describe())
                .isEqualTo("at Noailles (metro M2)");
        Station fourragere = rtm.findByStop("RTM-00003493").orElseThrow(); // the east end of M1
        double[] east = GeoMath.offset(fourragere.lat(), fourragere.lon(), 1_520, 90);
        assertThat(rtm.nearest(east[0], east[1], 5_000).orElseThrow().describe())
                .isEqualTo("1.5 km from La Fourragère (metro M1)");
        // The sea off the Vieux-Port: nothing within 300 m.
        assertThat(rtm.nearest(43.29, 5.35, 300)).isEmpty();
        // Nearest first, whatever the search radius (the cell index and the scan agree).
        List<StationNearby> wide = rtm.within(noailles.lat(), noailles.lon(), 20_000);
        assertThat(wide).hasSize(29);
        assertThat(rtm.within(noailles.lat(), noailles.lon(), 1_000))
                .isEqualTo(wide.stream().filter(n -> n.meters() <= 1_000).toList());
    }

    @Test
    void stationsOfTheFeedAreKeptAndPlatformsJoinThem() {
        var station = new Stop("ST", "Gare", 43.30, 5.38, Stop.LocationType.STATION, null, 2);
        var p1 = new Stop("P1", "Gare quai 1", 43.3001, 5.3801, Stop.LocationType.STOP, "ST", 3);
        var entrance = new Stop("E", "Gare entrée", 43.3002, 5.3802, Stop.LocationType.ENTRANCE, "ST", 4);
        // Two stops of one name 5 km apart are two places.
        var a = new Stop("A", "Mairie", 43.30, 5.40, Stop.LocationType.STOP, null, 5);
        var b = new Stop("B", "Mairie", 43.345, 5.40, Stop.LocationType.STOP, null, 6);
        var tram = new Route("T1", "", "T1", null, TransitMode.TRAM);
        var s = TransitStations.of(List.of(station, p1, entrance, a, b), Map.of("P1", List.of(tram)));
        assertThat(s.all()).extracting(Station::id).containsExactly("A", "B", "ST");
        Station gare = s.findByStop("P1").orElseThrow();
        assertThat(gare.id()).isEqualTo("ST");
        assertThat(gare.lat()).isEqualTo(43.30);
        assertThat(gare.modes()).isEqualTo(Set.of(TransitMode.TRAM));
        assertThat(gare.label()).isEqualTo("Gare (tram T1)");
        assertThat(s.findByStop("E")).isEmpty();
        assertThat(s.findByStop("A").orElseThrow().label()).isEqualTo("Mairie");
    }
}
