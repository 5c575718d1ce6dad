package org.vigie.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

class AnomalyDetectorTest {
    static final DistrictZones MARSEILLE = new DistrictZones(Marseille.approximateCity());
    static final LocalHours PARIS = new LocalHours(ZoneId.of("Europe/Paris"));
    static final List<EventType> TYPES = List.of(EventType.GRAFFITI, EventType.NOISE, EventType.THEFT, EventType.WASTE);
    static final Instant MONDAY = Instant.parse("2025-02-02T23:00:00Z"); // Monday 3 February 2025, 00:00 in Paris
    /** Friday 14 March 2025, 22:00–23:00 in Paris (UTC+1). */
    static final Instant FRIDAY_22 = Instant.parse("2025-03-14T21:00:00Z");
    static final int FRIDAY_22_HOW = 4 * 24 + 22;

    static Zone zone(String code) {
        return MARSEILLE.all().stream().filter(z -> z.id().equals(code)).findFirst().orElseThrow();
    }

    static Event report(EventType type, Zone zone, Instant at, SourceKind kind) {
        return Event.builder().type(type).occurredAt(at).receivedAt(at.plusSeconds(60)).source(kind, "test")
                .location(zone.lat(), zone.lon(), 30).build();
    }

    /** A run of the synthetic stream through a detector, with extra events added by {@code inject} as they come. */
    record Run(List<Anomaly> anomalies, AnomalyDetector detector) {
        List<Anomaly> at(Instant hour) {
            return anomalies.stream().filter(a -> a.hourStart().equals(hour)).toList();
        }
    }

    interface Injection {
        /** Called once per hour, before the stream's own counts of that hour. */
        void hour(Instant start, AnomalyDetector detector);
    }

    static Run run(SyntheticStream stream, AnomalySettings settings, Instant from, Instant to, long seed, Injection inject) {
        var detector = new AnomalyDetector(settings, MARSEILLE, stream.hours);
        var found = new ArrayList<Anomaly>();
        var rnd = new Random(seed);
        stream.run(from, to, rnd, hour -> {
            found.addAll(detector.advanceTo(hour));
            inject.hour(hour, detector);
        }, (zone, type, at, count) -> detector.observe(zone, type, at, count));
        found.addAll(detector.advanceTo(to));
        return new Run(found, detector);
    }

    static SyntheticStream marseille(double lo, double hi, long seed) {
        return new SyntheticStream(MARSEILLE.all(), TYPES,
                SyntheticStream.rates(MARSEILLE.all().size(), TYPES.size(), lo, hi, new Random(seed)), PARIS);
    }

    /**
     * The most false alarms a bound of {@code perDay} allows over {@code days}, with a margin: false alarms are a sum of
     * many rare tests, each at most α, so their number is at most Binomial(tests, α) ≈ Poisson(F·days), and exceeding its
     * 1 − 10⁻⁶ quantile would mean the bound does not hold.
     */
    static long allowedFalseAlarms(double perDay, double days) {
        return PoissonTail.quantileAbove(perDay * days, 1e-6);
    }

    @Test
    void anInjectedBurstIsFoundWithItsZoneTypeAndHour() {
        SyntheticStream stream = marseille(0.1, 3, 11);
        int z = MARSEILLE.all().indexOf(zone("13202"));
        stream.base[z][TYPES.indexOf(EventType.GRAFFITI)] = 0.5; // about 1.2 on a Friday at 22:00
        Zone second = zone("13202");
        Run run = run(stream, AnomalySettings.defaults(), MONDAY, MONDAY.plus(Duration.ofDays(7 * 7)), 12, (hour, d) -> {
            if (hour.equals(FRIDAY_22)) {
                for (int i = 0; i < 12; i++) {
                    assertThat(d.observe(report(EventType.GRAFFITI, second, hour.plusSeconds(60 + 240 * i), SourceKind.CITIZEN)))
                            .isEqualTo(AnomalyDetector.Outcome.COUNTED);
                }
            }
        });
        List<Anomaly> burst = run.at(FRIDAY_22).stream()
                .filter(a -> a.zone().id().equals("13202") && a.type() == EventType.GRAFFITI).toList();
        assertThat(burst).hasSize(1);
        Anomaly a = burst.get(0);
        assertThat(a.hourOfWeek()).isEqualTo(FRIDAY_22_HOW);
        assertThat(a.hourEnd()).isEqualTo(FRIDAY_22.plusSeconds(3600));
        assertThat(a.observed()).isGreaterThanOrEqualTo(12);
        assertThat(a.expected()).isBetween(0.6, 2.4);
        assertThat(a.log10PValue()).isLessThan(-5);
        // It stands out from whatever chance produced over seven weeks.
        assertThat(run.anomalies().stream().sorted(Anomaly.STRONGEST_FIRST).findFirst()).contains(a);
    }

