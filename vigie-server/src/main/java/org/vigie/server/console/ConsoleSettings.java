package org.vigie.server.console;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the console needs from configuration.
 *
 * @param tileUrl         a Leaflet tile URL template ({@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}); empty
 *                        for an offline centre, where the map shows the built-in district layer alone
 * @param tileAttribution the credit the tile provider asks for
 * @param sensors         the acoustic sensors, for the map and the source health page
 * @param timeZone        the centre's clock: times are shown and typed in it
 */
public record ConsoleSettings(String tileUrl, String tileAttribution, List<Sensor> sensors, ZoneId timeZone) {
    public static final String OPENSTREETMAP = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public static final String OPENSTREETMAP_CREDIT = "© OpenStreetMap contributors";

    public ConsoleSettings {
        tileUrl = tileUrl == null ? "" : tileUrl.strip();
        tileAttribution = tileAttribution == null ? "" : tileAttribution;
        sensors = List.copyOf(sensors);
        Objects.requireNonNull(timeZone, "timeZone");
        if (!tileUrl.isEmpty() && !(tileUrl.startsWith("https://") || tileUrl.startsWith("http://") || tileUrl.startsWith("/"))
                || !tileUrl.isEmpty() && !(tileUrl.contains("{z}") && tileUrl.contains("{x}") && tileUrl.contains("{y}"))) {
            throw new IllegalArgumentException("console tile URL must be an http(s) or local URL with {z}, {x} and {y}, got '"
                    + tileUrl + "'");
        }
    }

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(OPENSTREETMAP, OPENSTREETMAP_CREDIT, List.of(), ZoneId.of("Europe/Paris"));
    }

    /** An acoustic sensor: where it listens. */
    public record Sensor(String id, String name, double lat, double lon) {
        public Sensor {
            if (id == null || id.isBlank() || name == null || name.isBlank()) {
                throw new IllegalArgumentException("a sensor needs an id and a name");
            }
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException("sensor " + id + " has an impossible position " + lat + ", " + lon);
            }
        }
    }
}
