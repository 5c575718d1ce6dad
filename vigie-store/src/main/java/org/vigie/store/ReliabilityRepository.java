package org.vigie.store;

import static org.vigie.store.Tables.SourceVerdicts.CONFIRMED;
import static org.vigie.store.Tables.SourceVerdicts.DISMISSED;
import static org.vigie.store.Tables.SourceVerdicts.SOURCE;
import static org.vigie.store.Tables.SourceVerdicts.TABLE;

import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.vigie.core.priority.Reliabilities;
import org.vigie.core.priority.Reliabilities.Counts;

/**
 * Confirmed and dismissed verdicts per kind of source and per source, from which {@link Reliabilities} estimates
 * how often each is right. Counts are added by {@link IncidentRepository} in the transaction that stores the
 * verdict, so they never disagree with the incidents.
 */
public final class ReliabilityRepository {
    private final DSLContext db;

    ReliabilityRepository(DSLContext db) {
        this.db = db;
    }

    /** Every count, by key ({@code camera} or {@code camera/cam-7}). */
    public Map<String, Counts> counts() {
        var out = new TreeMap<String, Counts>();
        db.select(SOURCE, CONFIRMED, DISMISSED).from(TABLE)
                .forEach(r -> out.put(r.value1(), new Counts(r.value2(), r.value3())));
        return out;
    }

    /** Inside the caller's transaction; keys in a fixed order, so concurrent writers lock rows alike. */
    static void add(DSLContext tx, Map<String, Counts> increments) {
        for (var e : new TreeMap<>(increments).entrySet()) {
            tx.insertInto(TABLE).set(SOURCE, e.getKey()).set(CONFIRMED, e.getValue().confirmed())
                    .set(DISMISSED, e.getValue().dismissed())
                    .onConflict(SOURCE).doUpdate()
                    .set(CONFIRMED, CONFIRMED.plus(DSL.excluded(CONFIRMED)))
                    .set(DISMISSED, DISMISSED.plus(DSL.excluded(DISMISSED)))
                    .execute();
        }
    }
}