    @Test
    void aFlatStreamStaysWithinItsFalseAlarmBound() {
        // 16 districts × 4 types with weekly rhythms and no anomaly at all: every alarm is a false alarm.
        for (double perDay : new double[] {1, 24}) {
            SyntheticStream stream = marseille(0.2, 12, 21);
            var settings = AnomalySettings.defaults().withFalseAlarmsPerDay(perDay);
            Run run = run(stream, settings, MONDAY, MONDAY.plus(Duration.ofDays(7 * 12)), 22, (h, d) -> { });
            double days = run.detector().stats().hoursTested() / 24.0;
            assertThat(days).isEqualTo(70); // 12 weeks less the 2 of cold start
            assertThat((long) run.anomalies().size()).as("false alarms at %s a day", perDay)
                    .isLessThanOrEqualTo(allowedFalseAlarms(perDay, days));
            if (perDay == 24) {
                // Not vacuous: at a generous rate the test does spend most of its budget.
                assertThat((long) run.anomalies().size()).isGreaterThan((long) (0.3 * perDay * days));
            }
        }
    }

    @Test
    void busySeriesStayWithinTheBoundToo() {
        // Dense counts (3 to 20 an hour) are where an estimated λ errs most in absolute terms.
        SyntheticStream stream = marseille(3, 20, 31);
        Run run = run(stream, AnomalySettings.defaults().withFalseAlarmsPerDay(4), MONDAY,
                MONDAY.plus(Duration.ofDays(7 * 8)), 32, (h, d) -> { });
        double days = run.detector().stats().hoursTested() / 24.0;
        assertThat((long) run.anomalies().size()).isLessThanOrEqualTo(allowedFalseAlarms(4, days));
    }

    @Test
    void sparseZonesAreNeitherZeroNorAlarmingAndOneEventNeverIs() {
        SyntheticStream stream = marseille(0.003, 0.05, 41);
        Zone quiet = zone("13216");
        var settings = AnomalySettings.defaults().withMinCount(2);
        Instant lonely = MONDAY.plus(Duration.ofDays(7 * 5)).plus(Duration.ofHours(3));
        Instant pair = lonely.plus(Duration.ofDays(2));
        Run run = run(stream, settings, MONDAY, MONDAY.plus(Duration.ofDays(7 * 8)), 42, (hour, d) -> {
            if (hour.equals(lonely)) {
                d.observe(quiet, EventType.FLOODING, hour.plusSeconds(10), 1); // first ever of its series
            }
            if (hour.equals(pair)) {
                d.observe(quiet, EventType.HAZMAT, hour.plusSeconds(10), 3); // three where none was ever seen
            }
        });
        assertThat(run.at(lonely)).noneMatch(a -> a.type() == EventType.FLOODING);
        Anomaly three = run.at(pair).stream().filter(a -> a.type() == EventType.HAZMAT).findFirst().orElseThrow();
        assertThat(three.expected()).isEqualTo(settings.minExpected());
        assertThat(three.explanation()).contains("usually 0.02");
        double days = run.detector().stats().hoursTested() / 24.0;
        assertThat(run.anomalies().stream().filter(a -> a != three).count())
                .isLessThanOrEqualTo(allowedFalseAlarms(settings.falseAlarmsPerDay(), days));
        // A sparse series is pooled toward its mean, never zero and never the floor when it has history.
        for (int k = 0; k < 168; k += 7) {
            assertThat(run.detector().expected("13201", EventType.GRAFFITI, k)).isGreaterThanOrEqualTo(settings.minExpected());
        }
        assertThat(run.detector().expected("13216", EventType.FLOODING, 0)).isGreaterThan(0);
        assertThat(run.detector().expected("13216", EventType.ROAD_HAZARD, 0)).isEqualTo(settings.minExpected());
    }

