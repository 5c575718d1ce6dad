package org.vigie.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellTableTest {
    @Test
    void behavesLikeAMapThroughRandomAddsAndRemovals() {
        var random = new Random(20261129L);
        var table = new CellTable<Named>();
        var reference = new HashMap<Long, String>();
        for (int step = 0; step < 200_000; step++) {
            // Few distinct keys, clustered as grid keys are (adjacent rows and columns), so runs collide and wrap.
            long key = ((long) random.nextInt(40) << 32) | random.nextInt(40);
            if (random.nextInt(3) == 0) {
                table.remove(key);
                reference.remove(key);
            } else {
                String made = table.getOrAdd(key, k -> new Named(k, "cell " + k)).name();
                assertThat(made).isEqualTo("cell " + key);
                reference.putIfAbsent(key, made);
            }
            if (step % 1_000 == 0) {
                assertSame(table, reference);
            }
        }
        assertSame(table, reference);
    }

    @Test
    void aRemovedCellIsMadeAgainOnTheNextAdd() {
        var table = new CellTable<Named>();
        table.getOrAdd(7, k -> new Named(k, "old"));
        table.remove(7);
        table.remove(7); // nothing there: harmless
        assertThat(table.get(7)).isNull();
        assertThat(table.getOrAdd(7, k -> new Named(k, "new")).name()).isEqualTo("new");
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aCellMadeWithAnotherKeyIsRefused() {
        assertThatThrownBy(() -> new CellTable<Named>().getOrAdd(3, k -> new Named(4, "four")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key 4 for key 3");
    }

    @Test
    void everyKeyIsAllowed() {
        var table = new CellTable<Named>();
        for (long key : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}) {
            assertThat(table.getOrAdd(key, k -> new Named(k, "n" + k)).name()).isEqualTo("n" + key);
        }
        assertThat(table.get(Long.MIN_VALUE).name()).isEqualTo("n" + Long.MIN_VALUE);
        assertThat(table.size()).isEqualTo(4);
    }

    record Named(long key, String name) implements CellTable.Keyed {
    }

    private static void assertSame(CellTable<Named> table, Map<Long, String> reference) {
        assertThat(table.size()).isEqualTo(reference.size());
        for (long row = 0; row < 40; row++) {
            for (long column = 0; column < 40; column++) {
                long key = row << 32 | column;
                Named held = table.get(key);
                assertThat(held == null ? null : held.name()).as("key %d/%d", row, column).isEqualTo(reference.get(key));
            }
        }
    }
}
