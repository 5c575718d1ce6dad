package org.vigie.core.geo;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What an index keeps per cell of a {@link RadiusGrid}, in an open-addressing table of primitive keys: the
 * correlator's candidate search reads nine cells per event, and a {@code HashMap<Long, …>} spent more on boxing,
 * hashing and chasing nodes than the distance tests cost. Cells are never removed, only emptied by their owner:
 * they are bounded by the area the city's events cover (a few thousand cells at correlation radii), and an
 * emptied cell is soon reused.
 *
 * @param <V> what is kept per cell
 */
public final class CellTable<V> {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private Object[] cells;
    private int used;

    public CellTable() {
        keys = new long[64];
        Arrays.fill(keys, EMPTY);
        cells = new Object[64];
    }

    /** What the cell holds, or null when nothing was ever put there. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) cells[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    /** What the cell holds, made by {@code make} the first time. */
    @SuppressWarnings("unchecked")
    public V getOrAdd(long key, Supplier<? extends V> make) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
        int mask = keys.length - 1;
        int i = spread(key) & mask;
        for (; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) cells[i];
            }
            if (k == EMPTY) {
                break;
            }
        }
        if (2 * (used + 1) > keys.length) {
            grow();
            return getOrAdd(key, make);
        }
        V cell = make.get();
        keys[i] = key;
        cells[i] = cell;
        used++;
        return cell;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldCells = cells;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        cells = new Object[oldCells.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = spread(oldKeys[j]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                cells[i] = oldCells[j];
            }
        }
    }

    /** Grid keys differ in their low bits of row and column; a multiplicative hash mixes both halves. */
    private static int spread(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
