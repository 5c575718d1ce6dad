package org.vigie.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/** The city-scale load: deterministic, shaped by population and the hour, scaled by equipment and multiplier. */
class CitySimLoadTest {
    /** Midnight in Marseille (CEST), so that simulated hour h is local hour h. */
    private static final Instant MIDNIGHT = Instant.parse("2025-06-13T22:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final long SEED = 20250614L;
    private static final CityScale CITY_SCALE = CityScale.city(2000, 100, 1);

    private static City city;
    private static List<Event> day;

    @BeforeAll
    static void simulateOneDay() {
        city = Marseille.approximateCity();
        day = load(SEED, CITY_SCALE, DAY, 1000);
    }

    private static List<Event> load(long seed, CityScale scale, Duration period, int batch) {
        var load = new CityLoad(city, seed, scale, MIDNIGHT, period);
        var events = new ArrayList<Event>();
        for (List<Event> b = load.next(batch, load.end()); !b.isEmpty(); b = load.next(batch, load.end())) {
            assertThat(b).hasSizeLessThanOrEqualTo(batch);
            events.addAll(b);
        }
        return events;
    }

    /** What must be reproducible: ids and reception times are not. */
    private record Signature(Instant occurredAt, EventType type, double lat, double lon, double accuracy, String source,
            double confidence) {
        static Signature of(Event e) {
            return new Signature(e.occurredAt(), e.type(), e.location().lat(), e.location().lon(),
                    e.location().accuracyMeters(), e.source().toString(), e.confidence());
        }

        Signature earlier(Duration by) {
            return new Signature(occurredAt.minus(by), type, lat, lon, accuracy, source, confidence);
        }
    }

    private static List<Signature> signatures(List<Event> events) {
        return events.stream().map(Signature::of).toList();
    }

    private static long count(List<Event> events, Predicate<Event> which) {
        return events.stream().filter(which).count();
    }

    private static Predicate<Event> from(SourceKind kind) {
        return e -> e.source().kind() == kind;
    }

    @Test
    void theSameSeedGivesTheSameLoadWhateverTheBatchSize() {
        Duration threeHours = Duration.ofHours(3);
        List<Event> small = load(SEED, CITY_SCALE, threeHours, 7);
        List<Event> large = load(SEED, CITY_SCALE, threeHours, 10_000);
        List<Event> other = load(SEED + 1, CITY_SCALE, threeHours, 10_000);

        assertThat(small).hasSizeGreaterThan(100);
        assertThat(signatures(small)).isEqualTo(signatures(large));
        assertThat(signatures(day.subList(0, large.size()))).isEqualTo(signatures(large));
        assertThat(signatures(other)).isNotEqualTo(signatures(large));
    }

    @Test
    void aRunEndsAtTheLastMidnightAndGivesTheSameLoadWhateverTheDay() {
        Instant now = Instant.parse("2025-11-12T09:30:00Z"); // 10:30 in Marseille
        Instant midnight = Instant.parse("2025-11-11T23:00:00Z");
        List<Event> today = lastHoursBefore(now);
        List<Event> aWeekLater = lastHoursBefore(now.plus(Duration.ofDays(7)).plus(Duration.ofHours(5)));

        assertThat(today).isNotEmpty().extracting(Event::occurredAt).isSorted();
        assertThat(today).allSatisfy(e -> {
            assertThat(e.occurredAt()).isAfterOrEqualTo(midnight.minus(Duration.ofHours(2))).isBefore(midnight);
            assertThat(e.receivedAt()).isEqualTo(now);
        });
        List<Signature> shifted = aWeekLater.stream().map(e -> Signature.of(e).earlier(Duration.ofDays(7))).toList();
        assertThat(shifted).isEqualTo(signatures(today));
    }

    private static List<Event> lastHoursBefore(Instant now) {
        var load = CityLoad.endingBefore(city, SEED, CITY_SCALE, now, Duration.ofHours(2));
        var events = new ArrayList<Event>();
        for (List<Event> b = load.next(50, now); !b.isEmpty(); b = load.next(50, now)) {
            events.addAll(b);
        }
        assertThat(load.simulatedNow()).isEqualTo(load.end());
        return events;
    }

    @Test
    void everyKindOfSourceReportsAtCityScale() {
        assertThat(day).extracting(e -> e.source().kind()).containsOnly(SourceKind.CITIZEN, SourceKind.FIRE_BRIGADE,
                SourceKind.POLICE, SourceKind.HOSPITAL, SourceKind.TRANSIT, SourceKind.CAMERA,
                SourceKind.ACOUSTIC_SENSOR, SourceKind.TELECOM, SourceKind.SOCIAL);
        assertThat(day).filteredOn(from(SourceKind.TELECOM)).extracting(Event::type).containsOnly(EventType.CROWD_PRESENCE);
        assertThat(day).filteredOn(from(SourceKind.SOCIAL)).extracting(Event::type).containsOnly(EventType.GATHERING_RISK);
        assertThat(day).filteredOn(from(SourceKind.ACOUSTIC_SENSOR)).extracting(Event::type)
                .contains(EventType.GUNSHOT, EventType.EXPLOSION, EventType.GLASS_BREAK);
        assertThat(day).allSatisfy(e -> {
            SourceProfile profile = SourceProfile.of(e.source().kind());
            assertThat(e.confidence()).isBetween(profile.minConfidence(), profile.maxConfidence());
            assertThat(city.findDistrict(e.location().lat(), e.location().lon())).as("district of %s", e).isPresent();
        });
    }

    @Test
    void camerasAreSpreadOverEveryArrondissementByPopulation() {
        SensorLayout layout = new CitySimulator(city, SEED, MIDNIGHT, CITY_SCALE).sensors();
        assertThat(layout.cameras()).hasSize(2000);
        assertThat(layout.cameras()).extracting(SensorLayout.Sensor::id).doesNotHaveDuplicates()
                .contains("sim-cam-0001", "sim-cam-2000");
        assertThat(layout.acousticSensors()).hasSize(100);

        Map<String, Long> perDistrict = layout.cameras().stream().collect(Collectors.groupingBy(
                c -> city.findDistrict(c.lat(), c.lon()).orElseThrow().code(), Collectors.counting()));
        double totalWeight = city.districts().stream().mapToDouble(SensorLayout::cameraWeight).sum();
        for (District d : city.districts()) {
            double expected = 2000 * SensorLayout.cameraWeight(d) / totalWeight;
            assertThat((double) perDistrict.getOrDefault(d.code(), 0L)).as("cameras in %s", d.name())
                    .isPositive().isCloseTo(expected, Offset.offset(4 * Math.sqrt(expected)));
        }
    }

    @Test
    void citizenReportsFollowPopulation() {
        Map<String, Long> reports = day.stream().filter(from(SourceKind.CITIZEN)).collect(Collectors.groupingBy(
                e -> city.findDistrict(e.location().lat(), e.location().lon()).orElseThrow().code(), Collectors.counting()));
        double[] population = city.districts().stream().mapToDouble(District::population).toArray();
        double[] counts = city.districts().stream().mapToDouble(d -> reports.getOrDefault(d.code(), 0L)).toArray();

        // The 13th (92,700 inhabitants) against the 16th (16,500): 5.6 times the people, about a hundred reports a
        // day against twenty, and reports come in clusters (several callers for one situation).
        assertThat(reports.get("13213")).isGreaterThan(2 * reports.get("13216"));
        assertThat(correlation(population, counts)).isGreaterThan(0.8);
    }

    @Test
    void theEveningIsBusierThanTheSmallHours() {
        Predicate<Event> citizen = from(SourceKind.CITIZEN);
        long sixPm = count(day, citizen.and(e -> localHour(e) == 18));
        long fourAm = count(day, citizen.and(e -> localHour(e) == 4));
        long evening = count(day, e -> localHour(e) >= 18 && localHour(e) < 22);
        long night = count(day, e -> localHour(e) >= 2 && localHour(e) < 6);

        assertThat(sixPm).isGreaterThan(2 * fourAm);
        assertThat(evening).isGreaterThan(2 * night);
    }

    @Test
    void theRateMultiplierMultipliesTheEvents() {
        List<Event> doubled = load(SEED, CityScale.city(2000, 100, 2), DAY, 1000);

        assertThat((double) doubled.size() / day.size()).isBetween(1.8, 2.2);
        for (SourceKind kind : List.of(SourceKind.CITIZEN, SourceKind.CAMERA)) { // about a thousand a day each
            assertThat((double) count(doubled, from(kind)) / count(day, from(kind))).as("%s", kind).isBetween(1.7, 2.3);
        }
    }

    @Test
    void cameraAndSensorDetectionsScaleWithTheEquipment() {
        List<Event> fewer = load(SEED, CityScale.city(200, 10, 1), DAY, 1000);

        // Ten times the cameras: ten times what only a camera notices, and more of the rest within their range.
        assertThat(count(day, from(SourceKind.CAMERA))).isGreaterThan(6 * count(fewer, from(SourceKind.CAMERA)));
        assertThat(count(day, from(SourceKind.ACOUSTIC_SENSOR)))
                .isGreaterThan(4 * count(fewer, from(SourceKind.ACOUSTIC_SENSOR)));
        // What people report does not depend on the equipment.
        assertThat((double) count(day, from(SourceKind.FIRE_BRIGADE)) / count(fewer, from(SourceKind.FIRE_BRIGADE)))
                .isBetween(0.8, 1.25);
    }

    @Test
    void theDemoKeepsToItsOwnKinds() {
        List<Event> demo = new CitySimulator(city, SEED, MIDNIGHT).advanceTo(MIDNIGHT.plus(DAY), MIDNIGHT.plus(DAY));

        assertThat(demo).extracting(e -> e.source().kind()).doesNotContain(SourceKind.TELECOM, SourceKind.SOCIAL);
        assertThat(demo).filteredOn(from(SourceKind.ACOUSTIC_SENSOR)).extracting(Event::type)
                .containsOnly(EventType.GUNSHOT);
    }

    private static int localHour(Event e) {
        return e.occurredAt().atZone(CitySimulator.LOCAL_TIME).getHour();
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
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
