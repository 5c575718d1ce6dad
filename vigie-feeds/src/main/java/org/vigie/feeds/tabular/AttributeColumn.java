package org.vigie.feeds.tabular;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.vigie.core.model.Attributes;

/**
 * One column the mapping keeps, under the attribute name it gives. Only columns listed this way reach an event:
 * the allow-list is how names, telephone numbers and other personal fields of an export never enter Vigie.
 *
 * @param as            how the value is typed: {@code auto} (CSV text; JSON numbers and booleans as they are),
 *                      {@code text}, {@code integer}, {@code number} or {@code boolean}
 * @param suppressBelow counts below this are left out (0: keep all), so that a small count (one arrival at an
 *                      emergency department at 3 a.m.) cannot single anybody out
 */
record AttributeColumn(String column, String name, As as, long suppressBelow) {
    enum As {
        AUTO, TEXT, INTEGER, NUMBER, BOOLEAN;

        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    /** Adds this column's value to {@code into}; blank values are left out; a value of the wrong kind is a problem. */
    void read(Row row, char decimalSeparator, Attributes.Builder into, List<String> problems) {
        Object v = as == As.AUTO ? row.typed(column, problems) : row.text(column, problems);
        if (v == null || v instanceof String s && s.isEmpty()) {
            return;
        }
        switch (as) {
            case AUTO -> put(into, v);
            case TEXT -> into.put(name, text((String) v));
            case INTEGER -> {
                String s = (String) v;
                Double d = Row.number(s, decimalSeparator);
                if (INTEGER.matcher(s).matches()) {
                    keepCount(into, Long.parseLong(s));
                } else if (d != null && d == Math.rint(d) && Math.abs(d) < 1e15) {
                    keepCount(into, d.longValue()); // 12.0, as spreadsheets write counts
                } else {
                    problems.add(column + " '" + Row.clip(s) + "' is not an integer (attribute " + name + ")");
                }
            }
            case NUMBER -> {
                Double d = Row.number((String) v, decimalSeparator);
                if (d == null) {
                    problems.add(column + " '" + Row.clip((String) v) + "' is not a number (attribute " + name + ")");
                } else if (d >= suppressBelow) {
                    into.put(name, d);
                }
            }
            case BOOLEAN -> {
                switch (((String) v).toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1", "oui", "vrai" -> into.put(name, true);
                    case "false", "no", "0", "non", "faux" -> into.put(name, false);
                    default -> problems.add(column + " '" + Row.clip((String) v) + "' is not a yes/no value (attribute "
                            + name + ")");
                }
            }
        }
    }

    private void keepCount(Attributes.Builder into, long n) {
        if (n >= suppressBelow) {
            into.put(name, n);
        }
    }

    private void put(Attributes.Builder into, Object v) {
        switch (v) {
            case Long l -> keepCount(into, l);
            case Double d -> {
                if (d >= suppressBelow) {
                    into.put(name, d);
                }
            }
            case Boolean b -> into.put(name, b);
            default -> into.put(name, text(v.toString()));
        }
    }

    /** A free-text column longer than an event allows is cut rather than the whole record refused. */
    private static String text(String s) {
        return s.length() <= Attributes.MAX_TEXT_LENGTH ? s : s.substring(0, Attributes.MAX_TEXT_LENGTH - 1) + "…";
    }
}
