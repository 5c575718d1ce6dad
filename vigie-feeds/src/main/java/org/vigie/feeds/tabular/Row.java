package org.vigie.feeds.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One record's values by column name: a CSV row under its header, or one JSON Lines object. */
abstract sealed class Row permits Row.CsvRow, Row.JsonRow {
    private static final int CLIP = 80;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

    /**
     * The column's text, stripped; "" when the column is absent, null or blank; null (after adding why to
     * {@code problems}) when the value is not a single value (a JSON object or array).
     */
    abstract String text(String column, List<String> problems);

    /** JSON numbers and booleans keep their type; everything else as {@link #text}. */
    Object typed(String column, List<String> problems) {
        return text(column, problems);
    }

    /**
     * A decimal number as exports write it, or null: plain or exponent notation only (Java would also read
     * {@code NaN}, {@code 0x1p3} and {@code 1d}, which are not numbers in a CSV). With a decimal comma, spaces
     * grouping thousands ({@code 892 727,65}) are allowed.
     */
    static Double number(String text, char decimalSeparator) {
        String t = text;
        if (decimalSeparator == ',') {
            if (t.indexOf('.') >= 0) {
                return null;
            }
            t = t.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace(',', '.');
        }
        if (!DECIMAL.matcher(t).matches()) {
            return null;
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : null;
    }

    /** A value short enough to quote in a reason. */
    static String clip(String value) {
        return value.length() <= CLIP ? value : value.substring(0, CLIP) + "…";
    }

    static final class CsvRow extends Row {
        private final Map<String, Integer> header;
        private final List<String> fields;

        CsvRow(Map<String, Integer> header, List<String> fields) {
            this.header = header;
            this.fields = fields;
        }

        @Override
        String text(String column, List<String> problems) {
            Integer i = header.get(column);
            return i == null || i >= fields.size() ? "" : fields.get(i).strip();
        }
    }

    static final class JsonRow extends Row {
        private final JsonNode object;

        JsonRow(JsonNode object) {
            this.object = object;
        }

        /** A field by name, or by a dotted path into nested objects when no field has the whole name. */
        static JsonNode find(JsonNode object, String column) {
            JsonNode n = object.get(column);
            if (n != null || column.indexOf('.') < 0) {
                return n;
            }
            JsonNode at = object;
            for (String part : column.split("\\.", -1)) {
                at = at == null || !at.isObject() ? null : at.get(part);
            }
            return at;
        }

        @Override
        String text(String column, List<String> problems) {
            JsonNode n = find(object, column);
            if (n == null || n.isNull() || n.isMissingNode()) {
                return "";
            }
            if (n.isContainerNode()) {
                problems.add(column + " holds " + (n.isArray() ? "a list" : "an object") + "; a single value was expected");
                return null;
            }
            return n.isNumber() ? n.numberValue().toString() : n.asText().strip();
        }

        @Override
        Object typed(String column, List<String> problems) {
            JsonNode n = find(object, column);
            if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
                return n.longValue();
            }
            if (n != null && n.isNumber()) {
                return n.doubleValue();
            }
            if (n != null && n.isBoolean()) {
                return n.booleanValue();
            }
            return text(column, problems);
        }
    }
}
