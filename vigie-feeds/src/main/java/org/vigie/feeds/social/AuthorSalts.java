package org.vigie.feeds.social;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * One random salt per detection window, held in memory only: the salt rotates with the window, so the same author
 * gets unrelated tokens in two windows, and a window's salt is forgotten as soon as the detector has closed that
 * window ({@link #forgetBefore}), after which no one (Vigie included) can recompute or link the tokens made with
 * it. Nothing here is ever written anywhere.
 *
 * <p>Thread-safe (synchronised): a streaming client and a file import may share one parser.
 */
public final class AuthorSalts {
    /**
     * A bound on the salts held, whatever the input: a window count far beyond any lateness, so that a caller that
     * never calls {@link #forgetBefore} still holds at most this many (the oldest go first).
     */
    static final int MAX_HELD = 4096;

    private final long windowSeconds;
    private final RandomGenerator random;
    private final TreeMap<Long, byte[]> salts = new TreeMap<>();
    /** Windows before this one are closed: their salts are gone and never made again. */
    private long forgottenBefore = Long.MIN_VALUE;

    /** @param random a source of salts; {@link SecureRandom} in production so salts cannot be guessed */
    public AuthorSalts(Duration window, RandomGenerator random) {
        if (window.isNegative() || window.isZero() || window.toSeconds() < 1) {
            throw new IllegalArgumentException("the window must be at least one second, got " + window);
        }
        this.windowSeconds = window.toSeconds();
        this.random = Objects.requireNonNull(random, "random");
    }

    public AuthorSalts(Duration window) {
        this(window, new SecureRandom());
    }

    public long windowOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), windowSeconds);
    }

    /**
     * The token of {@code authorKey} (the account as its server names it) for the window that contains {@code at}.
     * The key is hashed here and goes no further. For a window already forgotten the token is made with a
     * throw-away salt: such a post is late and the detector will not count it.
     */
    public synchronized AuthorToken token(String authorKey, Instant at) {
        long window = windowOf(at);
        byte[] salt;
        if (window < forgottenBefore) {
            salt = new byte[16];
            random.nextBytes(salt);
        } else {
            salt = salts.get(window);
            if (salt == null) {
                salt = new byte[16];
                random.nextBytes(salt);
                salts.put(window, salt);
                while (salts.size() > MAX_HELD) {
                    Arrays.fill(salts.pollFirstEntry().getValue(), (byte) 0);
                }
            }
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            md.update(authorKey.getBytes(StandardCharsets.UTF_8));
            return new AuthorToken(window, ByteBuffer.wrap(md.digest()).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Forgets the salts of every window that starts before {@code t} (the detector closed them). */
    public synchronized void forgetBefore(Instant t) {
        long window = windowOf(t);
        if (window <= forgottenBefore) {
            return;
        }
        forgottenBefore = window;
        var old = salts.headMap(window);
        old.values().forEach(salt -> Arrays.fill(salt, (byte) 0));
        old.clear();
    }

    /** How many salts are held now (tests: rotation really forgets). */
    synchronized int held() {
        return salts.size();
    }
}
