package org.vigie.core.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vigie.core.Fixtures;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Location;

class VulnerablePlacesTest {
    /** What {@link VulnerablePlaces#near} must answer, from a scan of every place. */
    static Optional<VulnerablePlaces.Nearby> scan(List<VulnerablePlace> places, Location at) {
        return places.stream()
                .map(p -> new VulnerablePlaces.Nearby(p, GeoMath.distanceMeters(at.lat(), at.lon(), p.lat(), p.lon())))
                .filter(n -> n.distanceMeters() <= n.place().radiusMeters())
                .min(Comparator.comparingDouble((VulnerablePlaces.Nearby n) -> -n.place().weight())
                        .thenComparingDouble(VulnerablePlaces.Nearby::distanceMeters)
                        .thenComparing(n -> n.place().name()).thenComparing(n -> n.place().kind()));
    }

    @Test
    void theIndexFindsWhatAScanFinds() {
        // 10,000 random places and queries around the Vieux-Port and elsewhere, radii up to the maximum.
        var random = new SplittableRandom(0x5EED_0000_0007_0000L);
        for (int trial = 0; trial < 200; trial++) {
            double lat = random.nextInt(4) == 0 ? random.nextDouble(-80, 80) : Fixtures.LAT;
            double lon = random.nextInt(4) == 0 ? random.nextDouble(-179, 179) : Fixtures.LON;
            var places = new ArrayList<VulnerablePlace>();
            for (int i = 0; i < 50; i++) {
                double[] p = Fixtures.offset(lat, lon, random.nextDouble(0, 3000), random.nextDouble(0, 360));
                double radius = random.nextInt(10) == 0 ? VulnerablePlace.MAX_RADIUS_METERS : random.nextDouble(1, 1000);
                double weight = 1 + random.nextInt(5) * 0.25;
                places.add(new VulnerablePlace("p" + i, i % 2 == 0 ? "school" : "transit_station", p[0], p[1], weight, radius));
            }
            var index = new VulnerablePlaces(places);
            for (int q = 0; q < 50; q++) {
                double[] p = Fixtures.offset(lat, lon, random.nextDouble(0, 3500), random.nextDouble(0, 360));
                Location at = Location.of(p[0], p[1], 10);
                assertThat(index.near(at)).as("trial %d query %d", trial, q).isEqualTo(scan(places, at));
            }
        }
    }

    @Test
    void theHeaviestPlaceWinsThenTheNearest() {
        double[] school = Fixtures.offset(Fixtures.LAT, Fixtures.LON, 120, 0);
        double[] station = Fixtures.offset(Fixtures.LAT, Fixtures.LON, 50, 90);
        var places = new VulnerablePlaces(List.of(
                VulnerablePlace.of("École du Panier", "school", school[0], school[1]),
                VulnerablePlace.of("Vieux-Port", VulnerablePlace.TRANSIT_STATION, station[0], station[1])));
        var nearby = places.near(Location.of(Fixtures.LAT, Fixtures.LON, 5)).orElseThrow();
        assertThat(nearby.place().name()).isEqualTo("École du Panier");
        assertThat(nearby.distanceMeters()).isCloseTo(120, org.assertj.core.api.Assertions.within(0.5));
        assertThat(places.near(Location.of(43.35, 5.40, 5))).isEmpty();
    }

    @Test
    void placesAreValidated() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VulnerablePlace("x", "School", 43, 5, 1.5, 100))
                .withMessageContaining("kind");
        assertThatIllegalArgumentException().isThrownBy(() -> new VulnerablePlace("x", "school", 43, 5, 0.5, 100))
                .withMessageContaining("weight");
        assertThatIllegalArgumentException().isThrownBy(() -> new VulnerablePlace("x", "school", 43, 5, 1.5, 2000))
                .withMessageContaining("radius");
        assertThatIllegalArgumentException().isThrownBy(() -> new VulnerablePlace("x", "school", 95, 5, 1.5, 100))
                .withMessageContaining("lat");
        assertThatIllegalArgumentException().isThrownBy(() -> new VulnerablePlace(" ", "school", 43, 5, 1.5, 100));
    }
}
