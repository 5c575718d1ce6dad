package org.vigie.vision.rules;

import java.util.Map;
import org.vigie.vision.geom.Box;

/**
 * A situation a rule sees in the current frame. The key identifies the same situation across frames (a zone and
 * a track, a surface), so that it becomes one event with a start, updates and an end.
 *
 * @param box   where, in analysis pixels (null when the situation covers a whole zone)
 * @param facts small attributes for the event (zone name, counts); never anything about who
 */
public record Finding(String key, double confidence, Box box, Map<String, Object> facts) {
    public Finding {
        confidence = Math.max(0, Math.min(1, confidence));
        facts = Map.copyOf(facts);
    }
}
