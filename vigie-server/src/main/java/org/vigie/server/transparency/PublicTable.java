package org.vigie.server.transparency;

import java.util.List;
import java.util.Locale;

/**
 * A table of the public transparency page, the one source of both its JSON and its CSV, so the two can never
 * disagree about what is suppressed.
 */
public record PublicTable(String name, List<String> columns, List<List<Cell>> rows) {
    public PublicTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (List<Cell> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("table " + name + ": a row has " + r.size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    /** One value: a count (maybe suppressed), a decimal, a text, or a value withheld because it would reveal a count. */
    public sealed interface Cell {
        /** The CSV text; decimals always carry a decimal point, so a count is the only whole number in a file. */
        String csv(String mask);
    }

    public record Count(long n, boolean hidden) implements Cell {
        @Override
        public String csv(String mask) {
            return hidden ? mask : Long.toString(n);
        }
    }

    /** NaN means unknown (nothing to divide by), shown empty. */
    public record Decimal(double v, int places) implements Cell {
        public Decimal {
            if (places < 1) {
                throw new IllegalArgumentException("a decimal keeps at least one place, so it never reads as a count");
            }
        }

        @Override
        public String csv(String mask) {
            return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%." + places + "f", v);
        }
    }

    public record Text(String s) implements Cell {
        @Override
        public String csv(String mask) {
            return s;
        }
    }

    /** A value computed from a suppressed count. */
    public record Withheld() implements Cell {
        @Override
        public String csv(String mask) {
            return mask;
        }
    }

    public static final Cell WITHHELD = new Withheld();

    public static Cell text(String s) {
        return new Text(s);
    }

    public static Cell decimal(double v) {
        return new Decimal(v, 4);
    }

    public static Cell money(double v) {
        return new Decimal(v, 2);
    }

    /** RFC 4180: a header line, then one line per row; fields quoted when they hold a comma, a quote or a line break. */
    public String csv(String mask) {
        var out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(PublicTable::quote).toList())).append("\r\n");
        for (List<Cell> r : rows) {
            out.append(String.join(",", r.stream().map(c -> quote(c.csv(mask))).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
