-- One schema for SQLite and PostgreSQL: only types and statements both accept.
-- Instants are BIGINT microseconds since the epoch (UTC): exact, comparable, and the precision of PostgreSQL's
-- own timestamps. Enumerations are stored by their JSON names, the identifiers the API and config files use.

-- Append-only: a row is never updated; a second event with the same id is a duplicate, not a correction.
CREATE TABLE events (
    id          TEXT NOT NULL PRIMARY KEY,
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    source_kind TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    type        TEXT NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    accuracy_m  DOUBLE PRECISION NOT NULL,
    h3          BIGINT NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    severity    TEXT NOT NULL,
    attributes  TEXT NOT NULL,
    evidence    TEXT NOT NULL
);
CREATE INDEX events_occurred_at ON events (occurred_at);

-- version is what optimistic concurrency compares: every accepted change raises it.
CREATE TABLE incidents (
    id                TEXT NOT NULL PRIMARY KEY,
    type              TEXT NOT NULL,
    status            TEXT NOT NULL,
    priority          INTEGER NOT NULL,
    severity          TEXT NOT NULL,
    confidence        DOUBLE PRECISION NOT NULL,
    lat               DOUBLE PRECISION NOT NULL,
    lon               DOUBLE PRECISION NOT NULL,
    accuracy_m        DOUBLE PRECISION NOT NULL,
    h3                BIGINT NOT NULL,
    first_seen        BIGINT NOT NULL,
    last_seen         BIGINT NOT NULL,
    event_count       INTEGER NOT NULL,
    source_confidence TEXT NOT NULL,
    verdict_by        TEXT,
    verdict_at        BIGINT,
    verdict_reason    TEXT,
    version           BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
-- The operator's queue filters by status and sorts by priority then recency.
CREATE INDEX incidents_queue ON incidents (status, priority, last_seen);
CREATE INDEX incidents_last_seen ON incidents (last_seen);

-- ordinal keeps the order in which events joined, which is the order of Incident.eventIds.
CREATE TABLE incident_events (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    event_id    TEXT NOT NULL REFERENCES events (id),
    ordinal     INTEGER NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);
-- Recovery looks for events that belong to no incident.
CREATE INDEX incident_events_event ON incident_events (event_id);

CREATE TABLE quarantine (
    id          TEXT NOT NULL PRIMARY KEY,
    received_at BIGINT NOT NULL,
    channel     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    raw         TEXT NOT NULL
);
CREATE INDEX quarantine_received_at ON quarantine (received_at);
