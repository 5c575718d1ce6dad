package org.vigie.core.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallCountsTest {
    private final SmallCounts k5 = new SmallCounts(5);

    @Test
    void hidesBelowKAndOneMoreWhenASingleCellWouldBeDeducible() {
        assertThat(k5.hides(4)).isTrue();
        assertThat(k5.hides(0)).isTrue();
        assertThat(k5.hides(5)).isFalse();
        assertThat(k5.mask()).isEqualTo("< 5");
        assertThat(k5.hidden(List.of(12L, 3L, 40L, 7L))).containsExactly(false, true, false, true);
        assertThat(k5.hidden(List.of(2L, 3L, 40L))).containsExactly(true, true, false);
        assertThat(k5.hidden(List.of(9L, 40L))).containsExactly(false, false);
        assertThat(k5.hidden(List.of(3L))).containsExactly(true);
    }
}
