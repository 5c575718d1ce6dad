-- Sessions of signed-in people, kept server-side so that a restart does not sign everyone out.
-- token_hash is the SHA-256 (hex) of the cookie's token: the table never holds a cookie that could be replayed.
-- role is the JSON name of a role; csrf is the token each change of the session must carry (useless without the
-- cookie). A session ends when last_used is older than the idle limit or created_at older than the absolute one;
-- signing out deletes the row, and expired rows are purged.
CREATE TABLE sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_name  TEXT NOT NULL,
    role       TEXT NOT NULL,
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);
CREATE INDEX sessions_last_used ON sessions (last_used);
