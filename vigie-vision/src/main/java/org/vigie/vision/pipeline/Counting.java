package org.vigie.vision.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.vision.camera.DirectionLine;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.rules.SceneFrame;
import org.vigie.vision.track.Track;

/**
 * Anonymous counts per minute: persons and vehicles entering each counting zone and its peak occupancy, and
 * crossings of each line by direction. Only numbers leave; track ids are used within the minute to avoid counting
 * the same track twice and are then dropped.
 */
public final class Counting {
    private final String camera;
    private Instant minute;
    private final Map<String, Long> values = new HashMap<>();
    private final Set<String> inside = new HashSet<>();
    private final Map<String, Integer> sides = new HashMap<>();

    public Counting(String camera) {
        this.camera = camera;
    }

    /** Counts one frame; returns the samples of the minute that just closed, if one did. */
    public List<CountSample> observe(SceneFrame f) {
        Instant m = f.at().truncatedTo(ChronoUnit.MINUTES);
        List<CountSample> closed = minute != null && !m.equals(minute) ? flush() : List.of();
        minute = m;
        var nowInside = new HashSet<String>();
        var alive = new HashSet<String>();
        for (Zone z : f.layout().zones(Zone.Kind.COUNTING)) {
            long persons = 0;
            long vehicles = 0;
            for (Track t : f.tracks()) {
                String cls = cls(t);
                if (cls == null || !t.confirmed()) {
                    continue;
                }
                var b = t.lastBox();
                if (z.polygon().contains(f.nx(b.footX()), f.ny(b.footY()))) {
                    String k = z.name() + "|" + t.id();
                    nowInside.add(k);
                    if (!inside.contains(k)) {
                        values.merge(key(z.name(), "entries", cls), 1L, Long::sum);
                    }
                    if (cls.equals("person")) {
                        persons++;
                    } else {
                        vehicles++;
                    }
                }
            }
            values.merge(key(z.name(), "peak", "person"), persons, Math::max);
            values.merge(key(z.name(), "peak", "vehicle"), vehicles, Math::max);
        }
        inside.clear();
        inside.addAll(nowInside);
        for (DirectionLine line : f.layout().lines()) {
            for (Track t : f.tracks()) {
                String cls = cls(t);
                if (cls == null || !t.confirmed()) {
                    continue;
                }
                var b = t.lastBox();
                double x = f.nx(b.footX());
                double y = f.ny(b.footY());
                String k = line.name() + "|" + t.id();
                alive.add(k);
                int side = line.side(x, y);
                Integer before = sides.put(k, side);
                if (before != null && before != 0 && side != 0 && before != side && line.distance(x, y) <= line.band()) {
                    values.merge(key(line.name(), before < 0 ? "crossings_left_to_right" : "crossings_right_to_left", cls),
                            1L, Long::sum);
                }
            }
        }
        sides.keySet().retainAll(alive);
        return closed;
    }

    /** Samples of the current (incomplete) minute, e.g. when the stream ends. */
    public List<CountSample> flush() {
        var out = new ArrayList<CountSample>();
        if (minute != null) {
            values.forEach((k, v) -> {
                String[] p = k.split("\\|");
                out.add(new CountSample(camera, minute, p[0], p[1], p[2], v));
            });
        }
        values.clear();
        out.sort(java.util.Comparator.comparing(CountSample::place).thenComparing(CountSample::measure)
                .thenComparing(CountSample::objects));
        return out;
    }

    private static String key(String place, String measure, String cls) {
        return place + "|" + measure + "|" + cls;
    }

    private static String cls(Track t) {
        return SceneFrame.isPerson(t) ? "person" : SceneFrame.isVehicle(t) ? "vehicle" : null;
    }
}
