package org.vigie.feeds.tabular;

import java.util.List;
import java.util.Optional;

/**
 * How one event field (type, severity, confidence) is decided for a row: one constant for the whole feed
 * (a fire brigade's feed is all {@code fire_brigade} interventions of one kind), or a column read through a
 * {@link ValueTable}.
 */
final class ValueRule<T> {
    private final String field;
    private final T constant;
    private final String column;
    private final ValueTable<T> table;

    private ValueRule(String field, T constant, String column, ValueTable<T> table) {
        this.field = field;
        this.constant = constant;
        this.column = column;
        this.table = table;
    }

    static <T> ValueRule<T> constant(String field, T value) {
        return new ValueRule<>(field, value, null, null);
    }

    static <T> ValueRule<T> column(String field, String column, ValueTable<T> table) {
        return new ValueRule<>(field, null, column, table);
    }

    Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /**
     * The value for this row; {@code otherwise} when the table has no entry and no default; null after adding
     * to {@code problems} why the row is rejected.
     */
    T resolve(Row row, T otherwise, List<String> problems) {
        if (column == null) {
            return constant;
        }
        String v = row.text(column, problems);
        if (v == null) {
            return null;
        }
        ValueTable.Match<T> m = table.find(v);
        if (m.reject()) {
            problems.add(column + " '" + Row.clip(v) + "' " + (m.matched()
                    ? "is rejected by the " + field + " table"
                    : "is not in the " + field + " table, whose default is reject"));
            return null;
        }
        return m.value() != null ? m.value() : otherwise;
    }
}
