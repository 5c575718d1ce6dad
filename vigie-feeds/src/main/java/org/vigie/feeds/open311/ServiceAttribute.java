package org.vigie.feeds.open311;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One extra question of a service (GeoReport "service definition" attribute), e.g. "Is the light out or
 * flickering?". A client sends the answer as {@code attribute[CODE]=KEY}.
 *
 * @param variable    false when the attribute only informs the citizen and expects no answer
 * @param order       position in the form, 1 first; null when unordered
 * @param values      the choices of a list attribute; empty for the other datatypes
 */
public record ServiceAttribute(boolean variable, String code, Datatype datatype, boolean required,
                               String datatypeDescription, Integer order, String description, List<Value> values) {
    /** Codes travel inside form keys ({@code attribute[CODE]}) and become event attribute names: no brackets, no dots. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,49}");
    public static final int MAX_VALUES = 100;

    public enum Datatype {
        STRING, NUMBER, DATETIME, TEXT, SINGLEVALUELIST, MULTIVALUELIST;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean isList() {
            return this == SINGLEVALUELIST || this == MULTIVALUELIST;
        }

        public static Optional<Datatype> fromJson(String s) {
            for (Datatype d : values()) {
                if (d.jsonName().equals(s)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    /** One choice of a list: {@code key} is what the client sends, {@code name} what the citizen reads. */
    public record Value(String key, String name) {
        public Value {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
            if (key.isBlank() || key.length() > 100) {
                throw new IllegalArgumentException("a value key must be 1..100 characters, got '" + key + "'");
            }
        }
    }

    public ServiceAttribute {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(description, "description");
        values = values == null ? List.of() : List.copyOf(values);
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("attribute code '" + code + "' must match " + CODE.pattern());
        }
        if (datatype.isList() && values.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + code + "' is a " + datatype.jsonName()
                    + " and needs at least one value");
        }
        if (!datatype.isList() && !values.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + code + "' is a " + datatype.jsonName()
                    + "; only list attributes have values");
        }
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("attribute '" + code + "' has more than " + MAX_VALUES + " values");
        }
        var keys = new HashSet<String>();
        for (Value v : values) {
            if (!keys.add(v.key())) {
                throw new IllegalArgumentException("attribute '" + code + "' lists the value '" + v.key() + "' twice");
            }
        }
    }

    /** A required list question, the most common kind. */
    public static ServiceAttribute choice(String code, int order, String description, boolean required,
                                          List<Value> values) {
        return new ServiceAttribute(true, code, Datatype.SINGLEVALUELIST, required, null, order, description, values);
    }

    public Optional<Value> findValue(String key) {
        return values.stream().filter(v -> v.key().equals(key)).findFirst();
    }
}
