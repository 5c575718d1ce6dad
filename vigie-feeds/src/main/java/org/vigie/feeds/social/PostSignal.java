package org.vigie.feeds.social;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vigie.core.geo.Cells;

/**
 * What Vigie keeps of a public post: when, roughly where, and about what. Nothing in it can hold who wrote it —
 * no account, handle, display name, id, mention, link, media or exact position — and an architecture test keeps it
 * that way (its only text is {@link #terms}, folded topic words). The author's pseudonymous token for the
 * distinct-authors floor travels beside it, never in it ({@link StatusParser.Post}).
 *
 * @param at        when the post was published
 * @param cell      H3 cell at resolution {@value #MAX_RESOLUTION} or coarser
 * @param placement whether the cell comes from a geotag or from a place named in the text
 * @param terms     distinct folded topic words, at most {@value #MAX_TERMS}
 */
public record PostSignal(Instant at, long cell, Placement placement, List<String> terms) {
    /** Finer cells (under about 0.7 km²) would begin to say where one person stood. */
    public static final int MAX_RESOLUTION = 8;
    /** Bounds the cell × topic state one post can create. */
    public static final int MAX_TERMS = 32;

    /** Where {@link #cell} came from. */
    public enum Placement {
        GEOTAG, PLACE_NAME
    }

    public PostSignal {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(placement, "placement");
        terms = List.copyOf(terms);
        if (!Cells.isValid(cell) || (int) ((cell >>> 52) & 0xF) > MAX_RESOLUTION) {
            throw new IllegalArgumentException("a post is placed on a valid H3 cell of resolution <= "
                    + MAX_RESOLUTION);
        }
        if (terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException("at most " + MAX_TERMS + " terms, got " + terms.size());
        }
    }
}
