package org.vigie.feeds.social;

/**
 * A pseudonymous stand-in for a post's author, valid for one detection window only: a salted hash whose salt
 * lives in memory for that window and is then forgotten ({@link AuthorSalts}), so tokens of two windows cannot be
 * linked and no token can be traced back once its window is gone. It exists for one purpose: counting distinct
 * authors for the k-authors floor of {@link BurstDetector}. It is deliberately not a field of {@link PostSignal}
 * and has no text form, so nothing that stores, prints or serialises signals can carry it.
 */
public final class AuthorToken {
    private final long window;
    private final long value;

    AuthorToken(long window, long value) {
        this.window = window;
        this.value = value;
    }

    /** The window index (window-length periods since the epoch) whose salt made this token. */
    long window() {
        return window;
    }

    long value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorToken t && t.window == window && t.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value * 31 + window);
    }

    /** Opaque on purpose: a token must never end up in a log line. */
    @Override
    public String toString() {
        return "AuthorToken[window " + window + "]";
    }
}
