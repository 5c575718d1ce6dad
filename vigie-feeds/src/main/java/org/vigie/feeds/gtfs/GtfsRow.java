package org.vigie.feeds.gtfs;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One data row of a GTFS file, read field by field by a mapper. Problems are collected, not thrown: a problem
 * with a value the record cannot do without ({@link #error}) leaves the row out, a problem with an optional value
 * ({@link #warn}) drops only that value; {@link #report} files one issue per row naming every problem.
 */
final class GtfsRow {
    private static final int MAX_TIME_HOURS = 240; // service days past midnight run to 47:59:59; ten days is absurd

    private final String file;
    private final long line;
    private final Map<String, Integer> columns;
    private final List<String> values;
    private final String raw;
    private final List<String> errors = new ArrayList<>(0);
    private final List<String> warnings = new ArrayList<>(0);

    GtfsRow(String file, long line, Map<String, Integer> columns, List<String> values, String raw) {
        this.file = file;
        this.line = line;
        this.columns = columns;
        this.values = values;
        this.raw = raw;
    }

    String file() {
        return file;
    }

    long line() {
        return line;
    }

    String raw() {
        return raw;
    }

    void error(String message) {
        errors.add(message);
    }

    void warn(String message) {
        warnings.add(message);
    }

    /**
     * Files this row's problems as one issue.
     *
     * @return true when the row can be used (it had no error)
     */
    boolean report(GtfsIssues issues) {
        if (!errors.isEmpty()) {
            var all = new ArrayList<>(errors);
            all.addAll(warnings);
            issues.skipped(this, String.join("; ", all) + " (row left out)");
            return false;
        }
        if (!warnings.isEmpty()) {
            issues.kept(this, String.join("; ", warnings));
        }
        return true;
    }

    /** The trimmed value, or null when the column is absent or the value empty. */
    String text(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= values.size()) {
            return null;
        }
        String v = values.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    String required(String column) {
        String v = text(column);
        if (v == null) {
            error(column + ": required, but " + (columns.containsKey(column) ? "empty" : "the file has no such column"));
        }
        return v;
    }

    /** A latitude or longitude; NaN when absent (an error when required) or invalid (always an error). */
    double coordinate(String column, double limit, boolean required) {
        String v = required ? required(column) : text(column);
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= -limit && d <= limit) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(column + ": expected a number between " + (int) -limit + " and " + (int) limit + ", got '" + v + "'");
        return Double.NaN;
    }

    /** A required integer in [min, max]; null after an error. */
    Integer integer(String column, int min, int max) {
        String v = required(column);
        if (v == null) {
            return null;
        }
        Integer n = parse(v, min, max);
        if (n == null) {
            error(column + ": expected an integer between " + min + " and " + max + ", got '" + v + "'");
        }
        return n;
    }

    /** An optional integer in [min, max]: null when absent, or when invalid (with a warning: the value is dropped). */
    Integer optionalInteger(String column, int min, int max) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        Integer n = parse(v, min, max);
        if (n == null) {
            warn(column + ": expected an integer between " + min + " and " + max + ", got '" + v + "' (ignored)");
        }
        return n;
    }

    private static Integer parse(String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A GTFS time {@code H:MM:SS} in seconds after noon minus 12 h of the service day (it may pass 24:00:00);
     * -1 when absent or invalid (after an error).
     */
    int time(String column) {
        String v = text(column);
        if (v == null) {
            return -1;
        }
        int t = parseTime(v);
        if (t < 0) {
            error(column + ": expected a time H:MM:SS (hours may pass 24), got '" + v + "'");
        }
        return t;
    }

    static int parseTime(String v) {
        int c1 = v.indexOf(':');
        int c2 = v.indexOf(':', c1 + 1);
        if (c1 < 1 || c1 > 3 || c2 != c1 + 3 || v.length() != c2 + 3) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (i != c1 && i != c2 && (v.charAt(i) < '0' || v.charAt(i) > '9')) {
                return -1;
            }
        }
        int h = Integer.parseInt(v.substring(0, c1));
        int m = Integer.parseInt(v.substring(c1 + 1, c2));
        int s = Integer.parseInt(v.substring(c2 + 1));
        return h > MAX_TIME_HOURS || m > 59 || s > 59 ? -1 : h * 3600 + m * 60 + s;
    }

    /** A required date {@code YYYYMMDD}; null after an error. */
    LocalDate date(String column) {
        String v = required(column);
        if (v == null) {
            return null;
        }
        if (v.length() == 8 && v.chars().allMatch(Character::isDigit)) {
            try {
                return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(4, 6)),
                        Integer.parseInt(v.substring(6)));
            } catch (DateTimeException e) {
                // reported below
            }
        }
        error(column + ": expected a date YYYYMMDD, got '" + v + "'");
        return null;
    }
}
