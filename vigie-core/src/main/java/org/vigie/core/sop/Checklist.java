package org.vigie.core.sop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigie.core.model.EventType;

/**
 * An incident's procedure with what has been done of it. Completions of steps that the procedure no longer
 * has (the configuration changed) are kept in the store but not shown here.
 */
public record Checklist(EventType type, List<Step> steps, Map<String, StepDone> done) {
    public Checklist {
        steps = List.copyOf(steps);
        done = Map.copyOf(done);
    }

    public static Checklist of(Procedures procedures, EventType type, List<StepDone> completions) {
        var byStep = new HashMap<String, StepDone>();
        completions.forEach(c -> byStep.putIfAbsent(c.step(), c));
        return new Checklist(type, procedures.forType(type), byStep);
    }

    public int completed() {
        return (int) steps.stream().filter(s -> done.containsKey(s.id())).count();
    }

    /** {@code {"type", "steps": [{"id", "text", "done", "by", "at"}], "completed", "total"}}. */
    public ObjectNode json() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", type.jsonName());
        ArrayNode items = n.putArray("steps");
        for (Step s : steps) {
            ObjectNode o = items.addObject().put("id", s.id()).put("text", s.text());
            StepDone d = done.get(s.id());
            o.put("done", d != null);
            if (d != null) {
                o.put("by", d.by()).put("at", d.at().toString());
            }
        }
        n.put("completed", completed());
        n.put("total", steps.size());
        return n;
    }
}
