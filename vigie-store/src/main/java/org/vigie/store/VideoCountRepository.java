package org.vigie.store;

import static org.vigie.store.Tables.VideoCounts.AMOUNT;
import static org.vigie.store.Tables.VideoCounts.CAMERA;
import static org.vigie.store.Tables.VideoCounts.MEASURE;
import static org.vigie.store.Tables.VideoCounts.MINUTE_START;
import static org.vigie.store.Tables.VideoCounts.OBJECTS;
import static org.vigie.store.Tables.VideoCounts.PLACE;
import static org.vigie.store.Tables.VideoCounts.TABLE;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Anonymous per-minute counts of cameras (persons and vehicles per counting zone, line crossings by direction), kept
 * as time series. A minute written again (a camera restarted within it) replaces what was stored for it.
 */
public final class VideoCountRepository {
    /**
     * One point of a series.
     *
     * @param place   counting zone or line name
     * @param measure "entries", "peak", "crossings_left_to_right" or "crossings_right_to_left"
     * @param objects "person" or "vehicle"
     */
    public record Count(String camera, Instant minute, String place, String measure, String objects, long value) {
    }

    private final DSLContext db;

    VideoCountRepository(DSLContext db) {
        this.db = db;
    }

    public void save(List<Count> counts) {
        if (counts.isEmpty()) {
            return;
        }
        db.transaction(tx -> {
            DSLContext t = DSL.using(tx);
            for (Count c : counts) {
                t.insertInto(TABLE).set(CAMERA, c.camera()).set(MINUTE_START, c.minute()).set(PLACE, c.place())
                        .set(MEASURE, c.measure()).set(OBJECTS, c.objects()).set(AMOUNT, c.value())
                        .onConflict(CAMERA, MINUTE_START, PLACE, MEASURE, OBJECTS).doUpdate().set(AMOUNT, c.value())
                        .execute();
            }
        });
    }

    /** The camera's counts with minutes in {@code [from, to)}, oldest first. */
    public List<Count> find(String camera, Instant from, Instant to) {
        return db.select(CAMERA, MINUTE_START, PLACE, MEASURE, OBJECTS, AMOUNT).from(TABLE)
                .where(CAMERA.eq(camera)).and(MINUTE_START.ge(from)).and(MINUTE_START.lt(to))
                .orderBy(MINUTE_START, PLACE, MEASURE, OBJECTS)
                .fetch(r -> new Count(r.get(CAMERA), r.get(MINUTE_START), r.get(PLACE), r.get(MEASURE), r.get(OBJECTS),
                        r.get(AMOUNT)));
    }

    /** Counts older than {@code cutoff} go with the retention of the rest of the data. */
    public int purgeBefore(Instant cutoff) {
        return db.deleteFrom(TABLE).where(MINUTE_START.lt(cutoff)).execute();
    }
}
