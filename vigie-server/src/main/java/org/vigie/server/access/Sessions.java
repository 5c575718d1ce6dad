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
import org.vigie.store.SessionRepository;

/**
 * Server-side sessions of signed-in people. They are kept in the store (table {@code sessions}), so a restart
 * does not sign everyone out, or in memory for a server without a store of its own (tests). Either way they are
 * keyed by the SHA-256 of the token: neither a database copy nor a heap dump hands out live cookies. Thread-safe.
 */
public final class Sessions {
    /** Expired rows are deleted at most this often (on sign-in), besides at start. */
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    /**
     * The last use is written back at most this often per session: a database write on every request would cost
     * more than it tells. A session may so end up to this much before its idle limit, never after.
     */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /**
     * @param csrf the token every state-changing request of this session must carry
     */
    public record Session(String user, Role role, String csrf, Instant createdAt, Instant lastUsed) {
    }

    /** What sign-in gives the browser: the cookie value, and the session. */
    public record Opened(String token, Session session) {
    }

    /** Where sessions are kept, by token hash. */
    private interface Keeping {
        void put(String hash, Session s);

        Optional<Session> get(String hash);

        void touch(String hash, Instant at);

        void remove(String hash);

        void removeAllOf(String user);

        void purge(Instant idleBefore, Instant openedBefore);
    }

    private final Keeping kept;
    private final SecureRandom random = new SecureRandom();
    private final InstantSource clock;
    private final Duration idle;
    private final Duration absolute;
    private final Duration touchEvery;
    private volatile Instant lastPurge = Instant.MIN;

    /** In memory: a restart signs everyone out. */
    public Sessions(InstantSource clock, Duration idle, Duration absolute) {
        this(new InMemory(), clock, idle, absolute);
    }

    /** In the store: sessions survive a restart of the server on the same database. */
    public Sessions(SessionRepository store, InstantSource clock, Duration idle, Duration absolute) {
        this(new Stored(store), clock, idle, absolute);
    }

    private Sessions(Keeping kept, InstantSource clock, Duration idle, Duration absolute) {
        this.kept = kept;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        Duration tenth = idle.dividedBy(10);
        this.touchEvery = tenth.compareTo(TOUCH_EVERY) < 0 ? tenth : TOUCH_EVERY;
        purgeIfDue(clock.instant());
    }

    public Opened open(String user, Role role) {
        Instant now = clock.instant();
        purgeIfDue(now);
        String token = randomToken();
        var session = new Session(user, role, randomToken(), now, now);
        kept.put(digest(token), session);
        return new Opened(token, session);
    }

    /** The live session of a token, marked as used now; empty (and forgotten) when it expired. */
    public Optional<Session> use(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String key = digest(token);
        Instant now = clock.instant();
        Optional<Session> found = kept.get(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session old = found.get();
        if (expired(old, now)) {
            kept.remove(key);
            return Optional.empty();
        }
        if (!now.isBefore(old.lastUsed().plus(touchEvery))) {
            kept.touch(key, now);
        }
        return Optional.of(new Session(old.user(), old.role(), old.csrf(), old.createdAt(), now));
    }

    public void close(String token) {
        if (token != null) {
            kept.remove(digest(token));
        }
    }

    /** Ends every session of an account (disabled, deleted, new role or password). */
    public void closeAllOf(String user) {
        kept.removeAllOf(user);
    }

    public Duration absolute() {
        return absolute;
    }

    private void purgeIfDue(Instant now) {
        if (!now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            kept.purge(now.minus(idle), now.minus(absolute));
        }
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

    private static final class InMemory implements Keeping {
        private final Map<String, Session> byHash = new ConcurrentHashMap<>();

        @Override
        public void put(String hash, Session s) {
            byHash.put(hash, s);
        }

        @Override
        public Optional<Session> get(String hash) {
            return Optional.ofNullable(byHash.get(hash));
        }

        @Override
        public void touch(String hash, Instant at) {
            byHash.computeIfPresent(hash, (k, s) -> at.isAfter(s.lastUsed())
                    ? new Session(s.user(), s.role(), s.csrf(), s.createdAt(), at) : s);
        }

        @Override
        public void remove(String hash) {
            byHash.remove(hash);
        }

        @Override
        public void removeAllOf(String user) {
            byHash.values().removeIf(s -> s.user().equals(user));
        }

        @Override
        public void purge(Instant idleBefore, Instant openedBefore) {
            byHash.values().removeIf(s -> !s.lastUsed().isAfter(idleBefore) || !s.createdAt().isAfter(openedBefore));
        }
    }

    private record Stored(SessionRepository store) implements Keeping {
        @Override
        public void put(String hash, Session s) {
            store.insert(new SessionRepository.StoredSession(hash, s.user(), s.role().jsonName(), s.csrf(), s.createdAt(),
                    s.lastUsed()));
        }

        @Override
        public Optional<Session> get(String hash) {
            // A row whose role this version does not know (a hand edit, a newer writer) is no session at all.
            return store.find(hash).flatMap(r -> Role.fromJson(r.role()).filter(Role::isForAccounts)
                    .map(role -> new Session(r.user(), role, r.csrf(), r.createdAt(), r.lastUsed())));
        }

        @Override
        public void touch(String hash, Instant at) {
            store.touch(hash, at);
        }

        @Override
        public void remove(String hash) {
            store.delete(hash);
        }

        @Override
        public void removeAllOf(String user) {
            store.deleteAllOf(user);
        }

        @Override
        public void purge(Instant idleBefore, Instant openedBefore) {
            store.purge(idleBefore, openedBefore);
        }
    }
}
