package org.vigie.feeds.gtfs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a GTFS-Realtime document holds and what is wrong with it, checked against the static feed.
 *
 * @param headerTime the header's timestamp, if it has a usable one
 */
public record RealtimeReport(int entities, int alerts, int vehicles, int tripUpdates, Optional<Instant> headerTime,
                             List<RealtimeFinding> findings) {
    public RealtimeReport {
        findings = List.copyOf(findings);
    }

    /** The findings with this code, in document order. */
    public List<RealtimeFinding> withCode(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    /** The distinct codes found, sorted. */
    public List<String> codes() {
        return findings.stream().map(RealtimeFinding::code).distinct().sorted().toList();
    }
}
