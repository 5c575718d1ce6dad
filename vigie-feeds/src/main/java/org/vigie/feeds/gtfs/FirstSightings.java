package org.vigie.feeds.gtfs;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a realtime record that carries no start time of its own (an open-ended alert, a late trip) was first seen,
 * so that its event keeps one time, hence one id, however often and in whatever order it is polled. Forgotten
 * once it has not been seen for a day of the source's feed time, and bounded in size. Thread-safe.
 */
final class FirstSightings {
    static final int MAX_PER_SOURCE = 100_000;

    private record Sighting(Instant first, Instant last) {
    }

    private final Map<String, Map<String, Sighting>> bySource = new ConcurrentHashMap<>();

    Instant first(String source, String key, Instant now) {
        return bySource.computeIfAbsent(source, s -> new ConcurrentHashMap<>())
                .compute(key, (k, s) -> s == null ? new Sighting(now, now)
                        : new Sighting(s.first(), s.last().isAfter(now) ? s.last() : now)).first();
    }

    void forgetBefore(String source, Instant cutoff) {
        Map<String, Sighting> seen = bySource.get(source);
        if (seen == null) {
            return;
        }
        seen.values().removeIf(s -> s.last().isBefore(cutoff));
        if (seen.isEmpty()) {
            // A source that stopped sending costs nothing; a poll racing this at worst re-dates one record.
            bySource.remove(source, seen);
        }
        if (seen.size() > MAX_PER_SOURCE) {
            // A feed that invents ids on every poll: keep the most recent, lose the oldest first.
            seen.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().last()))
                    .limit(seen.size() - MAX_PER_SOURCE).map(Map.Entry::getKey).toList().forEach(seen::remove);
        }
    }
}
