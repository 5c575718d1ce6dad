package org.vigie.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions of signed-in people, in memory: a restart signs everyone out, which is the safe direction.
 * The map is keyed by the SHA-256 of the token, so a heap dump does not hand out live cookies. Thread-safe.
 */
public final class Sessions {
    /**
     * @param csrf the token every state-changing request of this session must carry
     */
    public record Session(String user, Role role, String csrf, Instant createdAt, Instant lastUsed) {
    }

    /** What sign-in gives the browser: the cookie value, and the session. */
    public record Opened(String token, Session session) {
    }

    private final Map<String, Session> byTokenHash = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final InstantSource clock;
    private final Duration idle;
    private final Duration absolute;

    public Sessions(InstantSource clock, Duration idle, Duration absolute) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    public Opened open(String user, Role role) {
        Instant now = clock.instant();
        if (byTokenHash.size() > 10_000) {
            byTokenHash.values().removeIf(s -> expired(s, now));
        }
        String token = randomToken();
        var session = new Session(user, role, randomToken(), now, now);
        byTokenHash.put(digest(token), session);
        return new Opened(token, session);
    }

    /** The live session of a token, marked as used now; empty (and forgotten) when it expired. */
    public Optional<Session> use(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String key = digest(token);
        Instant now = clock.instant();
        Session s = byTokenHash.computeIfPresent(key, (k, old) -> expired(old, now) ? null
                : new Session(old.user(), old.role(), old.csrf(), old.createdAt(), now));
        return Optional.ofNullable(s);
    }

    public void close(String token) {
        if (token != null) {
            byTokenHash.remove(digest(token));
        }
    }

    /** Ends every session of an account (disabled, deleted, new role or password). */
    public void closeAllOf(String user) {
        byTokenHash.values().removeIf(s -> s.user().equals(user));
    }

    public Duration absolute() {
        return absolute;
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(idle)) || !now.isBefore(s.createdAt().plus(absolute));
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
