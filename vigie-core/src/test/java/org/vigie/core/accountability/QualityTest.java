package org.vigie.core.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigie.core.accountability.AlertFixtures.alert;
import static org.vigie.core.accountability.AlertFixtures.id;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.EventType;

class QualityTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-16T00:00:00Z");

    /**
     * cam-1 (fire): 8 confirmed, 2 dismissed as reflections, 2 undecided; acu-1 (gunshot): 5 confirmed, 5 dismissed
     * (2 lights, 2 duplicate, 1 without a code). Evidence was opened for 4 of the 13 confirmed.
     */
    private static List<Alert> fixtures() {
        var alerts = new ArrayList<Alert>();
        int n = 0;
        for (int i = 0; i < 8; i++) {
            alerts.add(alert(n++, EventType.FIRE, "camera/cam-1", "2026-11-02T10:00:00Z", "confirmed"));
        }
        alerts.add(alert(n++, EventType.FIRE, "camera/cam-1", "2026-11-03T10:00:00Z", "dismissed:reflection"));
        alerts.add(alert(n++, EventType.FIRE, "camera/cam-1", "2026-11-03T10:00:00Z", "dismissed:reflection"));
        alerts.add(alert(n++, EventType.FIRE, "camera/cam-1", "2026-11-10T10:00:00Z", null));
        alerts.add(alert(n++, EventType.FIRE, "camera/cam-1", "2026-11-10T10:00:00Z", null));
        for (int i = 0; i < 5; i++) {
            alerts.add(alert(n++, EventType.GUNSHOT, "acoustic_sensor/acu-1", "2026-11-09T23:30:00Z", "confirmed"));
        }
        for (String d : List.of("dismissed:lights", "dismissed:lights", "dismissed:duplicate", "dismissed:duplicate", "dismissed")) {
            alerts.add(alert(n++, EventType.GUNSHOT, "acoustic_sensor/acu-1", "2026-11-10T10:00:00Z", d));
        }
        return alerts;
    }

    @Test
    void wilsonIntervalsMatchPublishedValues() {
        // Reference values: Wilson (1927) score interval without continuity correction, as R's binom.wilson gives.
        assertRate(Rate.of(8, 10), 0.8, 0.4901625, 0.9433178);
        assertRate(Rate.of(5, 10), 0.5, 0.2365931, 0.7634069);
        assertRate(Rate.of(0, 10), 0.0, 0.0, 0.2775328);
        assertRate(Rate.of(10, 10), 1.0, 0.7224672, 1.0);
        assertThat(Rate.of(0, 0).known()).isFalse();
        assertThat(Rate.of(0, 0).value()).isNaN();
    }

    @Test
    void precisionPerCameraAndSensor() {
        QualityReport byCamera = Quality.of(fixtures(), FROM, TO, Grouping.CAMERA, Bucket.DAY, PARIS, EvidenceUse.none());
        assertThat(byCamera.groups()).extracting(QualityReport.Group::key).containsExactly("camera/cam-1");
        QualityReport.Group cam = byCamera.groups().get(0);
        assertThat(cam.tally()).isEqualTo(new Tally(12, 8, 2));
        assertRate(cam.precision(), 0.8, 0.4901625, 0.9433178);
        assertThat(cam.slices()).extracting(QualityReport.Slice::start, QualityReport.Slice::tally).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-02"), new Tally(8, 8, 0)),
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-03"), new Tally(2, 0, 2)),
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-10"), new Tally(2, 0, 0)));
        assertRate(cam.slices().get(0).precision(), 1.0, 0.6755924, 1.0);
        assertThat(cam.slices().get(2).precision().known()).isFalse();

        QualityReport bySensor = Quality.of(fixtures(), FROM, TO, Grouping.SENSOR, Bucket.WEEK, PARIS, EvidenceUse.none());
        QualityReport.Group acu = bySensor.groups().get(0);
        assertThat(acu.key()).isEqualTo("acoustic_sensor/acu-1");
        assertThat(acu.tally()).isEqualTo(new Tally(10, 5, 5));
        assertRate(acu.precision(), 0.5, 0.2365931, 0.7634069);
        // 23:30 UTC on Monday 9 November is already Tuesday 10 in Paris: the same ISO week either way.
        assertThat(acu.slices()).extracting(QualityReport.Slice::start).containsExactly(LocalDate.parse("2026-11-09"));
    }

    @Test
    void slicesFollowTheCityClock() {
        QualityReport daily = Quality.of(fixtures(), FROM, TO, Grouping.SENSOR, Bucket.DAY, PARIS, EvidenceUse.none());
        assertThat(daily.groups().get(0).slices()).extracting(QualityReport.Slice::start, QualityReport.Slice::tally)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-10"), new Tally(10, 5, 5)));
    }

    @Test
    void aSourceThatAnswersPerPeriodIsAskedOnceForTheReportsPeriod() {
        var asked = new ArrayList<List<Instant>>();
        EvidenceUse perPeriod = new EvidenceUse() {
            @Override
            public boolean opened(org.vigie.core.model.IncidentId incident) {
                throw new AssertionError("a source that answers per period is not asked one incident at a time");
            }

            @Override
            public EvidenceUse during(Instant from, Instant to) {
                asked.add(List.of(from, to));
                return EvidenceUse.listed(List.of(id(0), id(12)));
            }
        };
        QualityReport r = Quality.of(fixtures(), FROM, TO, Grouping.TYPE, Bucket.WEEK, PARIS, perPeriod);
        assertThat(asked).containsExactly(List.of(FROM, TO));
        assertThat(r.evidenceUsed().successes()).isEqualTo(2);
        assertThat(r.evidenceUsed().trials()).isEqualTo(13);
        assertThat(Quality.of(fixtures(), FROM, TO, Grouping.TYPE, Bucket.WEEK, PARIS, EvidenceUse.unknown())
                .evidenceUsed().known()).isFalse();
    }

    @Test
    void overallSharesTypesKindsAndCauses() {
        var opened = List.of(id(0), id(1), id(2), id(12)); // three camera confirmations and one acoustic
        QualityReport r = Quality.of(fixtures(), FROM, TO, Grouping.TYPE, Bucket.WEEK, PARIS, EvidenceUse.listed(opened));
        assertThat(r.overall()).isEqualTo(new Tally(22, 13, 7));
        assertRate(r.overall().precision(), 13 / 20.0, 0.4328543, 0.8188082);
        assertRate(r.overall().confirmedShare(), 13 / 22.0, 0.3873482, 0.7674418);
        assertThat(r.evidenceUsed().successes()).isEqualTo(4);
        assertThat(r.evidenceUsed().trials()).isEqualTo(13);
        assertThat(r.groups()).extracting(QualityReport.Group::key, QualityReport.Group::tally).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fire", new Tally(12, 8, 2)),
                org.assertj.core.groups.Tuple.tuple("gunshot", new Tally(10, 5, 5)));
        assertThat(r.causes()).hasSize(2);
        QualityReport.DetectorCauses acoustic = r.causes().get(0);
        assertThat(acoustic.detector()).isEqualTo("acoustic_sensor/gunshot");
        assertThat(acoustic.dismissed()).isEqualTo(5);
        assertThat(acoustic.causes()).extracting(QualityReport.Cause::code, QualityReport.Cause::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("duplicate", 2L), org.assertj.core.groups.Tuple.tuple("lights", 2L),
                org.assertj.core.groups.Tuple.tuple(Quality.UNSPECIFIED, 1L));
        assertThat(r.causes().get(1).causes()).extracting(QualityReport.Cause::code).containsExactly("reflection");

        QualityReport bySource = Quality.of(fixtures(), FROM, TO, Grouping.SOURCE, Bucket.WEEK, PARIS, EvidenceUse.none());
        assertThat(bySource.groups()).extracting(QualityReport.Group::key).containsExactly("camera", "acoustic_sensor");
        assertThat(Quality.of(fixtures(), FROM, TO, Grouping.RULE, Bucket.WEEK, PARIS, EvidenceUse.none()).groups()).isEmpty();
    }

    private static void assertRate(Rate r, double value, double low, double high) {
        assertThat(r.value()).isCloseTo(value, within(1e-9));
        assertThat(r.low()).isCloseTo(low, within(5e-7));
        assertThat(r.high()).isCloseTo(high, within(5e-7));
    }
}
