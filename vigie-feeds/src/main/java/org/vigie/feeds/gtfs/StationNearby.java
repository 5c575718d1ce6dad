package org.vigie.feeds.gtfs;

/** A station and how far a point is from it. */
public record StationNearby(Station station, double meters) {
    /** {@code 120 m from Noailles (metro M2)}: rounded to 10 m, and to 100 m past a kilometre. */
    public String describe() {
        if (meters < 15) {
            return "at " + station.label();
        }
        if (meters < 1000) {
            return Math.round(meters / 10) * 10 + " m from " + station.label();
        }
        return String.format(java.util.Locale.ROOT, "%.1f km from %s", Math.round(meters / 100) / 10.0, station.label());
    }
}
