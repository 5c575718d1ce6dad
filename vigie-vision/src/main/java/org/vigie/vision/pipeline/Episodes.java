package org.vigie.vision.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.vigie.core.model.EventType;
import org.vigie.vision.rules.Finding;

/**
 * Turns per-frame findings into episodes with a start, periodic updates and an end (Frigate's lesson: an
 * operator wants one item per situation, not one per frame). A situation missing for a short grace period ends;
 * one that comes back later is a new episode.
 */
public final class Episodes {
    public enum Phase { START, UPDATE, END }

    /** One change of one episode. {@code finding} is the last one seen (also for the end). */
    public record Change(Phase phase, EventType type, String episodeId, double startedAt, double t, Finding finding) {}

    private static final class Open {
        final String id;
        final double startedAt;
        double lastSeen;
        double lastReported;
        Finding last;

        Open(String id, double t, Finding f) {
            this.id = id;
            this.startedAt = t;
            this.lastSeen = t;
            this.lastReported = t;
            this.last = f;
        }
    }

    private final double graceSeconds;
    private final double updateEverySeconds;
    private final Map<String, Open> open = new HashMap<>();
    private long counter;

    public Episodes(double graceSeconds, double updateEverySeconds) {
        this.graceSeconds = graceSeconds;
        this.updateEverySeconds = updateEverySeconds;
    }

    public List<Change> observe(EventType type, List<Finding> findings, double t) {
        var out = new ArrayList<Change>();
        for (Finding f : findings) {
            String k = type.jsonName() + "|" + f.key();
            Open o = open.get(k);
            if (o == null) {
                o = new Open(type.jsonName() + "-" + (++counter), t, f);
                open.put(k, o);
                out.add(new Change(Phase.START, type, o.id, t, t, f));
            } else {
                o.lastSeen = t;
                o.last = f;
                if (t - o.lastReported >= updateEverySeconds) {
                    o.lastReported = t;
                    out.add(new Change(Phase.UPDATE, type, o.id, o.startedAt, t, f));
                }
            }
        }
        String prefix = type.jsonName() + "|";
        for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Open o = e.getValue();
            if (e.getKey().startsWith(prefix) && t - o.lastSeen > graceSeconds) {
                it.remove();
                out.add(new Change(Phase.END, type, o.id, o.startedAt, o.lastSeen, o.last));
            }
        }
        return out;
    }

    /** Ends every open episode (the stream ended or the camera stops). */
    public List<Change> closeAll() {
        var out = new ArrayList<Change>();
        for (var e : open.entrySet()) {
            Open o = e.getValue();
            EventType type = EventType.getByJsonName(e.getKey().substring(0, e.getKey().indexOf('|')));
            out.add(new Change(Phase.END, type, o.id, o.startedAt, o.lastSeen, o.last));
        }
        open.clear();
        out.sort(java.util.Comparator.comparingDouble(Change::t));
        return out;
    }
}
