-- The operator console: a dismissal reason from a fixed list beside the free text, and the history of every
-- status change of an incident (the incident row keeps only the latest verdict).

-- verdict_reason_code: the DismissalReason's JSON name (reflection, duplicate, ...), null for other verdicts.
ALTER TABLE incidents ADD COLUMN verdict_reason_code TEXT;

-- One row per status change, written in the transaction that stores the change. Append-only.
CREATE TABLE incident_history (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    version     BIGINT NOT NULL,
    status      TEXT NOT NULL,
    by_whom     TEXT NOT NULL,
    at          BIGINT NOT NULL,
    reason_code TEXT,
    reason      TEXT NOT NULL,
    PRIMARY KEY (incident_id, version)
);