    @Test
    void noAlarmBeforeTheMinimumHistory() {
        SyntheticStream stream = marseille(0.1, 2, 51);
        Zone z = zone("13205");
        Instant day5 = MONDAY.plus(Duration.ofDays(4)).plus(Duration.ofHours(20));
        Instant day17 = MONDAY.plus(Duration.ofDays(16)).plus(Duration.ofHours(20));
        Run run = run(stream, AnomalySettings.defaults(), MONDAY, MONDAY.plus(Duration.ofDays(21)), 52, (hour, d) -> {
            if (hour.equals(day5) || hour.equals(day17)) {
                d.observe(z, EventType.THEFT, hour.plusSeconds(100), 40);
            }
        });
        Instant historyEnd = MONDAY.plus(Duration.ofDays(14));
        assertThat(run.anomalies()).allMatch(a -> !a.hourStart().isBefore(historyEnd));
        assertThat(run.detector().stats().hoursTested()).isEqualTo(7 * 24);
        assertThat(run.detector().stats().hoursClosed()).isEqualTo(21 * 24);
        assertThat(run.at(day17)).anyMatch(a -> a.zone().equals(z) && a.type() == EventType.THEFT);
    }

    @Test
    void hoursOfTheWeekFollowParisTimeAcrossDaylightSavingChanges() {
        // Four weeks before the spring change (30 March 2025) and three after, with a strong weekly rhythm in local
        // time. Binned by UTC hour, the evening peaks would move one hour after the change and raise false alarms.
        SyntheticStream stream = marseille(0.5, 6, 61);
        Instant from = Instant.parse("2025-03-02T23:00:00Z"); // Monday 3 March, 00:00 in Paris
        Instant to = Instant.parse("2025-04-20T22:00:00Z");
        Instant fridayAfter = Instant.parse("2025-04-11T20:00:00Z"); // Friday 11 April, 22:00 in Paris (UTC+2)
        Zone z = zone("13201");
        Run run = run(stream, AnomalySettings.defaults(), from, to, 62, (hour, d) -> {
            if (hour.equals(fridayAfter)) {
                d.observe(z, EventType.NOISE, hour.plusSeconds(30), 30);
            }
        });
        Anomaly a = run.at(fridayAfter).stream().filter(x -> x.zone().equals(z) && x.type() == EventType.NOISE)
                .findFirst().orElseThrow();
        assertThat(a.hourOfWeek()).isEqualTo(FRIDAY_22_HOW);
        assertThat(a.explanation()).contains("between 22:00 and 23:00 on Friday 11 April 2025");
        Instant change = Instant.parse("2025-03-30T01:00:00Z");
        long afterChange = run.anomalies().stream().filter(x -> x != a && !x.hourStart().isBefore(change)).count();
        double daysAfter = Duration.between(change, to).toHours() / 24.0;
        assertThat(afterChange).isLessThanOrEqualTo(allowedFalseAlarms(1, daysAfter));
        // The spring Sunday has 23 hours, all closed; 02:00 did not happen and has no sample that week.
        assertThat(run.detector().stats().hoursClosed()).isEqualTo(Duration.between(from, to).toHours());
    }

    @Test
    void theRepeatedAutumnHourIsTestedTwiceAndSaysWhichItIs() {
        SyntheticStream stream = marseille(0.5, 3, 71);
        Instant from = Instant.parse("2025-09-28T22:00:00Z"); // Monday 29 September, 00:00 in Paris
        Instant to = Instant.parse("2025-10-27T23:00:00Z");
        Instant firstTwo = Instant.parse("2025-10-26T00:00:00Z"); // 02:00 CEST
        Instant secondTwo = Instant.parse("2025-10-26T01:00:00Z"); // 02:00 CET
        Zone z = zone("13206");
        Run run = run(stream, AnomalySettings.defaults(), from, to, 72, (hour, d) -> {
            if (hour.equals(secondTwo)) {
                d.observe(z, EventType.GRAFFITI, hour.plusSeconds(30), 15);
            }
        });
        assertThat(run.at(firstTwo)).noneMatch(x -> x.zone().equals(z) && x.type() == EventType.GRAFFITI);
        Anomaly a = run.at(secondTwo).stream().filter(x -> x.zone().equals(z)).findFirst().orElseThrow();
        assertThat(a.hourOfWeek()).isEqualTo(6 * 24 + 2);
        assertThat(a.explanation()).contains("between 02:00 and 03:00 (UTC+01:00) on Sunday 26 October 2025");
        assertThat(a.eventId()).isNotEqualTo(new Anomaly(a.zone(), a.zoneScheme(), a.type(), firstTwo, secondTwo,
                a.hourOfWeek(), a.observed(), a.expected(), a.log10PValue(), a.tests(), a.threshold(), "").eventId());
    }

