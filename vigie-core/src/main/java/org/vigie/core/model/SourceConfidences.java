package org.vigie.core.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An incident's best confidence per source, immutable, in the order of the source keys ({@code kind/id}). The
 * correlator reads and copies this on every event that joins an incident, and triage reads every entry's kind and
 * confidence: so each entry's key hash, source kind and confidence are packed side by side in one {@code long}
 * array (no boxed {@code Double}, no parsing of the key for its kind), and the key strings are read only to
 * confirm a hash match or to place a new source.
 */
final class SourceConfidences extends AbstractMap<String, Double> {
    private static final SourceConfidences EMPTY = new SourceConfidences(new String[0], new long[0]);
    /** Kind code of a key that names no known kind of source. */
    private static final int NO_KIND = 0xFF;

    private final String[] keys;
    /** Per entry i: at 2i the key's hash (high half) and kind code (low byte); at 2i + 1 the confidence's bits. */
    private final long[] packed;

    private SourceConfidences(String[] keys, long[] packed) {
        this.keys = keys;
        this.packed = packed;
    }

    static SourceConfidences of(Map<String, Double> map) {
        if (map instanceof SourceConfidences own) {
            return own;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        String[] k = map.keySet().toArray(new String[0]);
        for (int i = 0; i < k.length; i++) {
            k[i] = Source.shared(Objects.requireNonNull(k[i], "source"));
        }
        Arrays.sort(k);
        long[] p = new long[2 * k.length];
        for (int i = 0; i < k.length; i++) {
            if (i > 0 && k[i - 1].equals(k[i])) {
                throw new IllegalArgumentException("source " + k[i] + " appears twice");
            }
            p[2 * i] = meta(k[i], SourceKind.ofKey(k[i]));
            Double confidence = map.get(k[i]);
            if (confidence == null) {
                throw new NullPointerException("confidence of source " + k[i]);
            }
            p[2 * i + 1] = Double.doubleToRawLongBits(confidence);
        }
        return new SourceConfidences(k, p);
    }

    static SourceConfidences of(Source source, double confidence) {
        String key = source.toString();
        return new SourceConfidences(new String[] {key},
                new long[] {meta(key, source.kind()), Double.doubleToRawLongBits(confidence)});
    }

    /** With {@code source} at the larger of its confidence and {@code confidence}; this very map when not larger. */
    SourceConfidences withMax(Source source, double confidence) {
        String key = source.toString();
        int i = indexOf(key);
        if (i >= 0) {
            if (confidenceAt(i) >= confidence) {
                return this;
            }
            long[] p = packed.clone();
            p[2 * i + 1] = Double.doubleToRawLongBits(confidence);
            return new SourceConfidences(keys, p);
        }
        return inserting(-i - 1, key, meta(key, source.kind()), confidence);
    }

    /** With every source of {@code other} at the larger of the two confidences. */
    SourceConfidences maxWith(Map<String, Double> other) {
        SourceConfidences them = of(other);
        SourceConfidences out = this;
        for (int j = 0; j < them.keys.length; j++) {
            String key = them.keys[j];
            int i = out.indexOf(key);
            if (i < 0) {
                out = out.inserting(-i - 1, key, them.packed[2 * j], them.confidenceAt(j));
            } else if (out.confidenceAt(i) < them.confidenceAt(j)) {
                long[] p = out.packed.clone();
                p[2 * i + 1] = them.packed[2 * j + 1];
                out = new SourceConfidences(out.keys, p);
            }
        }
        return out;
    }

    private SourceConfidences inserting(int at, String key, long meta, double confidence) {
        int n = keys.length;
        String[] k = new String[n + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(keys, at, k, at + 1, n - at);
        k[at] = key;
        long[] p = new long[2 * (n + 1)];
        System.arraycopy(packed, 0, p, 0, 2 * at);
        System.arraycopy(packed, 2 * at, p, 2 * at + 2, 2 * (n - at));
        p[2 * at] = meta;
        p[2 * at + 1] = Double.doubleToRawLongBits(confidence);
        return new SourceConfidences(k, p);
    }

    /**
     * The chance that at least one source is right, each with its own confidence: 1 − Π(1 − c), where the social
     * streams are one source with the best of their confidences (see {@link Incident}).
     */
    double noisyOr() {
        double miss = 1;
        double bestSocial = 0;
        for (int i = 0; i < keys.length; i++) {
            if (kindAt(i) == SourceKind.SOCIAL) {
                bestSocial = Math.max(bestSocial, confidenceAt(i));
            } else {
                miss *= 1 - confidenceAt(i);
            }
        }
        return 1 - miss * (1 - bestSocial);
    }

    void forEachSource(Incident.SourceVisitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            visitor.accept(keys[i], kindAt(i), confidenceAt(i));
        }
    }

    private double confidenceAt(int i) {
        return Double.longBitsToDouble(packed[2 * i + 1]);
    }

    private SourceKind kindAt(int i) {
        int code = (int) packed[2 * i] & 0xFF;
        return code == NO_KIND ? null : KINDS[code];
    }

    private static final SourceKind[] KINDS = SourceKind.values();

    private static long meta(String key, SourceKind kind) {
        return ((long) key.hashCode() << 32) | (kind == null ? NO_KIND : kind.ordinal());
    }

    /** Where {@code key} is, or {@code -(insertion point) - 1}: by hash first, by order only when absent. */
    private int indexOf(String key) {
        int h = key.hashCode();
        for (int i = 0; i < keys.length; i++) {
            if ((int) (packed[2 * i] >>> 32) == h && keys[i].equals(key)) {
                return i;
            }
        }
        int at = 0;
        while (at < keys.length && keys[at].compareTo(key) < 0) {
            at++;
        }
        return -(at + 1);
    }

    @Override
    public Double get(Object key) {
        if (!(key instanceof String s)) {
            return null;
        }
        int i = indexOf(s);
        return i >= 0 ? confidenceAt(i) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Double> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], confidenceAt(i));
        }
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], confidenceAt(i));
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
