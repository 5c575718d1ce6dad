package org.vigie.core.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What kind of report an incident member is: which kind of source saw which type of situation (e.g. a citizen
 * reporting noise). Incidents count their members by kind, which is what composite correlation rules test
 * ("a gunshot heard by an acoustic sensor and at least two citizen reports") and what explanations quote.
 * Written {@code source_kind/type}, e.g. {@code citizen/noise}.
 */
public record MemberKind(SourceKind source, EventType type) implements Comparable<MemberKind> {
    /** Each constant's place in the order of written forms, so a comparison is two array reads. */
    private static final int[] SOURCE_RANK = ranks(SourceKind.values(), SourceKind::jsonName);
    private static final int[] TYPE_RANK = ranks(EventType.values(), EventType::jsonName);

    public MemberKind {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** One shared instance per kind: incidents count their members under these, and equal keys are then the same. */
    public static MemberKind of(Event e) {
        return SHARED[e.source().kind().ordinal()][e.type().ordinal()];
    }

    private static final MemberKind[][] SHARED = shared();
    private static final int TYPES = EventType.values().length;
    private static final MemberKind[] BY_RANK = new MemberKind[SourceKind.values().length * TYPES];

    static {
        for (MemberKind[] row : SHARED) {
            for (MemberKind k : row) {
                BY_RANK[k.rank()] = k;
            }
        }
    }

    /** This kind's place in the order of {@link #compareTo}, from 0: a compact key for counting members by kind. */
    int rank() {
        return SOURCE_RANK[source.ordinal()] * TYPES + TYPE_RANK[type.ordinal()];
    }

    /** The kind of a {@link #rank()}. */
    static MemberKind ofRank(int rank) {
        return BY_RANK[rank];
    }

    private static MemberKind[][] shared() {
        var out = new MemberKind[SourceKind.values().length][EventType.values().length];
        for (SourceKind s : SourceKind.values()) {
            for (EventType t : EventType.values()) {
                out[s.ordinal()][t.ordinal()] = new MemberKind(s, t);
            }
        }
        return out;
    }

    public String key() {
        return source.jsonName() + "/" + type.jsonName();
    }

    /** The inverse of {@link #key()}; empty when either half is unknown. */
    public static Optional<MemberKind> parse(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        var source = SourceKind.fromJson(key.substring(0, slash));
        var type = EventType.fromJson(key.substring(slash + 1));
        return source.isPresent() && type.isPresent() ? Optional.of(new MemberKind(source.get(), type.get()))
                : Optional.empty();
    }

    /** By the written form, so stored and displayed orders do not depend on the order of enum constants. */
    @Override
    public int compareTo(MemberKind o) {
        int c = Integer.compare(SOURCE_RANK[source.ordinal()], SOURCE_RANK[o.source.ordinal()]);
        return c != 0 ? c : Integer.compare(TYPE_RANK[type.ordinal()], TYPE_RANK[o.type.ordinal()]);
    }

    private static <E extends Enum<E>> int[] ranks(E[] constants, Function<E, String> written) {
        E[] sorted = constants.clone();
        Arrays.sort(sorted, Comparator.comparing(written));
        int[] rank = new int[constants.length];
        for (int i = 0; i < sorted.length; i++) {
            rank[sorted[i].ordinal()] = i;
        }
        return rank;
    }

    /** Written out: the generated equality showed in the correlator's profile (incidents count members by kind). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof MemberKind k && k.source == source && k.type == type;
    }

    @Override
    public int hashCode() {
        return source.ordinal() * 131 + type.ordinal();
    }

    @Override
    public String toString() {
        return key();
    }
}
