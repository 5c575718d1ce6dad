package org.vigie.feeds.gtfs;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigie.core.geo.GeoMath;

/**
 * Since when each vehicle of a source has stood where it is, across polls. Keyed by the operator's vehicle id (a
 * bus or a train, never a person); only the place where it stopped and two times are kept, and a vehicle not seen
 * for an hour of feed time is forgotten. Thread-safe: a poller and an upload may report the same source at once.
 */
final class VehicleStillness {
    static final int MAX_PER_SOURCE = 50_000;
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    /** Where the vehicle stopped (not its latest fix, so that GPS drift cannot walk it away), and when. */
    private record Stand(double lat, double lon, Instant since, Instant lastSeen, String trip) {
    }

    private final Map<String, Map<String, Stand>> bySource = new ConcurrentHashMap<>();

    /**
     * Records a position.
     *
     * @param trip what the vehicle is doing (its trip), so that a vehicle that starts a new trip where it stood is
     *             not taken for one that never left
     * @return since when the vehicle has stood within {@code radiusMeters} of this place; empty when the position
     *         is older than one already seen (a replayed or reordered document says nothing new)
     */
    Optional<Instant> observe(String source, String vehicle, double lat, double lon, Instant at, String trip,
                              double radiusMeters, Duration maxGap) {
        Instant[] since = new Instant[1];
        bySource.computeIfAbsent(source, s -> new ConcurrentHashMap<>()).compute(vehicle, (k, s) -> {
            if (s != null && at.isBefore(s.lastSeen())) {
                return s;
            }
            Stand next;
            if (s == null || !Objects.equals(trip, s.trip())
                    || Duration.between(s.lastSeen(), at).compareTo(maxGap) > 0
                    || GeoMath.distanceMeters(s.lat(), s.lon(), lat, lon) > radiusMeters) {
                next = new Stand(lat, lon, at, at, trip);
            } else {
                next = new Stand(s.lat(), s.lon(), s.since(), at, trip);
            }
            since[0] = next.since();
            return next;
        });
        return Optional.ofNullable(since[0]);
    }

    void forgetBefore(String source, Instant cutoff) {
        Map<String, Stand> stands = bySource.get(source);
        if (stands == null) {
            return;
        }
        stands.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
        if (stands.isEmpty()) {
            // A source that stopped sending costs nothing; a poll racing this at worst restarts one stand.
            bySource.remove(source, stands);
        }
        if (stands.size() > MAX_PER_SOURCE) {
            stands.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().lastSeen()))
                    .limit(stands.size() - MAX_PER_SOURCE).map(Map.Entry::getKey).toList().forEach(stands::remove);
        }
    }
}
