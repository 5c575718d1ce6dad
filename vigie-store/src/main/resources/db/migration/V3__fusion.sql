-- Fusion: composite correlation rules, merges and splits, triage explanations, source reliabilities learnt from
-- verdicts, standard operating procedures, and the spatial index that reconstructs what happened at a place.

-- composite: the composite rule that shaped the incident; member_kinds: members counted by source kind and type
-- ({"citizen/noise": 2}); merged_into: the incident this one was absorbed into; regroupings: merges and splits,
-- oldest first (who, when, why, which incidents, which events). Rows written before this migration get the
-- neutral values, which is what those incidents were.
ALTER TABLE incidents ADD COLUMN composite TEXT;
ALTER TABLE incidents ADD COLUMN member_kinds TEXT NOT NULL DEFAULT '{}';
ALTER TABLE incidents ADD COLUMN priority_explanation TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN merged_into TEXT REFERENCES incidents (id);
ALTER TABLE incidents ADD COLUMN regroupings TEXT NOT NULL DEFAULT '[]';

-- Verdicts per kind of source ('camera') and per source ('camera/cam-7'): how many incidents they took part in
-- were confirmed or dismissed. Written in the transaction that stores the verdict.
CREATE TABLE source_verdicts (
    source    TEXT NOT NULL PRIMARY KEY,
    confirmed BIGINT NOT NULL,
    dismissed BIGINT NOT NULL
);

-- Steps of an incident's procedure an operator marked as done; a step is done once.
CREATE TABLE procedure_steps_done (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    step        TEXT NOT NULL,
    done_by     TEXT NOT NULL,
    done_at     BIGINT NOT NULL,
    PRIMARY KEY (incident_id, step)
);

-- Events around a place in a time range: ranges of resolution-9 H3 cells, then time.
CREATE INDEX events_h3_occurred_at ON events (h3, occurred_at);
