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
import java.util.function.BinaryOperator;

/**
 * An immutable map in the natural order of its keys, held in two short arrays. An incident has a few sources and
 * a few kinds of member, and copies these maps on every event that joins it: copying two arrays of three costs a
 * fraction of copying a {@code TreeMap}, and a join that changes nothing (a source's confidence not beaten)
 * copies nothing.
 */
final class SortedArrayMap<K extends Comparable<? super K>, V> extends AbstractMap<K, V> {
    private static final SortedArrayMap<?, ?> EMPTY = new SortedArrayMap<>(new Object[0], new Object[0]);

    private final Object[] keys;
    private final Object[] values;
    /** The keys' hashes, so that finding a key reads this array and not every key (a cache miss each). */
    private final int[] hashes;

    private SortedArrayMap(Object[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
        this.hashes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            hashes[i] = keys[i].hashCode();
        }
    }

    /** With the keys of {@code same} (new values only): their hashes are shared too. */
    private SortedArrayMap(SortedArrayMap<K, V> same, Object[] values) {
        this.keys = same.keys;
        this.values = values;
        this.hashes = same.hashes;
    }

    @SuppressWarnings("unchecked")
    static <K extends Comparable<? super K>, V> SortedArrayMap<K, V> of(Map<K, V> map) {
        if (map instanceof SortedArrayMap<K, V> own) {
            return own;
        }
        if (map.isEmpty()) {
            return (SortedArrayMap<K, V>) EMPTY;
        }
        var entries = map.entrySet().toArray(new Map.Entry[0]);
        Arrays.sort(entries, (a, b) -> ((K) a.getKey()).compareTo((K) b.getKey()));
        Object[] k = new Object[entries.length];
        Object[] v = new Object[entries.length];
        for (int i = 0; i < entries.length; i++) {
            k[i] = Objects.requireNonNull(entries[i].getKey(), "key");
            v[i] = Objects.requireNonNull(entries[i].getValue(), "value");
            if (i > 0 && ((K) k[i - 1]).compareTo((K) k[i]) == 0) {
                throw new IllegalArgumentException("key " + k[i] + " appears twice");
            }
        }
        return new SortedArrayMap<>(k, v);
    }

    static <K extends Comparable<? super K>, V> SortedArrayMap<K, V> of(K key, V value) {
        return new SortedArrayMap<>(new Object[] {Objects.requireNonNull(key, "key")},
                new Object[] {Objects.requireNonNull(value, "value")});
    }

    /**
     * This map with {@code value} merged in under {@code key} as {@link Map#merge} would; this very map when the
     * merged value is the one already there.
     */
    @SuppressWarnings("unchecked")
    SortedArrayMap<K, V> merging(K key, V value, BinaryOperator<V> merge) {
        int i = indexOf(key);
        if (i >= 0) {
            V merged = Objects.requireNonNull(merge.apply((V) values[i], value), "merged value");
            if (merged.equals(values[i])) {
                return this;
            }
            Object[] v = values.clone();
            v[i] = merged;
            return new SortedArrayMap<>(this, v);
        }
        int at = -i - 1;
        Object[] k = new Object[keys.length + 1];
        Object[] v = new Object[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = Objects.requireNonNull(key, "key");
        v[at] = Objects.requireNonNull(value, "value");
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(values, at, v, at + 1, keys.length - at);
        return new SortedArrayMap<>(k, v);
    }

    /** This map with {@code key} at the larger of its value and {@code value}; this very map when not larger. */
    static <K extends Comparable<? super K>> SortedArrayMap<K, Double> withMax(SortedArrayMap<K, Double> map, K key,
                                                                             double value) {
        int i = map.indexOf(key);
        if (i >= 0 && (double) map.values[i] >= value) {
            return map;
        }
        return map.merging(key, value, Math::max);
    }

    /** This map with {@code key} counted once more. */
    static <K extends Comparable<? super K>> SortedArrayMap<K, Integer> plusOne(SortedArrayMap<K, Integer> map, K key) {
        int i = map.indexOf(key);
        if (i >= 0) {
            Object[] v = map.values.clone();
            v[i] = (Integer) v[i] + 1;
            return new SortedArrayMap<>(map, v);
        }
        return map.merging(key, 1, Integer::sum);
    }

    /** This map with every entry of {@code other} merged in. */
    SortedArrayMap<K, V> mergingAll(Map<K, V> other, BinaryOperator<V> merge) {
        SortedArrayMap<K, V> out = this;
        for (var e : other.entrySet()) {
            out = out.merging(e.getKey(), e.getValue(), merge);
        }
        return out;
    }

    /**
     * Where {@code key} is, or {@code -(insertion point) - 1}. The maps are a few entries long, so each key is
     * tried by hash, then equality; only a key that is not there is placed by order.
     */
    @SuppressWarnings("unchecked")
    private int indexOf(Object key) {
        int h = key.hashCode();
        for (int i = 0; i < keys.length; i++) {
            if (hashes[i] == h && keys[i].equals(key)) {
                return i;
            }
        }
        int at = 0;
        while (at < keys.length && ((K) keys[at]).compareTo((K) key) < 0) {
            at++;
        }
        return -(at + 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (key == null || keys.length == 0 || !keys[0].getClass().isInstance(key)) {
            return null;
        }
        int i = indexOf(key);
        return i >= 0 ? (V) values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return keys.length;
    }

    /** The values in key order, without iterating entries. */
    @SuppressWarnings("unchecked")
    V valueAt(int i) {
        return (V) values[i];
    }

    @SuppressWarnings("unchecked")
    K keyAt(int i) {
        return (K) keys[i];
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept((K) keys[i], (V) values[i]);
        }
    }

    /** The keys in order, read straight from the array (the inherited view walks entries). */
    @Override
    public Set<K> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<K> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public K next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        return keyAt(next++);
                    }
                };
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<K, V> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keyAt(i), valueAt(i));
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
