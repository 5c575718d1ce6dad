package org.vigie.core.accountability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.model.SourceKind;

/** Applies a {@link CostModel} to a period; pure. */
public final class Costs {
    private Costs() {
    }

    /**
     * @param days      length of the period
     * @param equipment cameras and acoustic sensors in service during the period
     * @param feeds     how many distinct feeds reported during the period
     * @param alerts    alerts raised during the period
     */
    public static CostReport of(CostModel model, double days, List<Equipment> equipment, int feeds, List<Alert> alerts,
                                City city) {
        if (!(days > 0)) {
            throw new IllegalArgumentException("a period must last more than 0 days, got " + days);
        }
        double years = days / CostModel.DAYS_PER_YEAR;
        Range staff = Range.of(model.staffPerYear() * years);
        var units = new EnumMap<EquipmentKind, Integer>(EquipmentKind.class);
        equipment.forEach(e -> units.merge(e.kind(), 1, Integer::sum));
        units.put(EquipmentKind.FEED, feeds);

        Tally all = Tally.NONE;
        var kindTally = new EnumMap<EquipmentKind, Tally>(EquipmentKind.class);
        var kindStaff = new EnumMap<EquipmentKind, Double>(EquipmentKind.class);
        var districtTally = new HashMap<String, Tally>();
        double staffPerAlert = alerts.isEmpty() ? 0 : staff.low() / alerts.size();
        for (Alert a : alerts) {
            Tally one = Tally.of(a);
            all = all.plus(one);
            var kinds = new TreeSet<EquipmentKind>();
            for (String k : a.sourceKinds()) {
                SourceKind.fromJson(k).flatMap(EquipmentKind::of).ifPresent(kinds::add);
            }
            for (EquipmentKind k : kinds) {
                kindTally.merge(k, one, Tally::plus);
                kindStaff.merge(k, staffPerAlert / kinds.size(), Double::sum);
            }
            city.findDistrict(a.lat(), a.lon()).ifPresent(d -> districtTally.merge(d.code(), one, Tally::plus));
        }

        Range total = staff;
        var kindCosts = new ArrayList<CostReport.KindCost>();
        for (EquipmentKind k : EquipmentKind.values()) {
            CostModel.UnitCosts unit = model.unit(k);
            int n = units.getOrDefault(k, 0);
            Range perUnitYear = unit.perYear(model.amortisationYears());
            Range equipmentCost = perUnitYear.times(n * years);
            total = total.plus(equipmentCost);
            Range kindStaffCost = Range.of(kindStaff.getOrDefault(k, 0.0));
            Range kindTotal = equipmentCost.plus(kindStaffCost);
            Tally t = kindTally.getOrDefault(k, Tally.NONE);
            kindCosts.add(new CostReport.KindCost(k, n, perUnitYear,
                    unit.perYear(CostModel.Financing.PURCHASE, model.amortisationYears()),
                    unit.perYear(CostModel.Financing.RENTAL, model.amortisationYears()), equipmentCost, kindStaffCost,
                    kindTotal, t, kindTotal.per(t.alerts()), kindTotal.per(t.confirmed())));
        }

        Map<String, int[]> placed = new HashMap<>();
        for (Equipment e : equipment) {
            city.findDistrict(e.lat(), e.lon()).ifPresent(d -> placed.computeIfAbsent(d.code(), c -> new int[2])
                    [e.kind() == EquipmentKind.CAMERA ? 0 : 1]++);
        }
        Range cameraYear = model.unit(EquipmentKind.CAMERA).perYear(model.amortisationYears());
        Range sensorYear = model.unit(EquipmentKind.ACOUSTIC_SENSOR).perYear(model.amortisationYears());
        var districtCosts = new ArrayList<CostReport.DistrictCost>();
        for (District d : city.districts()) {
            int[] n = placed.getOrDefault(d.code(), new int[2]);
            Range equipmentCost = cameraYear.times(n[0] * years).plus(sensorYear.times(n[1] * years));
            Tally t = districtTally.getOrDefault(d.code(), Tally.NONE);
            Range districtStaff = Range.of(staffPerAlert * t.alerts());
            Range districtTotal = equipmentCost.plus(districtStaff);
            districtCosts.add(new CostReport.DistrictCost(d.code(), d.name(), n[0], n[1], equipmentCost, districtStaff,
                    districtTotal, t, districtTotal.per(t.alerts()), districtTotal.per(t.confirmed())));
        }
        return new CostReport(years, staff, total, all, total.per(all.alerts()), total.per(all.confirmed()),
                List.copyOf(kindCosts), List.copyOf(districtCosts));
    }
}
