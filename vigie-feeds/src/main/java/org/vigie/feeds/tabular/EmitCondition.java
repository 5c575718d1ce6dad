package org.vigie.feeds.tabular;

import java.util.List;
import java.util.Set;

/**
 * A condition under which a row of an aggregate feed is a situation worth an event, e.g. an emergency
 * department with at least 25 patients waiting. A row for which no condition holds is counted but gives no
 * event: an hourly load report of a quiet night is data, not an incident.
 *
 * @param atLeast the column's number must be at least this (null when {@code oneOf} is used)
 * @param oneOf   the column's value, normalized as in {@link ValueTable}, must be one of these
 */
record EmitCondition(String column, Double atLeast, Set<String> oneOf) {
    /** Whether it holds; a blank value does not hold; null after adding to {@code problems} a value that is not a number. */
    Boolean holds(Row row, char decimalSeparator, List<String> problems) {
        String v = row.text(column, problems);
        if (v == null) {
            return null;
        }
        if (v.isEmpty()) {
            return false;
        }
        if (atLeast == null) {
            return oneOf.contains(ValueTable.normalize(v));
        }
        Double d = Row.number(v, decimalSeparator);
        if (d == null) {
            problems.add(column + " '" + Row.clip(v) + "' is not a number (emit-when)");
            return null;
        }
        return d >= atLeast;
    }

    String describe() {
        return atLeast != null ? column + " >= " + atLeast : column + " in " + oneOf;
    }
}
