package org.vigie.core.accountability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigie.core.config.YamlTree;

/**
 * The {@code accountability} section of the configuration: the cost model, the population of each district
 * (overriding the city's built-in INSEE figures), the equipment and where it stands, and k for the public page.
 */
public record AccountabilitySettings(CostModel costs, Map<String, Long> populations, List<Equipment> equipment,
                                     SmallCounts suppression) {
    public AccountabilitySettings {
        populations = Map.copyOf(populations);
        equipment = List.copyOf(equipment);
    }

    public static AccountabilitySettings defaults() {
        return new AccountabilitySettings(CostModel.defaults(), Map.of(), List.of(), new SmallCounts(SmallCounts.DEFAULT_K));
    }

    /** Reads the section; problems go to the tree's list with file and line. */
    public static AccountabilitySettings read(YamlTree a) {
        AccountabilitySettings dflt = defaults();
        int k = a.integer("suppress-below", SmallCounts.DEFAULT_K, 1, 1_000);
        CostModel costs = a.child("costs").map(AccountabilitySettings::costs).orElse(dflt.costs());
        var populations = new LinkedHashMap<String, Long>();
        a.child("populations").ifPresent(p -> {
            for (String code : fieldNames(p)) {
                populations.put(code, (long) p.integer(code, 0, 0, 100_000_000));
            }
            p.rejectUnknownKeys();
        });
        var equipment = new ArrayList<Equipment>();
        for (YamlTree e : a.list("equipment")) {
            String kindName = e.string("kind", "");
            String id = e.string("id", "");
            double lat = e.number("lat", Double.NaN, -90.000001, 90);
            double lon = e.number("lon", Double.NaN, -180.000001, 180);
            e.rejectUnknownKeys();
            var kind = EquipmentKind.fromJson(kindName).filter(x -> x != EquipmentKind.FEED);
            if (kind.isEmpty()) {
                e.problem(e.node(), e.path() + ".kind", "expected camera or acoustic_sensor, got '" + kindName + "'");
            } else if (id.isBlank()) {
                e.problem(e.node(), e.path() + ".id", "expected the source id its events carry");
            } else if (Double.isNaN(lat) || Double.isNaN(lon)) {
                e.problem(e.node(), e.path(), "expected lat and lon");
            } else {
                equipment.add(new Equipment(kind.get(), id, lat, lon));
            }
        }
        a.rejectUnknownKeys();
        return new AccountabilitySettings(costs, populations, equipment, new SmallCounts(k));
    }

    private static CostModel costs(YamlTree c) {
        CostModel dflt = CostModel.defaults();
        double years = c.number("amortisation-years", dflt.amortisationYears(), 0, 100);
        int operators = c.integer("operators", dflt.operators(), 0, 1_000_000);
        double hours = nonNegative(c, "hours-per-operator-year", dflt.hoursPerOperator(), 8_784);
        double hourly = nonNegative(c, "hourly-cost", dflt.hourlyCost(), 100_000);
        var units = new EnumMap<EquipmentKind, CostModel.UnitCosts>(EquipmentKind.class);
        for (EquipmentKind k : EquipmentKind.values()) {
            CostModel.UnitCosts base = dflt.unit(k);
            units.put(k, c.child(k.jsonName().replace('_', '-')).map(u -> unit(u, base)).orElse(base));
        }
        c.rejectUnknownKeys();
        return new CostModel(units, years, operators, hours, hourly);
    }

    private static CostModel.UnitCosts unit(YamlTree u, CostModel.UnitCosts base) {
        String financing = u.string("financing", base.financing().name().toLowerCase(java.util.Locale.ROOT));
        CostModel.Financing how = CostModel.Financing.PURCHASE;
        if (financing.equals("rental")) {
            how = CostModel.Financing.RENTAL;
        } else if (!financing.equals("purchase")) {
            u.problem(u.node(), u.path() + ".financing", "expected purchase or rental, got '" + financing + "'");
        }
        Range installation = range(u, "installation", base.installation());
        Range rental = range(u, "rental-per-month", base.rentalPerMonth());
        double running = nonNegative(u, "running-per-year", base.runningPerYear(), 1e9);
        u.rejectUnknownKeys();
        return new CostModel.UnitCosts(how, installation, rental, running);
    }

    /** A single amount or a list of two: {@code 4600} or {@code [20000, 25000]}. */
    private static Range range(YamlTree t, String name, Range dflt) {
        var items = rangeItems(t, name);
        if (items == null) {
            return dflt;
        }
        try {
            double low = Double.parseDouble(items.get(0));
            double high = Double.parseDouble(items.get(items.size() - 1));
            if (!(low >= 0 && low <= high && high < 1e12)) {
                t.problem(t.node(), t.path() + "." + name, "expected amounts >= 0, the lower first, got " + items);
                return dflt;
            }
            return new Range(low, high);
        } catch (NumberFormatException e) {
            t.problem(t.node(), t.path() + "." + name, "expected an amount or [low, high], got " + items);
            return dflt;
        }
    }

    private static List<String> rangeItems(YamlTree t, String name) {
        Object node = fieldNode(t, name);
        if (node == null) {
            return null;
        }
        if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
            List<String> items = t.strings(name);
            if (items.size() != 2) {
                t.problem(t.node(), t.path() + "." + name, "expected [low, high], got " + items.size() + " values");
                return null;
            }
            return items;
        }
        String single = t.string(name, null);
        return single == null ? null : List.of(single);
    }

    private static Object fieldNode(YamlTree t, String name) {
        if (t.node() instanceof org.yaml.snakeyaml.nodes.MappingNode m) {
            for (var tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s && s.getValue().equals(name)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static List<String> fieldNames(YamlTree t) {
        var names = new ArrayList<String>();
        if (t.node() instanceof org.yaml.snakeyaml.nodes.MappingNode m) {
            for (var tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s) {
                    names.add(s.getValue());
                }
            }
        }
        return names;
    }

    private static double nonNegative(YamlTree t, String name, double dflt, double max) {
        String v = t.string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0 && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        t.problem(t.node(), t.path() + "." + name, "expected a number between 0 and " + max + ", got '" + v + "'");
        return dflt;
    }
}
