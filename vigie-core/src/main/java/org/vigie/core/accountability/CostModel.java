package org.vigie.core.accountability;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What watching the city costs, as configured ({@code accountability.costs}). Defaults are the public figures for
 * Marseille's cameras: installation €20,000–25,000, rental €290–870 a month, running €4,600 a camera-year, 47
 * officers staffing the supervision centre around the clock. No public figure exists for acoustic sensors or
 * feeds in the seed, so their defaults are zero: set them, or their cost per alert shows only the staff's share.
 *
 * @param units              costs per kind of equipment
 * @param amortisationYears  over how many years a purchase is spread
 * @param operators          people staffing the centre (all shifts together)
 * @param hoursPerOperator   paid hours of one of them in a year (1,607 h: the French legal working year)
 * @param hourlyCost         what an hour of an operator costs the city, charges included
 */
public record CostModel(Map<EquipmentKind, UnitCosts> units, double amortisationYears, int operators,
                        double hoursPerOperator, double hourlyCost) {
    public static final double DAYS_PER_YEAR = 365;

    /** Bought (installation spread over the amortisation years) or rented. */
    public enum Financing {
        PURCHASE, RENTAL
    }

    /**
     * @param installation   one-off cost of putting one unit in place
     * @param rentalPerMonth what renting one unit costs a month
     * @param runningPerYear maintenance, network, energy, per unit and year
     */
    public record UnitCosts(Financing financing, Range installation, Range rentalPerMonth, double runningPerYear) {
        public UnitCosts {
            Objects.requireNonNull(financing, "financing");
            if (installation.low() < 0 || rentalPerMonth.low() < 0 || runningPerYear < 0) {
                throw new IllegalArgumentException("costs cannot be negative");
            }
        }

        /** One unit for a year, financed as configured. */
        public Range perYear(double amortisationYears) {
            return perYear(financing, amortisationYears);
        }

        public Range perYear(Financing how, double amortisationYears) {
            Range capital = how == Financing.PURCHASE ? installation.times(1 / amortisationYears) : rentalPerMonth.times(12);
            return capital.plus(Range.of(runningPerYear));
        }

        static final UnitCosts FREE = new UnitCosts(Financing.PURCHASE, Range.ZERO, Range.ZERO, 0);
    }

    public CostModel {
        var all = new EnumMap<EquipmentKind, UnitCosts>(EquipmentKind.class);
        for (EquipmentKind k : EquipmentKind.values()) {
            all.put(k, UnitCosts.FREE);
        }
        all.putAll(units);
        units = Map.copyOf(all);
        if (!(amortisationYears > 0) || operators < 0 || !(hoursPerOperator >= 0) || !(hourlyCost >= 0)) {
            throw new IllegalArgumentException("amortisation years must be > 0, operators, hours and hourly cost >= 0");
        }
    }

    public static CostModel defaults() {
        var units = new EnumMap<EquipmentKind, UnitCosts>(EquipmentKind.class);
        units.put(EquipmentKind.CAMERA, new UnitCosts(Financing.PURCHASE, new Range(20_000, 25_000), new Range(290, 870), 4_600));
        return new CostModel(units, 7, 47, 1_607, 30);
    }

    public UnitCosts unit(EquipmentKind kind) {
        return units.get(kind);
    }

    /** The centre's staff for a year. */
    public double staffPerYear() {
        return operators * hoursPerOperator * hourlyCost;
    }
}
