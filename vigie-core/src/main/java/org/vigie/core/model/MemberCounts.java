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
 * An incident's members counted by kind, immutable, in the order of {@link MemberKind}. Each entry is one
 * {@code long}: the kind's rank in that order (high half) and its count (low half), so the map is one short array
 * that sorts as its keys do, and counting one more member copies that array and nothing else (the correlator does
 * it for every event that joins an incident).
 */
final class MemberCounts extends AbstractMap<MemberKind, Integer> {
    private static final MemberCounts EMPTY = new MemberCounts(new long[0]);

    private final long[] entries;

    private MemberCounts(long[] entries) {
        this.entries = entries;
    }

    static MemberCounts of(Map<MemberKind, Integer> map) {
        if (map instanceof MemberCounts own) {
            return own;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        long[] e = new long[map.size()];
        int n = 0;
        for (var entry : map.entrySet()) {
            MemberKind kind = Objects.requireNonNull(entry.getKey(), "member kind");
            int count = Objects.requireNonNull(entry.getValue(), () -> "count of " + kind);
            if (count < 0) {
                throw new IllegalArgumentException("count of " + kind + " must not be negative, got " + count);
            }
            e[n++] = entry(kind.rank(), count);
        }
        Arrays.sort(e);
        for (int i = 1; i < e.length; i++) {
            if (rankOf(e[i - 1]) == rankOf(e[i])) {
                throw new IllegalArgumentException("member kind " + MemberKind.ofRank(rankOf(e[i])) + " appears twice");
            }
        }
        return new MemberCounts(e);
    }

    static MemberCounts one(MemberKind kind) {
        return new MemberCounts(new long[] {entry(kind.rank(), 1)});
    }

    /** With one more member of {@code kind}. */
    MemberCounts plusOne(MemberKind kind) {
        return plus(kind.rank(), 1);
    }

    /** With every count of {@code other} added. */
    MemberCounts plusAll(Map<MemberKind, Integer> other) {
        MemberCounts out = this;
        for (long e : of(other).entries) {
            out = out.plus(rankOf(e), countOf(e));
        }
        return out;
    }

    private MemberCounts plus(int rank, int more) {
        int at = 0;
        while (at < entries.length && rankOf(entries[at]) < rank) {
            at++;
        }
        if (at < entries.length && rankOf(entries[at]) == rank) {
            long[] e = entries.clone();
            e[at] = entry(rank, Math.addExact(countOf(e[at]), more));
            return new MemberCounts(e);
        }
        long[] e = new long[entries.length + 1];
        System.arraycopy(entries, 0, e, 0, at);
        System.arraycopy(entries, at, e, at + 1, entries.length - at);
        e[at] = entry(rank, more);
        return new MemberCounts(e);
    }

    /** Members of {@code kind}; 0 when none. */
    int count(MemberKind kind) {
        int rank = kind.rank();
        for (long e : entries) {
            if (rankOf(e) == rank) {
                return countOf(e);
            }
        }
        return 0;
    }

    private static long entry(int rank, int count) {
        return ((long) rank << 32) | count;
    }

    private static int rankOf(long entry) {
        return (int) (entry >>> 32);
    }

    private static int countOf(long entry) {
        return (int) entry;
    }

    @Override
    public Integer get(Object key) {
        if (!(key instanceof MemberKind kind)) {
            return null;
        }
        int n = count(kind);
        return n == 0 && !containsRank(kind.rank()) ? null : n;
    }

    private boolean containsRank(int rank) {
        for (long e : entries) {
            if (rankOf(e) == rank) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof MemberKind kind && containsRank(kind.rank());
    }

    @Override
    public int size() {
        return entries.length;
    }

    @Override
    public void forEach(BiConsumer<? super MemberKind, ? super Integer> action) {
        for (long e : entries) {
            action.accept(MemberKind.ofRank(rankOf(e)), countOf(e));
        }
    }

    /** The kinds in order, read straight from the array. */
    @Override
    public Set<MemberKind> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<MemberKind> iterator() {
                return new Walk<>() {
                    @Override
                    MemberKind at(long entry) {
                        return MemberKind.ofRank(rankOf(entry));
                    }
                };
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }

            @Override
            public int size() {
                return entries.length;
            }
        };
    }

    @Override
    public Set<Entry<MemberKind, Integer>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<MemberKind, Integer>> iterator() {
                return new Walk<>() {
                    @Override
                    Entry<MemberKind, Integer> at(long entry) {
                        return new SimpleImmutableEntry<>(MemberKind.ofRank(rankOf(entry)), countOf(entry));
                    }
                };
            }

            @Override
            public int size() {
                return entries.length;
            }
        };
    }

    private abstract class Walk<T> implements Iterator<T> {
        private int next;

        abstract T at(long entry);

        @Override
        public boolean hasNext() {
            return next < entries.length;
        }

        @Override
        public T next() {
            if (next >= entries.length) {
                throw new NoSuchElementException();
            }
            return at(entries[next++]);
        }
    }
}
