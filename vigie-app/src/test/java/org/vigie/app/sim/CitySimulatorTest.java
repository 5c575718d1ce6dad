package org.vigie.app.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

class CitySimulatorTest {
    /** Midnight in Marseille (CEST), so that simulated hour h is local hour h. */
    private static final Instant MIDNIGHT = Instant.parse("2025-06-13T22:00:00Z");
    private static final long SEED = 20250614L;

    private static City city;
    private static List<Event> day;

    @BeforeAll
    static void simulateOneDay() {
        city = Marseille.approximateCity();
        day = new CitySimulator(city, SEED, MIDNIGHT).advanceTo(at(24), at(24));
    }

    private static Instant at(double hours) {
        return MIDNIGHT.plus(Duration.ofSeconds(Math.round(hours * 3600)));
    }

    /** What must be reproducible: ids and reception times are not. */
    private record Signature(Instant occurredAt, EventType type, double lat, double lon, double accuracy, String source,
            double confidence, Map<String, Object> attributes) {
        static Signature of(Event e) {
            return new Signature(e.occurredAt(), e.type(), e.location().lat(), e.location().lon(),
                    e.location().accuracyMeters(), e.source().toString(), e.confidence(), e.attributes().asMap());
        }
    }

    private static List<Signature> signatures(List<Event> events) {
        return events.stream().map(Signature::of).toList();
    }

    @Test
    void sameSeedGivesTheSameEventsHoweverTheTimeIsCut() {
        List<Event> inOneGo = new CitySimulator(city, SEED, MIDNIGHT).advanceTo(at(3), at(3));
        var stepped = new CitySimulator(city, SEED, MIDNIGHT);
        var inSteps = new ArrayList<Event>();
        for (int minute = 1; minute <= 180; minute++) {
            Instant until = MIDNIGHT.plus(Duration.ofMinutes(minute));
            inSteps.addAll(stepped.advanceTo(until, until.plus(Duration.ofDays(2))));
        }

        assertThat(inOneGo).hasSizeGreaterThan(50);
        assertThat(signatures(inSteps)).isEqualTo(signatures(inOneGo));
        assertThat(signatures(day.subList(0, inOneGo.size()))).isEqualTo(signatures(inOneGo));
    }

    @Test
    void differentSeedsGiveDifferentDays() {
        List<Event> other = new CitySimulator(city, SEED + 1, MIDNIGHT).advanceTo(at(3), at(3));
        List<Event> same = day.stream().filter(e -> e.occurredAt().isBefore(at(3))).toList();

        assertThat(signatures(other)).isNotEqualTo(signatures(same));
    }

    @Test
    void eachCallReturnsItsWindowInTimeOrder() {
        var sim = new CitySimulator(city, SEED, MIDNIGHT);
        Instant previous = MIDNIGHT;
        for (int quarter = 1; quarter <= 8; quarter++) {
            Instant until = MIDNIGHT.plus(Duration.ofMinutes(15L * quarter));
            List<Event> batch = sim.advanceTo(until, until);
            Instant from = previous;
            assertThat(batch).allSatisfy(e -> assertThat(e.occurredAt()).isAfterOrEqualTo(from).isBefore(until));
            assertThat(batch).extracting(Event::occurredAt).isSorted();
            assertThat(sim.horizon()).isEqualTo(until);
            previous = until;
        }
        assertThat(sim.advanceTo(MIDNIGHT, MIDNIGHT)).as("going back yields nothing").isEmpty();
        assertThat(sim.horizon()).isEqualTo(previous);
        assertThat(sim.situationsGenerated()).isPositive();
    }

    @Test
    void theCityProducesAPlausibleVolume() {
        assertThat(day.size() / 24.0).isBetween(50.0, 150.0);
        assertThat(day).extracting(Event::type).contains(EventType.FIRE, EventType.MEDICAL_EMERGENCY,
                EventType.ASSAULT, EventType.ROAD_ACCIDENT, EventType.GRAFFITI, EventType.GUNSHOT);
        assertThat(day).extracting(e -> e.source().kind()).contains(SourceKind.CITIZEN, SourceKind.FIRE_BRIGADE,
                SourceKind.POLICE, SourceKind.CAMERA, SourceKind.ACOUSTIC_SENSOR, SourceKind.HOSPITAL,
                SourceKind.TRANSIT);
    }

    @Test
    void districtCountsFollowPopulation() {
        Map<String, Long> counts = day.stream().collect(Collectors.groupingBy(
                e -> city.findDistrict(e.location().lat(), e.location().lon()).orElseThrow().code(),
                Collectors.counting()));
        double[] population = city.districts().stream().mapToDouble(District::population).toArray();
        double[] events = city.districts().stream().mapToDouble(d -> counts.getOrDefault(d.code(), 0L)).toArray();

        assertThat(correlation(population, events)).isGreaterThan(0.8);
    }

    @Test
    void nightIsQuieterThanEvening() {
        long night = day.stream().filter(e -> between(e, 2, 6)).count();
        long evening = day.stream().filter(e -> between(e, 18, 22)).count();

        assertThat(night * 2).isLessThan(evening);
    }

