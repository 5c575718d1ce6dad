package org.vigie.vision.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;
import org.vigie.vision.geom.Box;
import org.vigie.vision.track.Track;

/**
 * A person track whose box went from upright (taller than wide) to lying (wider than tall) and stays still.
 * The lying person is usually no longer seen by the detector; the tracker holds the track on the still blob.
 */
public final class PersonDownRule implements SceneRule {
    private static final double UPRIGHT = 1.4;   // h / w
    private static final double LYING = 1.15;    // w / h
    private final double after;
    private final Map<Integer, Double> lyingSince = new HashMap<>();

    public PersonDownRule(double afterSeconds) {
        this.after = afterSeconds;
    }

    @Override
    public EventType type() {
        return EventType.PERSON_DOWN;
    }

    @Override
    public Set<LegalProfile> profiles() {
        return DECREE;
    }

    @Override
    public List<Finding> observe(SceneFrame f) {
        var out = new ArrayList<Finding>();
        var alive = new java.util.HashSet<Integer>();
        for (Track t : f.tracks()) {
            if (!SceneFrame.isPerson(t) || !t.confirmed()) {
                continue;
            }
            alive.add(t.id());
            Box now = t.lastBox();
            boolean wasUpright = t.history().stream().anyMatch(s -> s.box().h() >= UPRIGHT * s.box().w());
            boolean lying = now.w() >= LYING * now.h();
            boolean still = Math.hypot(t.vx(), t.vy()) < 0.15 * Math.max(now.w(), now.h()) + 2;
            if (!(wasUpright && lying && still)) {
                lyingSince.remove(t.id());
                continue;
            }
            double since = lyingSince.computeIfAbsent(t.id(), k -> f.t());
            if (f.t() - since >= after) {
                out.add(new Finding(String.valueOf(t.id()), 0.7, now,
                        Map.of("down_s", Math.round((f.t() - since) * 10) / 10.0)));
            }
        }
        lyingSince.keySet().retainAll(alive);
        return out;
    }
}
