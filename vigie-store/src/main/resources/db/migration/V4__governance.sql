-- Governance: local accounts, the tamper-evident audit log, and what retention keeps of old events.

-- password_hash is a PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash); the password itself is never stored.
-- role is the JSON name of a role (operator, supervisor, auditor, admin). A disabled account cannot sign in but
-- keeps its name, so the audit log never points at a name that later means someone else.
CREATE TABLE accounts (
    name          TEXT NOT NULL PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0
);

-- Append-only. hash = SHA-256 over the canonical encoding of the row's other fields and prev_hash, the hash of
-- the row before (64 zeros for the first): editing, inserting or deleting a row breaks the chain at that row.
-- seq is the primary key, so two writers (two processes on one PostgreSQL) cannot both append the same next row.
CREATE TABLE audit_log (
    seq       BIGINT NOT NULL PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    role      TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Events past their retention, reduced to counts: per UTC day, H3 cell at resolution 7 (about 5 km²), event type
-- and kind of source. Enough for baselines and yearly statistics; nothing about any single report survives.
CREATE TABLE event_aggregates (
    day         TEXT NOT NULL,
    cell        BIGINT NOT NULL,
    type        TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    events      BIGINT NOT NULL,
    PRIMARY KEY (day, cell, type, source_kind)
);

-- An incident keeps the ids of its members after retention deletes the events themselves: its summary (how many
-- events, of which kinds) stays true. So the link to events loses its REFERENCES; the table is rebuilt because
-- SQLite cannot drop a constraint.
CREATE TABLE incident_events_v4 (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    event_id    TEXT NOT NULL,
    ordinal     INTEGER NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);
INSERT INTO incident_events_v4 (incident_id, event_id, ordinal)
    SELECT incident_id, event_id, ordinal FROM incident_events;
DROP TABLE incident_events;
ALTER TABLE incident_events_v4 RENAME TO incident_events;
CREATE INDEX incident_events_event ON incident_events (event_id);
