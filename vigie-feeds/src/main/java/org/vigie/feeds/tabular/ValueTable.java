package org.vigie.feeds.tabular;

import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A mapping table from a source value to a Vigie value (an event type, a severity, a confidence): exact values
 * first, then the longest matching prefix, then the default. Matching ignores case and runs of spaces, because
 * exports of one system drift in both over the years ({@code "SW-Dirty Alley"} vs {@code "SW-DIRTY  ALLEY"}).
 * A null value in the table means "reject the row".
 */
final class ValueTable<T> {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Map<String, T> exact;
    private final NavigableMap<String, T> prefixes;
    private final boolean hasDefault;
    private final T fallback;

    /**
     * What the table says about one value.
     *
     * @param value   the mapped value; null when rejected or when the table has nothing to say
     * @param reject  the table (an entry or its default) says to reject the row
     * @param matched an entry matched (false: the default, or nothing, decided)
     */
    record Match<T>(T value, boolean reject, boolean matched) {
    }

    /**
     * @param hasDefault whether the mapping gave a default; {@code fallback} null with a default means reject
     */
    ValueTable(Map<String, T> exact, Map<String, T> prefixes, boolean hasDefault, T fallback) {
        var e = new TreeMap<String, T>();
        exact.forEach((k, v) -> e.put(normalize(k), v));
        var p = new TreeMap<String, T>();
        prefixes.forEach((k, v) -> p.put(normalize(k), v));
        this.exact = e;
        this.prefixes = p;
        this.hasDefault = hasDefault;
        this.fallback = fallback;
    }

    static String normalize(String value) {
        return SPACES.matcher(value.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    Match<T> find(String value) {
        String key = normalize(value);
        if (exact.containsKey(key)) {
            T v = exact.get(key);
            return new Match<>(v, v == null, true);
        }
        // Every prefix of the key sorts at or below it, and a longer prefix above a shorter one: walking down
        // from the floor, the first prefix met is the longest. Keys from another first letter end the search.
        for (var e = prefixes.floorEntry(key); e != null; e = prefixes.lowerEntry(e.getKey())) {
            if (key.startsWith(e.getKey())) {
                return new Match<>(e.getValue(), e.getValue() == null, true);
            }
            if (key.isEmpty() || e.getKey().charAt(0) != key.charAt(0)) {
                break;
            }
        }
        return new Match<>(fallback, hasDefault && fallback == null, false);
    }
}
