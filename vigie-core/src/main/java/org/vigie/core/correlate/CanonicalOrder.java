package org.vigie.core.correlate;

import java.util.Arrays;
import java.util.Comparator;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * The order in which the events of one batch are applied: time, then type name, latitude, longitude, source
 * ({@code kind/id}) and id. It makes the outcome independent of the order in which events with equal times
 * arrived. Written out rather than chained from key extractors: batches are sorted on the correlator's hot path,
 * and comparing sources by their text would allocate two strings per comparison.
 */
public final class CanonicalOrder implements Comparator<Event> {
    public static final CanonicalOrder INSTANCE = new CanonicalOrder();

    /** Rank of each type's JSON name, and of each source kind's {@code kind/} prefix, in text order. */
    private static final int[] TYPE_RANK = ranks(EventType.values(), t -> t.jsonName());
    private static final int[] KIND_RANK = ranks(SourceKind.values(), k -> k.jsonName() + "/");

    private CanonicalOrder() {
    }

    @Override
    public int compare(Event a, Event b) {
        int c = a.occurredAt().compareTo(b.occurredAt());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(TYPE_RANK[a.type().ordinal()], TYPE_RANK[b.type().ordinal()]);
        if (c != 0) {
            return c;
        }
        c = Double.compare(a.location().lat(), b.location().lat());
        if (c != 0) {
            return c;
        }
        c = Double.compare(a.location().lon(), b.location().lon());
        if (c != 0) {
            return c;
        }
        // "kind/id" texts: kind names hold no '/', so the kind decides unless equal, then the id.
        c = Integer.compare(KIND_RANK[a.source().kind().ordinal()], KIND_RANK[b.source().kind().ordinal()]);
        if (c != 0) {
            return c;
        }
        c = a.source().id().compareTo(b.source().id());
        return c != 0 ? c : a.id().compareTo(b.id());
    }

    private static <E extends Enum<E>> int[] ranks(E[] values, java.util.function.Function<E, String> text) {
        E[] sorted = values.clone();
        Arrays.sort(sorted, Comparator.comparing(text));
        int[] rank = new int[values.length];
        for (int i = 0; i < sorted.length; i++) {
            rank[sorted[i].ordinal()] = i;
        }
        return rank;
    }
}
