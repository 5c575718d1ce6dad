package org.vigie.core.accountability;

import java.util.List;

/**
 * What the period cost and what it bought. Staff time is shared out by alerts: each alert an equal part, split
 * equally between the kinds of equipment that raised it, and given to the district where it was raised. Alerts
 * raised only by operators or by fusion carry staff time that no kind of equipment is charged for.
 *
 * @param years        the period's length in years of {@value CostModel#DAYS_PER_YEAR} days
 * @param total        equipment of every kind plus staff
 * @param perAlert     total over every alert; NaN bounds without alerts
 * @param perConfirmed total over confirmed alerts; NaN bounds without any
 */
public record CostReport(double years, Range staff, Range total, Tally alerts, Range perAlert, Range perConfirmed,
                         List<KindCost> kinds, List<DistrictCost> districts) {

    /**
     * @param perUnitYear       one unit for a year, financed as configured
     * @param perUnitYearBought one unit for a year if bought (installation amortised), for comparison
     * @param perUnitYearRented one unit for a year if rented
     * @param equipment         the units for the period
     * @param total             equipment plus the staff time of the alerts it raised
     */
    public record KindCost(EquipmentKind kind, int units, Range perUnitYear, Range perUnitYearBought,
                           Range perUnitYearRented, Range equipment, Range staff, Range total, Tally alerts,
                           Range perAlert, Range perConfirmed) {
    }

    public record DistrictCost(String code, String name, int cameras, int sensors, Range equipment, Range staff,
                               Range total, Tally alerts, Range perAlert, Range perConfirmed) {
    }
}
