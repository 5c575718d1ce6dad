package org.vigie.feeds.social;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * One random salt per detection window, held in memory only and dropped a few windows later: the salt rotates with
 * the window, so the same author gets unrelated tokens in two windows, and once a salt is gone no one (Vigie
 * included) can recompute or link the tokens made with it. Nothing here is ever written anywhere.
 *
 * <p>Thread-safe (synchronised): a streaming client and a file import may share one parser.
 */
public final class AuthorSalts {
    /** Salts of windows this far behind the newest are forgotten; posts that late get a fresh salt of their own. */
    static final int KEEP_WINDOWS = 2;

    private final long windowSeconds;
    private final RandomGenerator random;
    private final TreeMap<Long, byte[]> salts = new TreeMap<>();

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
     * The key is hashed here and goes no further.
     */
    public synchronized AuthorToken token(String authorKey, Instant at) {
        long window = windowOf(at);
        byte[] salt = salts.get(window);
        if (salt == null) {
            salt = new byte[16];
            random.nextBytes(salt);
            salts.put(window, salt);
            long newest = salts.lastKey();
            for (Iterator<Map.Entry<Long, byte[]>> it = salts.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey() < newest - KEEP_WINDOWS) {
                    java.util.Arrays.fill(e.getValue(), (byte) 0);
                    it.remove();
                } else {
                    break;
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

    /** How many salts are held now (tests: rotation really forgets). */
    synchronized int held() {
        return salts.size();
    }
}
