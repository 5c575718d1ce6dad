package org.vigie.store;

import static org.vigie.store.Tables.Sessions.CREATED_AT;
import static org.vigie.store.Tables.Sessions.CSRF;
import static org.vigie.store.Tables.Sessions.LAST_USED;
import static org.vigie.store.Tables.Sessions.ROLE;
import static org.vigie.store.Tables.Sessions.TABLE;
import static org.vigie.store.Tables.Sessions.TOKEN_HASH;
import static org.vigie.store.Tables.Sessions.USER_NAME;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Sessions of signed-in people, keyed by the SHA-256 of the session token (the token itself is never stored).
 * Every write is one committed statement.
 */
public final class SessionRepository {
    /**
     * @param tokenHash SHA-256 (hex) of the cookie's token
     * @param role      the JSON name of the role
     * @param csrf      the token changes made with this session must carry
     */
    public record StoredSession(String tokenHash, String user, String role, String csrf, Instant createdAt,
                                Instant lastUsed) {
        public StoredSession {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(csrf, "csrf");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(lastUsed, "lastUsed");
        }
    }

    private final DSLContext db;

    SessionRepository(DSLContext db) {
        this.db = db;
    }

    public void insert(StoredSession s) {
        db.insertInto(TABLE).set(TOKEN_HASH, s.tokenHash()).set(USER_NAME, s.user()).set(ROLE, s.role())
                .set(CSRF, s.csrf()).set(CREATED_AT, s.createdAt()).set(LAST_USED, s.lastUsed()).execute();
    }

    public Optional<StoredSession> find(String tokenHash) {
        return db.select(TOKEN_HASH, USER_NAME, ROLE, CSRF, CREATED_AT, LAST_USED).from(TABLE)
                .where(TOKEN_HASH.eq(tokenHash))
                .fetchOptional(r -> new StoredSession(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6()));
    }

    /** Moves the last use forward (never back: two requests of one session may finish out of order). */
    public void touch(String tokenHash, Instant lastUsed) {
        db.update(TABLE).set(LAST_USED, lastUsed).where(TOKEN_HASH.eq(tokenHash)).and(LAST_USED.lt(lastUsed)).execute();
    }

    /** @return whether there was such a session */
    public boolean delete(String tokenHash) {
        return db.deleteFrom(TABLE).where(TOKEN_HASH.eq(tokenHash)).execute() == 1;
    }

    /** Ends every session of an account; @return how many */
    public int deleteAllOf(String user) {
        return db.deleteFrom(TABLE).where(USER_NAME.eq(user)).execute();
    }

    /**
     * Deletes sessions unused since {@code idleBefore} or opened before {@code openedBefore}.
     *
     * @return how many
     */
    public int purge(Instant idleBefore, Instant openedBefore) {
        return db.deleteFrom(TABLE).where(LAST_USED.le(idleBefore)).or(CREATED_AT.le(openedBefore)).execute();
    }

    public long count() {
        return db.fetchCount(TABLE);
    }
}
