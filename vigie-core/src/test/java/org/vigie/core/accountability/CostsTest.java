package org.vigie.core.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigie.core.accountability.AlertFixtures.alert;
import static org.vigie.core.accountability.AlertFixtures.id;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.City;
import org.vigie.core.model.EventType;

class CostsTest {
    /**
     * Worked by hand. Cameras bought at €20,000–25,000 over 5 years plus €4,600 running: €8,600–9,600 a
     * camera-year. Sensors rented at €100–200 a month plus €300 running: €1,500–2,700 a sensor-year. Staff: 2
     * operators × 1,000 h × €30 = €60,000 a year. Period: 73 days = 0.2 year.
     *
     * <p>Equipment: 2 cameras in the 1st arrondissement, 1 sensor in the 13th, 1 feed (free). Alerts: 6 by camera in
     * the 1st (3 confirmed), 2 by the sensor in the 13th (1 confirmed), 2 by a camera and a citizen in the 13th
     * (both confirmed): 10 alerts, 6 confirmed.
     *
     * <p>Staff for the period: €12,000, €1,200 an alert. Cameras: 2 × 0.2 × 8,600–9,600 = €3,440–3,840; sensor:
     * 0.2 × 1,500–2,700 = €300–540. Total €15,740–16,380: €1,574–1,638 an alert, €2,623.33–2,730 a confirmed one.
     * Cameras' share: 6 alerts whole and 2 halves of staff time = €8,400, so €11,840–12,240 for 8 alerts (5
     * confirmed): €1,480–1,530 an alert, €2,368–2,448 a confirmed one. The 1st: €3,440–3,840 + 6 × €1,200 =
     * €10,640–11,040 for 3 confirmed: €3,546.67–3,680. The 13th: €300–540 + 4 × €1,200 = €5,100–5,340 for 3
     * confirmed: €1,700–1,780.
     */
    @Test
    void handComputedExample() {
        City city = CoverageTest.realCity();
        var units = Map.of(
                EquipmentKind.CAMERA, new CostModel.UnitCosts(CostModel.Financing.PURCHASE, new Range(20_000, 25_000),
                        new Range(290, 870), 4_600),
                EquipmentKind.ACOUSTIC_SENSOR, new CostModel.UnitCosts(CostModel.Financing.RENTAL, new Range(50_000, 60_000),
                        new Range(100, 200), 300));
        var model = new CostModel(units, 5, 2, 1_000, 30);
        double[] first = {43.2998, 5.3827};
        double[] thirteenth = {43.3497, 5.4340};
        var equipment = List.of(new Equipment(EquipmentKind.CAMERA, "cam-1", first[0], first[1]),
                new Equipment(EquipmentKind.CAMERA, "cam-2", first[0], first[1]),
                new Equipment(EquipmentKind.ACOUSTIC_SENSOR, "acu-1", thirteenth[0], thirteenth[1]));
        var alerts = new ArrayList<Alert>();
        String at = "2026-11-02T10:00:00Z";
        for (int i = 0; i < 6; i++) {
            alerts.add(alert(i, EventType.FIRE, "camera/cam-1", at, i < 3 ? "confirmed" : "dismissed:lights", first[0], first[1]));
        }
        alerts.add(alert(6, EventType.GUNSHOT, "acoustic_sensor/acu-1", at, "confirmed", thirteenth[0], thirteenth[1]));
        alerts.add(alert(7, EventType.GUNSHOT, "acoustic_sensor/acu-1", at, "dismissed:lights", thirteenth[0], thirteenth[1]));
        for (int i = 8; i < 10; i++) {
            alerts.add(new Alert(id(i), EventType.FIRE, null, Instant.parse(at), thirteenth[0], thirteenth[1],
                    Set.of("camera/cam-2", "citizen/open311"), Set.of("camera/fire", "citizen/fire"),
                    new Decision(true, Instant.parse(at), "")));
        }

        CostReport r = Costs.of(model, 73, equipment, 1, alerts, city);

        assertThat(r.years()).isCloseTo(0.2, within(1e-12));
        assertRange(r.staff(), 12_000, 12_000);
        assertRange(r.total(), 15_740, 16_380);
        assertThat(r.alerts()).isEqualTo(new Tally(10, 6, 4));
        assertRange(r.perAlert(), 1_574, 1_638);
        assertRange(r.perConfirmed(), 15_740 / 6.0, 2_730);

        CostReport.KindCost cameras = r.kinds().get(0);
        assertThat(cameras.kind()).isEqualTo(EquipmentKind.CAMERA);
        assertThat(cameras.units()).isEqualTo(2);
        assertRange(cameras.perUnitYear(), 8_600, 9_600);
        assertRange(cameras.perUnitYearRented(), 12 * 290 + 4_600, 12 * 870 + 4_600);
        assertRange(cameras.equipment(), 3_440, 3_840);
        assertRange(cameras.staff(), 8_400, 8_400);
        assertThat(cameras.alerts()).isEqualTo(new Tally(8, 5, 3));
        assertRange(cameras.perAlert(), 1_480, 1_530);
        assertRange(cameras.perConfirmed(), 2_368, 2_448);

        CostReport.KindCost sensors = r.kinds().get(1);
        assertRange(sensors.perUnitYear(), 1_500, 2_700);
        assertRange(sensors.total(), 2_700, 2_940);
        CostReport.KindCost feeds = r.kinds().get(2);
        assertThat(feeds.units()).isEqualTo(1);
        assertRange(feeds.total(), 1_200, 1_200);
        assertRange(feeds.perAlert(), 600, 600);

        var first1 = r.districts().stream().filter(d -> d.code().equals("13201")).findFirst().orElseThrow();
        assertThat(first1.cameras()).isEqualTo(2);
        assertRange(first1.total(), 10_640, 11_040);
        assertRange(first1.perConfirmed(), 10_640 / 3.0, 3_680);
        var thirteenth1 = r.districts().stream().filter(d -> d.code().equals("13213")).findFirst().orElseThrow();
        assertThat(thirteenth1.sensors()).isEqualTo(1);
        assertRange(thirteenth1.total(), 5_100, 5_340);
        assertRange(thirteenth1.perConfirmed(), 1_700, 1_780);
        var quiet = r.districts().stream().filter(d -> d.code().equals("13216")).findFirst().orElseThrow();
        assertThat(quiet.perAlert().known()).isFalse();
    }

    @Test
    void defaultsAreTheSeedFigures() {
        CostModel d = CostModel.defaults();
        CostModel.UnitCosts camera = d.unit(EquipmentKind.CAMERA);
        assertThat(camera.installation()).isEqualTo(new Range(20_000, 25_000));
        assertThat(camera.rentalPerMonth()).isEqualTo(new Range(290, 870));
        assertThat(camera.runningPerYear()).isEqualTo(4_600);
        assertThat(d.operators()).isEqualTo(47);
        assertThat(d.staffPerYear()).isEqualTo(47 * 1_607 * 30.0);
    }

    private static void assertRange(Range r, double low, double high) {
        assertThat(r.low()).isCloseTo(low, within(1e-6));
        assertThat(r.high()).isCloseTo(high, within(1e-6));
    }
}
