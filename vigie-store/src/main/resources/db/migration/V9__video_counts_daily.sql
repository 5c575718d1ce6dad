-- Cameras' counts once their minutes are older than retention.event-days: one row per UTC day, series by series.
-- Entries and crossings are the day's sums, the peak is the day's highest minute. Numbers only, as video_counts.
CREATE TABLE video_counts_daily (
    camera    TEXT NOT NULL,
    day_start BIGINT NOT NULL,
    place     TEXT NOT NULL,
    measure   TEXT NOT NULL,
    objects   TEXT NOT NULL,
    amount    BIGINT NOT NULL,
    PRIMARY KEY (camera, day_start, place, measure, objects)
);
