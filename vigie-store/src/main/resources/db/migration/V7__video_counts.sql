-- Anonymous counts from cameras, per minute: persons and vehicles entering each counting zone and its peak
-- occupancy, crossings of each line by direction. Numbers only: no track id, no image, nothing about anyone.
CREATE TABLE video_counts (
    camera       TEXT NOT NULL,
    minute_start BIGINT NOT NULL,
    place        TEXT NOT NULL,
    measure      TEXT NOT NULL,
    objects      TEXT NOT NULL,
    amount       BIGINT NOT NULL,
    PRIMARY KEY (camera, minute_start, place, measure, objects)
);