    @Test
    void theExplanationSaysWhatWhereWhenHowManyAndHowUnusual() {
        SyntheticStream stream = marseille(0.1, 1, 81);
        int z = MARSEILLE.all().indexOf(zone("13202"));
        stream.base[z][TYPES.indexOf(EventType.GRAFFITI)] = 0.5;
        Run run = run(stream, AnomalySettings.defaults(), MONDAY, MONDAY.plus(Duration.ofDays(7 * 7)), 82, (hour, d) -> {
            if (hour.equals(FRIDAY_22)) {
                d.observe(zone("13202"), EventType.GRAFFITI, hour.plusSeconds(5), 12);
            }
        });
        Anomaly a = run.at(FRIDAY_22).stream().filter(x -> x.zone().id().equals("13202")).findFirst().orElseThrow();
        assertThat(a.explanation()).matches("1[2-9] reports of graffiti in Marseille 2e Arrondissement between 22:00 "
                + "and 23:00 on Friday 14 March 2025, usually [0-9]\\.[0-9]+ \\(p = [1-9]e-[0-9]+\\)");
        assertThat(a.explanation()).startsWith(a.observed() + " reports")
                .contains("usually " + Anomaly.formatRate(a.expected()) + " (p " + Anomaly.formatP(a.log10PValue()) + ")");

        Event e = a.toEvent(FRIDAY_22.plus(Duration.ofMinutes(75)));
        assertThat(e.type()).isEqualTo(EventType.ANOMALY);
        assertThat(e.source().kind()).isEqualTo(SourceKind.FUSION);
        assertThat(e.source().id()).isEqualTo("anomaly");
        assertThat(e.severity()).isEqualTo(Severity.MINOR); // graffiti's
        assertThat(e.occurredAt()).isEqualTo(FRIDAY_22);
        assertThat(e.location().lat()).isEqualTo(zone("13202").lat());
        assertThat(MARSEILLE.zoneOf(e.location().lat(), e.location().lon())).contains(zone("13202"));
        assertThat(e.confidence()).isCloseTo(1 - a.pValue() * a.tests(), within(1e-12)).isGreaterThan(0.9);
        var attrs = e.attributes();
        assertThat(attrs.findText("zone")).contains("13202");
        assertThat(attrs.findText("type")).contains("graffiti");
        assertThat(attrs.findNumber("observed")).contains((double) a.observed());
        assertThat(attrs.findNumber("expected")).contains(a.expected());
        assertThat(attrs.findNumber("p_value")).contains(a.pValue());
        assertThat(attrs.findNumber("hour_of_week")).contains((double) FRIDAY_22_HOW);
        assertThat(attrs.findText("explanation")).contains(a.explanation());
        assertThat(e.id().toString()).isEqualTo(a.eventId().toString());
        assertThat(org.vigie.core.model.EventId.Uuid7.timestamp(e.id().value())).isEqualTo(FRIDAY_22);
    }

    @Test
    void numbersAreWrittenForPeople() {
        assertThat(Anomaly.formatP(Math.log10(2e-7))).isEqualTo("= 2e-7");
        assertThat(Anomaly.formatP(Math.log10(9.7e-5))).isEqualTo("= 1e-4");
        assertThat(Anomaly.formatP(-411.5)).isEqualTo("= 3e-412");
        assertThat(Anomaly.formatP(Math.log10(0.0123))).isEqualTo("= 0.012");
        assertThat(Anomaly.formatRate(1.26)).isEqualTo("1.3");
        assertThat(Anomaly.formatRate(27.4)).isEqualTo("27");
        assertThat(Anomaly.formatRate(0.0213)).isEqualTo("0.021");
        assertThat(Anomaly.formatRate(0.02)).isEqualTo("0.02");
        Zone z = zone("13201");
        assertThat(Anomaly.explain(1, EventType.STREET_FURNITURE_DAMAGE, z, "between 01:00 and 02:00 on Monday 3 March 2025",
                0.05, -3.2)).isEqualTo("1 report of street furniture damage in Marseille 1er Arrondissement between 01:00 "
                + "and 02:00 on Monday 3 March 2025, usually 0.05 (p = 6e-4)");
    }

