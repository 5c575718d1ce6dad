package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.DirectionLine;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.geom.Box;
import org.vigie.vision.track.Track;

/**
 * A track near a direction line moving against its allowed crossing direction for k analysed frames in a row.
 * Velocity comes from the Kalman state, so one jittery box does not count; slow drift (a person waiting,
 * swaying) is ignored below a minimum speed.
 *
 * <p>One finding per line, not per track: a group walking the wrong way together is one situation, and the
 * finding counts the persons and vehicles in it (it ends once nobody has been going the wrong way for the episode's
 * grace period).
 */
public final class WrongWayRule implements SceneRule {
    /** Share of the frame height per second below which a track is not going anywhere. */
    private static final double MIN_SPEED = 0.03;
    private final int frames;
    private final Map<String, Integer> counters = new HashMap<>();

    public WrongWayRule(int frames) {
        this.frames = frames;
    }

    @Override
    public EventType type() {
        return EventType.WRONG_WAY;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return DECREE;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        var out = new ArrayList<Finding>();
        var seen = new HashSet<String>();
        for (DirectionLine line : f.layout().lines()) {
            double[] allowed = line.allowedDirection();
            if (allowed == null) {
                continue;
            }
            Box box = null;
            int persons = 0;
            int vehicles = 0;
            int most = 0;
            double confidence = 0;
            for (Track t : f.tracks()) {
                if (!t.confirmed() || !(SceneFrame.isPerson(t) || SceneFrame.isVehicle(t))) {
                    continue;
                }
                var b = t.box();
                double x = f.nx(b.footX());
                double y = f.ny(b.footY());
                if (line.distance(x, y) > line.band()) {
                    continue;
                }
                // normalised velocity, both axes in frame heights per second so directions keep their angles
                double vx = t.vx() / f.height();
                double vy = t.vy() / f.height();
                double speed = Math.hypot(vx, vy);
                // allowed is a direction in normalised coordinates; bring it to the same square units
                double ax = allowed[0] * f.width() / f.height();
                double ay = allowed[1];
                double an = Math.hypot(ax, ay);
                double cos = speed == 0 ? 0 : (vx * ax + vy * ay) / (speed * an);
                String key = line.name() + "/" + t.id();
                seen.add(key);
                int n = speed >= MIN_SPEED && cos < -0.5 ? counters.merge(key, 1, Integer::sum) : 0;
                counters.put(key, n);
                if (n >= frames) {
                    box = box == null ? b : box.union(b);
                    if (SceneFrame.isPerson(t)) {
                        persons++;
                    } else {
                        vehicles++;
                    }
                    most = Math.max(most, n);
                    confidence = Math.max(confidence, Math.min(1, 0.5 + 0.5 * -cos * Math.min(1, n / (2.0 * frames))));
                }
            }
            if (box != null) {
                out.add(new Finding(line.name(), confidence, box, Map.of("line", line.name(),
                        "object", persons >= vehicles ? "person" : "vehicle", "persons", persons, "vehicles", vehicles,
                        "frames", (long) most)));
            }
        }
        counters.keySet().retainAll(seen);
        return out;
    }
}
