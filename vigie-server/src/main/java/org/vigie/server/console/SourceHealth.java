package org.vigie.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigie.core.model.SourceKind;
import org.vigie.server.HealthContribution;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.store.SourceActivity;
import org.vigie.store.Store;

/**
 * Every source the centre depends on, in one table: feed connectors (from their health reports), cameras and
 * acoustic sensors (expected, so a silent one shows as never seen), and any other source that sent events.
 *
 * @param rows       one per source, connectors first, then cameras, sensors and other sources
 * @param quarantine records quarantined in the window, per channel
 */
public record SourceHealth(Instant since, List<Row> rows, Map<String, Long> quarantine) {
    public static final Duration WINDOW = Duration.ofHours(24);

    /**
     * @param group       connector, camera, sensor or source
     * @param lastSeen    the newest event's occurrence (or the connector's last success), null if never
     * @param lag         how late the newest event arrived, null if unknown
     * @param errorRate   quarantined / (events + quarantined) in the window, null when nothing arrived
     * @param state       up, failing, silent … in the words of the source's own report where it has one
     */
    public record Row(String group, String name, String detail, Instant lastSeen, Duration lag, long events,
                      long quarantined, Double errorRate, String state) {
    }

    static SourceHealth collect(Store store, List<HealthContribution> contributions, CameraDirectory cameras,
                                List<ConsoleSettings.Sensor> sensors, Instant now) {
        Instant since = now.minus(WINDOW);
        Map<String, Long> quarantine = store.quarantine().countByChannelSince(since);
        var activity = new HashMap<String, SourceActivity>();
        for (SourceActivity a : store.events().activitySince(since)) {
            activity.put(a.kind().jsonName() + "/" + a.sourceId(), a);
        }
        var rows = new ArrayList<Row>();
        for (HealthContribution h : contributions) {
            JsonNode report = report(h);
            JsonNode connectors = report.path("connectors");
            if (connectors.isArray()) {
                for (JsonNode c : connectors) {
                    String source = c.path("source").asText("");
                    SourceActivity a = activityOf(activity, source);
                    Instant last = instant(c.path("lastSuccess"));
                    rows.add(row("connector", c.path("name").asText(), c.path("format").asText() + " → " + source, a,
                            last, quarantinedFor(quarantine, c.path("name").asText(), source), c.path("state").asText("unknown")));
                }
            } else {
                rows.add(new Row("connector", h.name(), report.path("error").asText(""), null, null, 0, 0, null,
                        report.path("status").asText("unknown")));
            }
        }
        for (CameraDirectory.Camera c : cameras.cameras()) {
            SourceActivity a = activity.remove(SourceKind.CAMERA.jsonName() + "/" + c.id());
            rows.add(row("camera", c.name(), c.id(), a, null, quarantinedFor(quarantine, c.id(), c.id()),
                    a == null ? "silent" : "up"));
        }
        for (ConsoleSettings.Sensor s : sensors) {
            SourceActivity a = activity.remove(SourceKind.ACOUSTIC_SENSOR.jsonName() + "/" + s.id());
            rows.add(row("sensor", s.name(), s.id(), a, null, quarantinedFor(quarantine, s.id(), s.id()),
                    a == null ? "silent" : "up"));
        }
        activity.values().stream().sorted((x, y) -> (x.kind().jsonName() + x.sourceId()).compareTo(y.kind().jsonName() + y.sourceId()))
                .forEach(a -> rows.add(row("source", a.kind().jsonName() + "/" + a.sourceId(), a.kind().jsonName(), a, null,
                        quarantinedFor(quarantine, a.sourceId(), a.sourceId()), "up")));
        return new SourceHealth(since, rows, quarantine);
    }

    private static Row row(String group, String name, String detail, SourceActivity a, Instant fallbackLastSeen,
                           long quarantined, String state) {
        long events = a == null ? 0 : a.events();
        Instant last = a != null ? a.lastOccurred() : fallbackLastSeen;
        Double rate = events + quarantined == 0 ? null : (double) quarantined / (events + quarantined);
        return new Row(group, name, detail, last, a == null ? null : a.lag(), events, quarantined, rate, state);
    }

    /** A connector's report names its source as {@code kind/id} or as a bare id. */
    private static SourceActivity activityOf(Map<String, SourceActivity> activity, String source) {
        SourceActivity exact = activity.remove(source);
        if (exact != null) {
            return exact;
        }
        for (var e : List.copyOf(activity.entrySet())) {
            if (e.getValue().sourceId().equals(source)) {
                return activity.remove(e.getKey());
            }
        }
        return null;
    }

    /**
     * Quarantine channels are named by whoever ingests ({@code feed:NAME}, {@code api}, a file name …), not by
     * source; a channel counts for a source when it names the source's connector or id.
     */
    private static long quarantinedFor(Map<String, Long> quarantine, String name, String source) {
        long n = 0;
        for (var e : quarantine.entrySet()) {
            String ch = e.getKey();
            if (!name.isEmpty() && (ch.equals(name) || ch.endsWith(":" + name) || ch.contains(":" + name + ":"))
                    || !source.isEmpty() && (ch.equals(source) || ch.endsWith(":" + source) || ch.endsWith("=" + source))) {
                n += e.getValue();
            }
        }
        return n;
    }

    private static JsonNode report(HealthContribution h) {
        try {
            return h.check();
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.objectNode().put("status", "unknown").put("error", String.valueOf(e.getMessage()));
        }
    }

    private static Instant instant(JsonNode n) {
        try {
            return n.isTextual() ? Instant.parse(n.asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    ObjectNode json() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("since", since.toString());
        ArrayNode items = body.putArray("sources");
        for (Row r : rows) {
            ObjectNode o = items.addObject().put("group", r.group()).put("name", r.name()).put("detail", r.detail())
                    .put("state", r.state()).put("events", r.events()).put("quarantined", r.quarantined());
            o.put("lastSeen", r.lastSeen() == null ? null : r.lastSeen().toString());
            o.put("lagSeconds", r.lag() == null ? null : r.lag().toMillis() / 1000.0);
            o.put("errorRate", r.errorRate());
        }
        ObjectNode q = body.putObject("quarantine");
        quarantine.forEach(q::put);
        return body;
    }
}
