package org.vigie.feeds.gtfs;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A place where riders board, as a person in the operations centre names it: {@code Noailles (metro M2)}. One
 * station gathers its platforms (the two directions of a metro line are two stops in most feeds).
 *
 * @param id           the GTFS station's stop_id, or the smallest stop_id of the platforms gathered
 * @param radiusMeters how far its farthest platform is from ({@code lat}, {@code lon})
 * @param lines        labels of the routes that call here, sorted
 * @param modes        what those routes run
 */
public record Station(String id, String name, double lat, double lon, double radiusMeters, List<String> stopIds,
                      List<String> lines, Set<TransitMode> modes) {
    public Station {
        stopIds = List.copyOf(stopIds);
        lines = List.copyOf(lines);
        modes = Set.copyOf(modes);
    }

    /** {@code Noailles (metro M2)}, {@code Castellane (metro M1, M2)}, or the bare name when no route calls. */
    public String label() {
        if (lines.isEmpty()) {
            return name;
        }
        String kinds = modes.stream().sorted().map(TransitMode::label).collect(Collectors.joining("/"));
        return name + " (" + kinds + " " + String.join(", ", lines) + ")";
    }
}
