package org.vigie.core.geo;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * What an index keeps per cell of a {@link RadiusGrid}, in an open-addressing table of primitive keys: the
 * correlator's candidate search reads nine cells per event, and a {@code HashMap<Long, …>} spent more on boxing,
 * hashing and chasing nodes than the distance tests cost. Owners remove cells they empty: a table of the cells
 * every past event touched would spread over megabytes, and each lookup, even of an empty cell, would miss the
 * cache.
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

    /** What the cell holds, made by {@code make} (given the key) when there is none. */
    @SuppressWarnings("unchecked")
    public V getOrAdd(long key, LongFunction<? extends V> make) {
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
        V cell = make.apply(key);
        keys[i] = key;
        cells[i] = cell;
        used++;
        return cell;
    }

    /** Forgets the cell, if there is one; lookups then find nothing there until it is added again. */
    public void remove(long key) {
        int mask = keys.length - 1;
        int i = spread(key) & mask;
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: move up every later entry of the run that the hole would cut off from its home
        // slot, so that no tombstone is needed and probes stay as short as the load allows.
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = spread(keys[j]) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                cells[i] = cells[j];
                i = j;
            }
        }
        keys[i] = EMPTY;
        cells[i] = null;
        used--;
    }

    /** How many cells are held. */
    public int size() {
        return used;
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
