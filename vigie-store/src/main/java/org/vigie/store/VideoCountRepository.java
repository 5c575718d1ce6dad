package org.vigie.store;

import static org.vigie.store.Tables.VideoCounts.AMOUNT;
import static org.vigie.store.Tables.VideoCounts.CAMERA;
import static org.vigie.store.Tables.VideoCounts.MEASURE;
import static org.vigie.store.Tables.VideoCounts.MINUTE_START;
import static org.vigie.store.Tables.VideoCounts.OBJECTS;
import static org.vigie.store.Tables.VideoCounts.PLACE;
import static org.vigie.store.Tables.VideoCounts.TABLE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.vigie.store.Tables.VideoCountsDaily;

/**
 * Anonymous per-minute counts of cameras (persons and vehicles per counting zone, line crossings by direction), kept
 * as time series. A minute written again (a camera restarted within it) replaces what was stored for it. Minutes
 * past the retention of events are reduced to one value per UTC day ({@link #reduceBefore}), kept without limit:
 * the day's sum, or for {@value #PEAK} its highest minute.
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

    /** One day of a series: the sum of its minutes, or for {@value #PEAK} the highest. */
    public record DailyCount(String camera, LocalDate day, String place, String measure, String objects, long value) {
    }

    /** The measure whose day is its highest minute; every other measure is a number of things, summed. */
    public static final String PEAK = "peak";
    /** Minutes reduced in one transaction at most: one camera, a week (summed in the database into its days). */
    private static final Duration REDUCE_SPAN = Duration.ofDays(7);

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

    /**
     * Reduces the minutes before {@code cutoff} to days (added to what earlier runs kept of the same days) and deletes
     * them, one camera and at most a week per transaction; returns how many minutes went.
     */
    public long reduceBefore(Instant cutoff) {
        long reduced = 0;
        for (String camera : db.selectDistinct(CAMERA).from(TABLE).where(MINUTE_START.lt(cutoff)).fetch(CAMERA)) {
            while (true) {
                Instant first = db.select(DSL.min(MINUTE_START)).from(TABLE).where(CAMERA.eq(camera))
                        .and(MINUTE_START.lt(cutoff)).fetchOne(0, Instant.class);
                if (first == null) {
                    break;
                }
                Instant end = first.truncatedTo(ChronoUnit.DAYS).plus(REDUCE_SPAN);
                Instant until = end.isBefore(cutoff) ? end : cutoff;
                reduced += db.transactionResult(cfg -> reduce(cfg.dsl(), camera, until));
            }
        }
        return reduced;
    }

    private static int reduce(DSLContext tx, String camera, Instant until) {
        Map<Day, Long> days = new TreeMap<>(Day.ORDER);
        addMinuteDays(tx, days, camera, Instant.EPOCH, until);
        var upserts = new ArrayList<Query>(days.size());
        for (Map.Entry<Day, Long> d : days.entrySet()) {
            Day k = d.getKey();
            upserts.add(tx.insertInto(VideoCountsDaily.TABLE).set(VideoCountsDaily.CAMERA, camera)
                    .set(VideoCountsDaily.DAY_START, k.start()).set(VideoCountsDaily.PLACE, k.place())
                    .set(VideoCountsDaily.MEASURE, k.measure()).set(VideoCountsDaily.OBJECTS, k.objects())
                    .set(VideoCountsDaily.AMOUNT, d.getValue())
                    .onConflict(VideoCountsDaily.CAMERA, VideoCountsDaily.DAY_START, VideoCountsDaily.PLACE,
                            VideoCountsDaily.MEASURE, VideoCountsDaily.OBJECTS)
                    .doUpdate().set(VideoCountsDaily.AMOUNT, PEAK.equals(k.measure())
                            ? DSL.greatest(VideoCountsDaily.AMOUNT, DSL.excluded(VideoCountsDaily.AMOUNT))
                            : VideoCountsDaily.AMOUNT.plus(DSL.excluded(VideoCountsDaily.AMOUNT))));
        }
        if (!upserts.isEmpty()) {
            tx.batch(upserts).execute();
        }
        return tx.deleteFrom(TABLE).where(CAMERA.eq(camera)).and(MINUTE_START.lt(until)).execute();
    }

    /**
     * The camera's days in {@code [from, to]} (UTC), series by series, oldest first: the days already reduced and,
     * for days whose minutes are still kept, those minutes reduced the same way (a day cut by the retention's
     * cutoff has both).
     */
    public List<DailyCount> daily(String camera, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Day, Long> days = new TreeMap<>(Day.ORDER);
        db.select(VideoCountsDaily.DAY_START, VideoCountsDaily.PLACE, VideoCountsDaily.MEASURE, VideoCountsDaily.OBJECTS,
                        VideoCountsDaily.AMOUNT).from(VideoCountsDaily.TABLE)
                .where(VideoCountsDaily.CAMERA.eq(camera)).and(VideoCountsDaily.DAY_START.ge(start))
                .and(VideoCountsDaily.DAY_START.lt(end))
                .forEach(r -> Day.add(days, r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
        addMinuteDays(db, days, camera, start, end);
        var out = new ArrayList<DailyCount>(days.size());
        days.forEach((k, v) -> out.add(new DailyCount(camera, LocalDate.ofInstant(k.start(), ZoneOffset.UTC), k.place(),
                k.measure(), k.objects(), v)));
        return out;
    }

    /** Microseconds in a day: minutes are stored as epoch microseconds, so this divides them into UTC days. */
    private static final long DAY_MICROS = 86_400_000_000L;
    private static final Field<Long> MINUTE_MICROS = DSL.field(DSL.name("video_counts", "minute_start"), SQLDataType.BIGINT);

    /**
     * Adds the camera's minutes in {@code [from, until)} to their days, summed in the database (a day of one camera is
     * up to 1,440 minutes per series; only the days come back).
     */
    private static void addMinuteDays(DSLContext q, Map<Day, Long> days, String camera, Instant from, Instant until) {
        Field<Long> day = MINUTE_MICROS.div(DSL.inline(DAY_MICROS)); // inlined: the same text in select and group by
        Field<Long> sum = DSL.sum(AMOUNT).cast(SQLDataType.BIGINT);
        Field<Long> max = DSL.max(AMOUNT);
        q.select(day, PLACE, MEASURE, OBJECTS, sum, max).from(TABLE)
                .where(CAMERA.eq(camera)).and(MINUTE_START.ge(from)).and(MINUTE_START.lt(until))
                .groupBy(day, PLACE, MEASURE, OBJECTS)
                .forEach(r -> Day.add(days, Instant.ofEpochSecond(r.value1() * 86_400), r.value2(), r.value3(),
                        r.value4(), PEAK.equals(r.value3()) ? r.value6() : r.value5()));
    }

    /** One day of one series, while days are gathered. */
    private record Day(Instant start, String place, String measure, String objects) {
        static final Comparator<Day> ORDER = Comparator.comparing(Day::start).thenComparing(Day::place)
                .thenComparing(Day::measure).thenComparing(Day::objects);

        /** Adds a minute's (or an already reduced day's) value to its day: summed, or the highest for a peak. */
        static void add(Map<Day, Long> days, Instant at, String place, String measure, String objects, long value) {
            days.merge(new Day(at.truncatedTo(ChronoUnit.DAYS), place, measure, objects), value,
                    PEAK.equals(measure) ? Math::max : Math::addExact);
        }
    }
}
