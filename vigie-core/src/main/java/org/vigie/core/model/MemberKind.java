package org.vigie.core.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What kind of report an incident member is: which kind of source saw which type of situation (e.g. a citizen
 * reporting noise). Incidents count their members by kind, which is what composite correlation rules test
 * ("a gunshot heard by an acoustic sensor and at least two citizen reports") and what explanations quote.
 * Written {@code source_kind/type}, e.g. {@code citizen/noise}.
 */
public record MemberKind(SourceKind source, EventType type) implements Comparable<MemberKind> {
    private static final Comparator<MemberKind> ORDER = Comparator.comparing((MemberKind k) -> k.source.jsonName())
            .thenComparing(k -> k.type.jsonName());

    public MemberKind {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    public static MemberKind of(Event e) {
        return new MemberKind(e.source().kind(), e.type());
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
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return key();
    }
}
