package org.vigie.core.accountability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Suppression of small counts in what is published: a count below {@code k} is shown as {@code "< k"}, never as
 * its value, because a handful of incidents at a place and time can point to the persons involved. Zero is a
 * small count too (that nothing happened somewhere is also a fact about few people).
 *
 * <p>Suppressing a cell alone is not enough when its row total is published: the total minus the shown cells
 * gives it back. {@link #hidden(List)} therefore also hides the smallest shown cell whenever exactly one is
 * hidden (complementary suppression). Rates computed from hidden counts must be hidden with them.
 */
public record SmallCounts(int k) {
    public static final int DEFAULT_K = 5;

    public SmallCounts {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    public boolean hides(long count) {
        return count < k;
    }

    /** What replaces a hidden count. */
    public String mask() {
        return "< " + k;
    }

    /**
     * Which cells of one group (a row whose total is published) to hide: every count below k, and when that is a
     * single cell, also the smallest other one, so no cell can be worked out from the total.
     */
    public List<Boolean> hidden(List<Long> cells) {
        var hide = new ArrayList<Boolean>(cells.size());
        int hiddenCount = 0;
        for (long c : cells) {
            boolean h = hides(c);
            hide.add(h);
            hiddenCount += h ? 1 : 0;
        }
        if (hiddenCount == 1 && cells.size() > 1) {
            IntStream.range(0, cells.size()).filter(i -> !hide.get(i)).boxed()
                    .min(Comparator.comparingLong(cells::get)).ifPresent(i -> hide.set(i, true));
        }
        return hide;
    }
}
