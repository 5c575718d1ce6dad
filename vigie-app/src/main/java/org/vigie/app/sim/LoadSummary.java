package org.vigie.app.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.vigie.core.json.Json;
import org.vigie.core.model.SourceKind;

/**
 * What a {@link LoadRun} measured.
 *
 * @param events                events sent and acknowledged
 * @param situations            the situations behind them (ground truth)
 * @param eventsBySource        events sent, by kind of source
 * @param latency               end-to-end latency of the events seen in an incident
 * @param incidentsOpened       incidents opened by the load's events
 * @param lag                   what the target still had to process when the run ended
 * @param loss                  events acknowledged, never seen in an incident, and not in the target's store
 * @param storedWithoutIncident events acknowledged and stored but never seen in an incident (the drain timed out)
 * @param drained               whether the target processed everything before the drain timeout
 * @param sendSeconds           wall time spent sending
 * @param wallSeconds           wall time of the whole run: sending, then draining
 */
public record LoadSummary(long events, long situations, Map<SourceKind, Long> eventsBySource, Latency latency,
                          long incidentsOpened, long lag, long loss, long storedWithoutIncident, boolean drained,
                          double sendSeconds, double wallSeconds) {
    public LoadSummary {
        eventsBySource = Map.copyOf(eventsBySource);
    }

    /**
     * Percentiles of the end-to-end latency in milliseconds, by nearest rank; NaN when no event was seen.
     *
     * @param count how many events it was measured on
     */
    public record Latency(long count, double p50Millis, double p99Millis, double maxMillis) {
        static Latency of(long[] sortedNanos) {
            int n = sortedNanos.length;
            if (n == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latency(n, millis(sortedNanos[rank(0.50, n)]), millis(sortedNanos[rank(0.99, n)]),
                    millis(sortedNanos[n - 1]));
        }

        private static int rank(double p, int n) {
            return (int) Math.ceil(p * n) - 1;
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 1e5) / 10.0;
        }
    }

    /** Events per second of wall time, from the first batch to the end of the drain. */
    public double eventsPerSecond() {
        return events / wallSeconds;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("events", events);
        json.put("situations", situations);
        ObjectNode sources = json.putObject("events_by_source");
        eventsBySource.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sources.put(e.getKey().jsonName(), e.getValue()));
        json.put("events_per_second", Math.round(eventsPerSecond()));
        ObjectNode l = json.putObject("latency_ms");
        l.put("events", latency.count());
        putMillis(l, "p50", latency.p50Millis());
        putMillis(l, "p99", latency.p99Millis());
        putMillis(l, "max", latency.maxMillis());
        json.put("lag", lag);
        json.put("loss", loss);
        json.put("stored_without_incident", storedWithoutIncident);
        json.put("drained", drained);
        json.put("incidents_opened", incidentsOpened);
        json.put("send_seconds", Math.round(sendSeconds * 1000) / 1000.0);
        json.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        return json;
    }

    private static void putMillis(ObjectNode json, String name, double millis) {
        if (Double.isNaN(millis)) {
            json.putNull(name);
        } else {
            json.put(name, millis);
        }
    }

    /** The summary for a person, one measure a line. */
    public List<String> lines() {
        var lines = new ArrayList<String>();
        lines.add(f("events sent       %,d (%,d situations) in %.2f s: %,d events/s", events, situations,
                wallSeconds, Math.round(eventsPerSecond())));
        lines.add("  by source       " + eventsBySource.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().jsonName() + " " + f("%,d", e.getValue())).collect(Collectors.joining(", ")));
        lines.add(latency.count() == 0 ? "latency           no event reached an incident"
                : f("latency           p50 %.1f ms, p99 %.1f ms, max %.1f ms (batch handed over -> incident change seen)",
                        latency.p50Millis(), latency.p99Millis(), latency.maxMillis()));
        lines.add(f("incidents opened  %,d", incidentsOpened));
        lines.add(f("lag at the end    %,d%s", lag, drained ? "" : " (drain timed out)"));
        lines.add(f("loss              %,d%s", loss, storedWithoutIncident == 0 ? ""
                : f(" (%,d more stored but never seen in an incident)", storedWithoutIncident)));
        lines.add(f("wall time         %.2f s (sending %.2f s, draining %.2f s)", wallSeconds, sendSeconds,
                wallSeconds - sendSeconds));
        return lines;
    }

    /** Figures written the same way whatever the machine's locale. */
    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
