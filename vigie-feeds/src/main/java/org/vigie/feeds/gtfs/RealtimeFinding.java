package org.vigie.feeds.gtfs;

/**
 * Something a GTFS-Realtime document does not do as the reference asks. Codes are those of MobilityData's
 * GTFS-Realtime validator where the rule is the same ({@code W001} timestamp not populated, {@code E003} trip_id not
 * in the static GTFS…), so that a report can be compared with the validator's.
 *
 * @param where what it concerns, in the validator's words: {@code vehicle_id 1536}, {@code entity ID 3},
 *              {@code header.timestamp}
 */
public record RealtimeFinding(String code, String where, String message) {
    @Override
    public String toString() {
        return code + " " + where + ": " + message;
    }
}