    @Test
    void aShortRunAlreadyShowsTheGunshotCluster() {
        List<Event> firstMinutes = new CitySimulator(city, SEED, MIDNIGHT).advanceTo(at(5 / 60.0), at(5 / 60.0));
        List<Event> acoustic = firstMinutes.stream()
                .filter(e -> e.type() == EventType.GUNSHOT && e.source().kind() == SourceKind.ACOUSTIC_SENSOR).toList();
        assertThat(acoustic).hasSizeGreaterThanOrEqualTo(2);
        assertThat(acoustic).extracting(e -> e.source().id()).allMatch(id -> id.startsWith("sim-acoustic-"));
        Event shot = acoustic.getFirst();
        String situation = shot.attributes().findText("situation").orElseThrow();

        List<Event> calls = firstMinutes.stream()
                .filter(e -> e.type() == EventType.GUNSHOT && e.source().kind() == SourceKind.CITIZEN)
                .filter(e -> distance(e, shot) <= 300).toList();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
        assertThat(acoustic).allSatisfy(e -> assertThat(distance(e, shot)).isLessThan(150));
        assertThat(acoustic).allSatisfy(e -> assertThat(Duration.between(shot.occurredAt(), e.occurredAt()))
                .isLessThan(Duration.ofSeconds(10)));
        assertThat(calls).extracting(e -> e.attributes().findText("situation").orElseThrow()).containsOnly(situation);
    }

    @Test
    void aGunshotScenarioRunsEveryDay() {
        var sim = new CitySimulator(city, SEED, MIDNIGHT);
        List<Event> threeDays = sim.advanceTo(at(72), at(72));
        long scenarios = threeDays.stream().filter(e -> e.source().kind() == SourceKind.ACOUSTIC_SENSOR)
                .map(e -> e.attributes().findText("situation").orElseThrow()).distinct().count();

        assertThat(scenarios).isEqualTo(4); // the early one, then one a day
    }

    @Test
    void everyEventIsInsideTheCityAndMarkedAsSimulated() {
        assertThat(day).allSatisfy(e -> {
            assertThat(city.findDistrict(e.location().lat(), e.location().lon())).as("district of %s", e).isPresent();
            assertThat(e.attributes().findFlag("simulated")).contains(true);
            assertThat(e.attributes().findText("situation")).isPresent();
            assertThat(e.attributes().asMap()).containsOnlyKeys("simulated", "situation");
            assertThat(e.source().id()).startsWith("sim-");
            assertThat(e.occurredAt()).isAfterOrEqualTo(MIDNIGHT).isBefore(at(24));
        });
    }

    @Test
    void sourcesAreAsSureAndAsPreciseAsTheirKind() {
        assertThat(day).allSatisfy(e -> {
            SourceProfile profile = SourceProfile.of(e.source().kind());
            assertThat(e.confidence()).isBetween(profile.minConfidence(), profile.maxConfidence());
            assertThat(e.location().accuracyMeters()).isBetween(profile.minAccuracyMeters(), profile.maxAccuracyMeters());
        });
        assertThat(day).filteredOn(e -> e.source().kind() == SourceKind.CITIZEN)
                .extracting(e -> e.location().accuracyMeters()).allMatch(a -> a >= 20 && a <= 150);
    }

    @Test
    void camerasOnlySeeWhatIsInFrontOfThem() {
        SensorLayout sensors = new CitySimulator(city, SEED, MIDNIGHT).sensors();
        assertThat(sensors.cameras()).hasSize(SensorLayout.CAMERAS);
        long hyperCentre = sensors.cameras().stream().filter(c -> city.findDistrict(c.lat(), c.lon()).orElseThrow()
                .code().matches("1320[1267]")).count();
        assertThat(hyperCentre).as("cameras in 1er, 2e, 6e, 7e").isGreaterThan(SensorLayout.CAMERAS / 3);

        assertThat(day).filteredOn(e -> e.source().kind() == SourceKind.CAMERA).isNotEmpty().allSatisfy(e -> {
            var camera = sensors.cameras().stream().filter(c -> c.id().equals(e.source().id())).findFirst();
            assertThat(camera).as("camera %s", e.source().id()).isPresent();
            assertThat(camera.orElseThrow().distanceMeters(e.location().lat(), e.location().lon()))
                    .isLessThan(CitySimulator.CAMERA_RANGE_METERS + 20);
        });
    }

    @Test
    void refusesToDateEventsInTheFuture() {
        var sim = new CitySimulator(city, SEED, MIDNIGHT);

        assertThatThrownBy(() -> sim.advanceTo(at(1), at(0.5))).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.advanceTo(at(1), at(1).minus(Duration.ofMinutes(4)))).isNotEmpty();
    }

    private static boolean between(Event e, int fromHour, int toHour) {
        int hour = e.occurredAt().atZone(CitySimulator.LOCAL_TIME).getHour();
        return hour >= fromHour && hour < toHour;
    }

    private static double distance(Event a, Event b) {
        return GeoMath.distanceMeters(a.location().lat(), a.location().lon(), b.location().lat(), b.location().lon());
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
