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
        var table = new CellTable<String>();
        var reference = new HashMap<Long, String>();
        for (int step = 0; step < 200_000; step++) {
            // Few distinct keys, clustered as grid keys are (adjacent rows and columns), so runs collide and wrap.
            long key = ((long) random.nextInt(40) << 32) | random.nextInt(40);
            if (random.nextInt(3) == 0) {
                table.remove(key);
                reference.remove(key);
            } else {
                String made = table.getOrAdd(key, k -> "cell " + k);
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
        var table = new CellTable<StringBuilder>();
        table.getOrAdd(7, k -> new StringBuilder("old"));
        table.remove(7);
        table.remove(7); // nothing there: harmless
        assertThat(table.get(7)).isNull();
        assertThat(table.getOrAdd(7, k -> new StringBuilder("new"))).hasToString("new");
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void theReservedKeyIsRefused() {
        assertThatThrownBy(() -> new CellTable<String>().getOrAdd(Long.MIN_VALUE, k -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }

    private static void assertSame(CellTable<String> table, Map<Long, String> reference) {
        assertThat(table.size()).isEqualTo(reference.size());
        for (long row = 0; row < 40; row++) {
            for (long column = 0; column < 40; column++) {
                long key = row << 32 | column;
                assertThat(table.get(key)).as("key %d/%d", row, column).isEqualTo(reference.get(key));
            }
        }
    }
}
