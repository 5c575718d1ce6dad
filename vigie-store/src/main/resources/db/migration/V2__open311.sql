-- Citizen service requests received through Open311 GeoReport v2 (POST requests.json).
-- What the person said about themselves (name, e-mail, phone, device or account id) has no column: it is
-- dropped when the form is read. Status is not stored either: it is the status of the incident the request's
-- event joined, read through incident_events, so it cannot disagree with the operator's decision.
-- event_id names the event the request became; no REFERENCES, so that event retention never has to wait for
-- a request (a request outlives its event only as the record of what the citizen was told).
CREATE TABLE service_requests (
    id           TEXT NOT NULL PRIMARY KEY,
    token        TEXT NOT NULL UNIQUE,
    service_code TEXT NOT NULL,
    service_name TEXT NOT NULL,
    description  TEXT,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    address      TEXT,
    address_id   TEXT,
    media_url    TEXT,
    requested_at BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    event_id     TEXT NOT NULL
);
-- GET requests lists a window of requested_datetime, newest first.
CREATE INDEX service_requests_requested_at ON service_requests (requested_at);
