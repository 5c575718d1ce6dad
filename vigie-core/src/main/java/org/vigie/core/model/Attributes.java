package org.vigie.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small typed map of facts about an event ({@code "count": 3}, {@code "zone": "quai-3"}). Values are
 * strings, numbers (long or double) or booleans only: no nested documents, so nothing personal can hide in
 * a blob. Limits keep events small.
 */
public final class Attributes {
    public static final int MAX_ENTRIES = 32;
    public static final int MAX_TEXT_LENGTH = 1024;
    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, Object> values;

    private Attributes(Map<String, Object> values) {
        this.values = values;
    }

    public static Attributes of(Map<String, ?> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> {
            String problem = problem(k, v);
            if (problem != null) {
                throw new InvalidEventException(java.util.List.of(new FieldError("attributes." + k, problem)));
            }
            copy.put(k, v instanceof Integer i ? Long.valueOf(i) : v instanceof Float f ? Double.valueOf(f) : v);
        });
        if (copy.size() > MAX_ENTRIES) {
            throw new InvalidEventException(java.util.List.of(
                    new FieldError("attributes", "at most " + MAX_ENTRIES + " entries, got " + copy.size())));
        }
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Why this key/value pair is not allowed, or null when it is. */
    public static String problem(String key, Object value) {
        if (key == null || !KEY.matcher(key).matches()) {
            return "key must match " + KEY.pattern();
        }
        if (value instanceof String s) {
            return s.length() > MAX_TEXT_LENGTH ? "text longer than " + MAX_TEXT_LENGTH + " characters" : null;
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return "number must be finite";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Float
                || value instanceof Boolean) {
            return null;
        }
        return "value must be a string, a number or a boolean";
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Optional<String> findText(String key) {
        return values.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Double> findNumber(String key) {
        return values.get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    public Optional<Boolean> findFlag(String key) {
        return values.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    public static final class Builder {
        private final Map<String, Object> map = new LinkedHashMap<>();

        public Builder put(String key, String value) {
            map.put(key, value);
            return this;
        }

        public Builder put(String key, long value) {
            map.put(key, value);
            return this;
        }

        public Builder put(String key, double value) {
            map.put(key, value);
            return this;
        }

        public Builder put(String key, boolean value) {
            map.put(key, value);
            return this;
        }

        public Attributes build() {
            return Attributes.of(map);
        }
    }
}
