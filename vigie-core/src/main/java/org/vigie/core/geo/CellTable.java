package org.vigie.core.geo;

import java.util.function.LongFunction;

/**
 * What an index keeps per cell of a {@link RadiusGrid}, in an open-addressing table of primitive keys: the
 * correlator's candidate search reads up to eight cells per event, and a {@code HashMap<Long, …>} spent more on
 * boxing, hashing and chasing nodes than the distance tests cost. Owners remove cells they empty: a table of the cells
 * every past event touched would spread over megabytes, and each lookup, even of an empty cell, would miss the
 * cache.
 *
 * <p>Laid out for the cache at 10^5 open incidents, where nearly every read is a miss: each cell carries its own
 * key, so finding one reads one slot and the cell itself (which the caller reads anyway); and a bitmap of the
 * occupied slots, small enough to stay in cache, answers most lookups of empty cells without reading a slot.
 *
 * @param <V> what is kept per cell
 */
public final class CellTable<V extends CellTable.Keyed> {
    /** What a table holds: something that knows its cell's key (which must not change while it is held). */
    public interface Keyed {
        long key();
    }

    private Object[] cells;
    /** Bit i set when slot i holds a cell. */
    private long[] occupied;
    private int used;

    public CellTable() {
        cells = new Object[64];
        occupied = new long[1];
    }

    /** What the cell holds, or null when nothing is there. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = cells.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            if (!isOccupied(i)) {
                return null;
            }
            V cell = (V) cells[i];
            if (cell.key() == key) {
                return cell;
            }
        }
    }

    /** What the cell holds, made by {@code make} (given the key) when there is none. */
    @SuppressWarnings("unchecked")
    public V getOrAdd(long key, LongFunction<? extends V> make) {
        int mask = cells.length - 1;
        int i = spread(key) & mask;
        for (; isOccupied(i); i = (i + 1) & mask) {
            V cell = (V) cells[i];
            if (cell.key() == key) {
                return cell;
            }
        }
        if (2 * (used + 1) > cells.length) {
            grow();
            return getOrAdd(key, make);
        }
        V cell = make.apply(key);
        if (cell.key() != key) {
            throw new IllegalArgumentException("made a cell with key " + cell.key() + " for key " + key);
        }
        put(i, cell);
        used++;
        return cell;
    }

    /** Forgets the cell, if there is one; lookups then find nothing there until it is added again. */
    @SuppressWarnings("unchecked")
    public void remove(long key) {
        int mask = cells.length - 1;
        int i = spread(key) & mask;
        while (true) {
            if (!isOccupied(i)) {
                return;
            }
            if (((V) cells[i]).key() == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: move up every later entry of the run that the hole would cut off from its home
        // slot, so that no tombstone is needed and probes stay as short as the load allows.
        for (int j = (i + 1) & mask; isOccupied(j); j = (j + 1) & mask) {
            int home = spread(((V) cells[j]).key()) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                cells[i] = cells[j];
                i = j;
            }
        }
        cells[i] = null;
        occupied[i >>> 6] &= ~(1L << i);
        used--;
    }

    /** How many cells are held. */
    public int size() {
        return used;
    }

    private boolean isOccupied(int i) {
        return (occupied[i >>> 6] & (1L << i)) != 0;
    }

    private void put(int i, Object cell) {
        cells[i] = cell;
        occupied[i >>> 6] |= 1L << i;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        Object[] old = cells;
        cells = new Object[old.length * 2];
        occupied = new long[Math.max(1, cells.length >>> 6)];
        int mask = cells.length - 1;
        for (Object o : old) {
            if (o != null) {
                int i = spread(((V) o).key()) & mask;
                while (isOccupied(i)) {
                    i = (i + 1) & mask;
                }
                put(i, o);
            }
        }
    }

    /** Grid keys differ in their low bits of row and column; a multiplicative hash mixes both halves. */
    private static int spread(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
