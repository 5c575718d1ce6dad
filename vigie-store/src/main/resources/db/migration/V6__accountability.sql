-- Accountability: what operators decided about each alert, and the results of offline detector evaluations.

-- One row per incident confirmed or dismissed, written in the transaction that stores the verdict. Closing an
-- incident replaces its verdict, so without this row a closed incident no longer says whether it was right.
CREATE TABLE incident_decisions (
    incident_id TEXT NOT NULL PRIMARY KEY REFERENCES incidents (id),
    confirmed   BOOLEAN NOT NULL,
    decided_at  BIGINT NOT NULL,
    reason      TEXT NOT NULL
);

-- Incidents decided before this migration: their current status and verdict still tell.
INSERT INTO incident_decisions (incident_id, confirmed, decided_at, reason)
SELECT id, status = 'confirmed', verdict_at, COALESCE(verdict_reason, '')
FROM incidents WHERE status IN ('confirmed', 'dismissed') AND verdict_at IS NOT NULL;

-- Alerts of a period are the incidents opened in it.
CREATE INDEX incidents_first_seen ON incidents (first_seen);

-- classes: {"gunshot": {"precision": 0.9, "recall": 0.8, "f1": 0.85, "support": 96}}.
CREATE TABLE evaluations (
    id          TEXT NOT NULL PRIMARY KEY,
    detector    TEXT NOT NULL,
    version     TEXT NOT NULL,
    dataset     TEXT NOT NULL,
    run_at      BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    classes     TEXT NOT NULL
);
CREATE INDEX evaluations_detector ON evaluations (detector, run_at);