    @Test
    void theSameInputGivesTheSameAnomaliesAndIds() {
        var ids = new ArrayList<List<String>>();
        for (int i = 0; i < 2; i++) {
            Run run = run(marseille(0.2, 5, 91), AnomalySettings.defaults().withFalseAlarmsPerDay(6), MONDAY,
                    MONDAY.plus(Duration.ofDays(28)), 92, (h, d) -> { });
            assertThat(run.anomalies()).isNotEmpty();
            ids.add(run.anomalies().stream().map(a -> a.toEvent(a.hourEnd()).id().toString()).toList());
        }
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).doesNotHaveDuplicates();
    }

    @Test
    void derivedOutsideAndLateEventsAreAccountedForNotTested() {
        var d = new AnomalyDetector(AnomalySettings.defaults().withMinHistory(Duration.ZERO), MARSEILLE, PARIS);
        Zone z = zone("13203");
        Instant t = FRIDAY_22;
        assertThat(d.observe(report(EventType.NOISE, z, t, SourceKind.CITIZEN))).isEqualTo(AnomalyDetector.Outcome.COUNTED);
        assertThat(d.observe(report(EventType.ANOMALY, z, t, SourceKind.FUSION))).isEqualTo(AnomalyDetector.Outcome.DERIVED);
        assertThat(d.observe(report(EventType.NOISE, z, t, SourceKind.FUSION))).isEqualTo(AnomalyDetector.Outcome.DERIVED);
        Event paris = Event.builder().type(EventType.NOISE).occurredAt(t).receivedAt(t).source(SourceKind.CITIZEN, "x")
                .location(48.8566, 2.3522, 10).build();
        assertThat(d.observe(paris)).isEqualTo(AnomalyDetector.Outcome.OUTSIDE_ZONES);
        assertThat(d.observe(report(EventType.NOISE, z, t.minusSeconds(7200), SourceKind.CITIZEN)))
                .isEqualTo(AnomalyDetector.Outcome.BEFORE_HISTORY);
        assertThat(d.advanceTo(t.plusSeconds(3599))).isEmpty();
        assertThat(d.nextHourToClose()).isEqualTo(t);
        d.advanceTo(t.plusSeconds(3600));
        assertThat(d.nextHourToClose()).isEqualTo(t.plusSeconds(3600));
        // Fifty late reports for the closed hour join the history but do not reopen it.
        for (int i = 0; i < 50; i++) {
            assertThat(d.observe(report(EventType.NOISE, z, t.plusSeconds(i), SourceKind.CITIZEN)))
                    .isEqualTo(AnomalyDetector.Outcome.LATE);
        }
        assertThat(d.advanceTo(t.plus(Duration.ofHours(5)))).isEmpty();
        var s = d.stats();
        assertThat(s.counted()).isEqualTo(1);
        assertThat(s.late()).isEqualTo(50);
        assertThat(s.derived()).isEqualTo(2);
        assertThat(s.outsideZones()).isEqualTo(1);
        assertThat(s.beforeHistory()).isEqualTo(1);
        assertThat(s.hoursClosed()).isEqualTo(5);
    }

    @Test
    void cellZonesComeFromTheDataAnywhere() {
        var cells = new CellZones(7);
        var ny = new LocalHours(ZoneId.of("America/New_York"));
        var d = new AnomalyDetector(AnomalySettings.defaults().withMinHistory(Duration.ofDays(7)), cells, ny);
        // Baltimore, Friday 22:00 local: a quiet cell for two weeks, then a burst.
        Instant start = Instant.parse("2025-06-02T04:00:00Z"); // Monday 2 June, 00:00 EDT
        Zone cell = cells.zoneOf(39.2904, -76.6122).orElseThrow();
        assertThat(cell.id()).hasSize(15);
        assertThat(cell.name()).startsWith("H3 cell 87");
        var rnd = new Random(5);
        var found = new ArrayList<Anomaly>();
        Instant burst = Instant.parse("2025-06-14T02:00:00Z"); // Friday 13 June, 22:00 EDT
        for (Instant h = start; h.isBefore(start.plus(Duration.ofDays(14))); h = ny.next(h)) {
            found.addAll(d.advanceTo(h));
            int c = SyntheticStream.poisson(0.3, rnd) + (h.equals(burst) ? 9 : 0);
            if (c > 0) {
                d.observe(cell, EventType.WASTE, h.plusSeconds(60), c);
            }
        }
        found.addAll(d.advanceTo(start.plus(Duration.ofDays(14))));
        assertThat(found).anySatisfy(a -> {
            assertThat(a.hourStart()).isEqualTo(burst);
            assertThat(a.hourOfWeek()).isEqualTo(FRIDAY_22_HOW);
            assertThat(a.zoneScheme()).isEqualTo("h3:7");
            assertThat(a.explanation()).contains("in H3 cell " + cell.id() + " between 22:00 and 23:00 on Friday 13 June 2025");
            assertThat(a.toEvent(burst.plusSeconds(7200)).location().accuracyMeters()).isBetween(1000.0, 1500.0);
        });
    }
}
