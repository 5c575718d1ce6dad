package org.vigie.store;

import static org.vigie.store.Tables.StepsDone.DONE_AT;
import static org.vigie.store.Tables.StepsDone.DONE_BY;
import static org.vigie.store.Tables.StepsDone.INCIDENT_ID;
import static org.vigie.store.Tables.StepsDone.STEP;
import static org.vigie.store.Tables.StepsDone.TABLE;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.vigie.core.model.IncidentId;
import org.vigie.core.sop.StepDone;

/**
 * Steps of incidents' standard operating procedures that operators marked as done, with who and when. A step
 * is done once: the first completion stands (two operators ticking the same box is not two completions).
 */
public final class ProcedureRepository {
    private final DSLContext db;

    ProcedureRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Records a completion, committed before this returns.
     *
     * @return empty when recorded now; the earlier completion when the step was already done (nothing written)
     * @throws org.jooq.exception.DataAccessException when the store holds no such incident
     */
    public Optional<StepDone> complete(IncidentId incident, StepDone done) {
        return db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            int inserted = tx.insertInto(TABLE).set(INCIDENT_ID, incident).set(STEP, done.step())
                    .set(DONE_BY, done.by()).set(DONE_AT, done.at())
                    .onConflict(INCIDENT_ID, STEP).doNothing().execute();
            if (inserted == 1) {
                return Optional.empty();
            }
            return Optional.of(tx.select(STEP, DONE_BY, DONE_AT).from(TABLE).where(INCIDENT_ID.eq(incident))
                    .and(STEP.eq(done.step())).fetchSingle(r -> new StepDone(r.value1(), r.value2(), r.value3())));
        });
    }

    /** The steps done for an incident, in the order they were done. */
    public List<StepDone> done(IncidentId incident) {
        return db.select(STEP, DONE_BY, DONE_AT).from(TABLE).where(INCIDENT_ID.eq(incident))
                .orderBy(DONE_AT, STEP)
                .fetch(r -> new StepDone(r.value1(), r.value2(), r.value3()));
    }
}
