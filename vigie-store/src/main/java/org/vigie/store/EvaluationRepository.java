package org.vigie.store;

import static org.vigie.store.Tables.Evaluations.CLASSES;
import static org.vigie.store.Tables.Evaluations.DATASET;
import static org.vigie.store.Tables.Evaluations.DETECTOR;
import static org.vigie.store.Tables.Evaluations.ID;
import static org.vigie.store.Tables.Evaluations.RECORDED_AT;
import static org.vigie.store.Tables.Evaluations.RUN_AT;
import static org.vigie.store.Tables.Evaluations.TABLE;
import static org.vigie.store.Tables.Evaluations.VERSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.vigie.core.accountability.Evaluation;
import org.vigie.core.json.Json;

/** Results of offline detector evaluations, newest run first; a result is never changed once recorded. */
public final class EvaluationRepository {
    /** A stored evaluation with the id the store gave it. */
    public record Stored(String id, Evaluation evaluation) {
    }

    private final DSLContext db;
    private final Clock clock;

    EvaluationRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Stored add(Evaluation e) {
        String id = UUID.randomUUID().toString();
        ObjectNode classes = Json.MAPPER.createObjectNode();
        e.classes().forEach((name, s) -> classes.putObject(name).put("precision", s.precision()).put("recall", s.recall())
                .put("f1", s.f1()).put("support", s.support()));
        db.insertInto(TABLE).set(ID, id).set(DETECTOR, e.detector()).set(VERSION, e.version()).set(DATASET, e.dataset())
                .set(RUN_AT, e.runAt()).set(RECORDED_AT, clock.instant()).set(CLASSES, classes.toString()).execute();
        return new Stored(id, e);
    }

    /** @param detector null for every detector */
    public List<Stored> list(String detector, int limit) {
        Condition where = detector == null ? DSL.noCondition() : DETECTOR.eq(detector);
        return db.select(ID, DETECTOR, VERSION, DATASET, RUN_AT, CLASSES).from(TABLE).where(where)
                .orderBy(RUN_AT.desc(), ID).limit(limit).fetch(EvaluationRepository::stored);
    }

    private static Stored stored(Record r) {
        String id = r.get(ID);
        try {
            var doc = Json.MAPPER.createObjectNode();
            doc.set("classes", Json.MAPPER.readTree(r.get(CLASSES)));
            doc.put("runAt", r.get(RUN_AT).toString());
            return new Stored(id, Evaluation.fromJson(doc, Map.of("detector", r.get(DETECTOR), "version", r.get(VERSION),
                    "dataset", r.get(DATASET))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("evaluation " + id + " cannot be read from the store: " + e.getMessage(), e);
        }
    }
}
