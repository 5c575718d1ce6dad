package org.vigie.core.sop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.config.YamlTree;
import org.vigie.core.model.EventType;

class ProceduresTest {
    @Test
    void theShippedProceduresCoverTheMainTypes() {
        Procedures p = Procedures.shipped();
        for (EventType t : List.of(EventType.GUNSHOT, EventType.FIRE, EventType.EXPLOSION, EventType.ASSAULT,
                EventType.ABANDONED_OBJECT, EventType.MEDICAL_EMERGENCY, EventType.CROWD_DENSITY, EventType.HAZMAT)) {
            assertThat(p.hasOwn(t)).as(t.jsonName()).isTrue();
            assertThat(p.forType(t)).hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(p.hasOwn(EventType.GRAFFITI)).isFalse();
        assertThat(p.forType(EventType.GRAFFITI)).extracting(Step::id).containsExactly("verify", "decide", "inform", "record");
        assertThat(p.forType(EventType.GUNSHOT).getFirst().id()).isEqualTo("locate");
        assertThat(p.step(EventType.GUNSHOT, "alert-police")).isPresent();
        assertThat(p.step(EventType.GUNSHOT, "nope")).isEmpty();
    }

    @Test
    void aCityReplacesATypeAndKeepsTheOthers() {
        var problems = new ArrayList<String>();
        Procedures p = Procedures.shipped().overriddenBy(YamlTree.parse("sop.yaml", """
                gunshot:
                  - id: call-17
                    text: Call 17
                  - id: record
                    text: Write it down
                """, problems));
        assertThat(problems).isEmpty();
        assertThat(p.forType(EventType.GUNSHOT)).extracting(Step::id).containsExactly("call-17", "record");
        assertThat(p.forType(EventType.FIRE)).isEqualTo(Procedures.shipped().forType(EventType.FIRE));
    }

    @Test
    void mistakesAreNamedWithFileLineAndKey() {
        var problems = new ArrayList<String>();
        Procedures.shipped().overriddenBy(YamlTree.parse("sop.yaml", """
                gunshot:
                  - id: Call 17
                    text: Call 17
                fire:
                  - id: a
                    text: x
                  - id: a
                    text: y
                shooting:
                  - id: x
                    text: y
                smoke:
                  - id: b
                    txt: y
                """, problems));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("sop.yaml:2: gunshot[0]").contains("step id"))
                .anySatisfy(p -> assertThat(p).startsWith("sop.yaml:7: fire[1].id").contains("twice"))
                .anySatisfy(p -> assertThat(p).startsWith("sop.yaml:10: shooting").contains("unknown key"))
                .anySatisfy(p -> assertThat(p).contains("smoke[0].txt").contains("unknown key"));
    }

    @Test
    void aChecklistShowsWhatIsDoneByWhomAndWhen() {
        Instant at = Instant.parse("2026-07-14T21:40:00Z");
        Checklist c = Checklist.of(Procedures.shipped(), EventType.FIRE,
                List.of(new StepDone("alert-fire-brigade", "op-3", at), new StepDone("no-longer-a-step", "op-3", at)));
        assertThat(c.completed()).isEqualTo(1);
        var json = c.json();
        assertThat(json.path("total").asInt()).isEqualTo(Procedures.shipped().forType(EventType.FIRE).size());
        assertThat(json.path("completed").asInt()).isEqualTo(1);
        assertThat(json.path("steps").get(1).path("done").asBoolean()).isTrue();
        assertThat(json.path("steps").get(1).path("by").asText()).isEqualTo("op-3");
        assertThat(json.path("steps").get(1).path("at").asText()).isEqualTo("2026-07-14T21:40:00Z");
        assertThat(json.path("steps").get(0).path("done").asBoolean()).isFalse();
        assertThat(json.path("steps").get(0).has("by")).isFalse();
    }
}
