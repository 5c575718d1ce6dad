package org.vigie.store;

import static org.vigie.store.Tables.Events.ACCURACY_M;
import static org.vigie.store.Tables.Events.ATTRIBUTES;
import static org.vigie.store.Tables.Events.CONFIDENCE;
import static org.vigie.store.Tables.Events.EVIDENCE;
import static org.vigie.store.Tables.Events.H3;
import static org.vigie.store.Tables.Events.ID;
import static org.vigie.store.Tables.Events.LAT;
import static org.vigie.store.Tables.Events.LON;
import static org.vigie.store.Tables.Events.OCCURRED_AT;
import static org.vigie.store.Tables.Events.OCCURRED_AT_MICROS;
import static org.vigie.store.Tables.Events.RECEIVED_AT;
import static org.vigie.store.Tables.Events.SEVERITY;
import static org.vigie.store.Tables.Events.SOURCE_ID;
import static org.vigie.store.Tables.Events.SOURCE_KIND;
import static org.vigie.store.Tables.Events.TABLE;
import static org.vigie.store.Tables.Events.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Cursor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.EventReadResult;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * Events, append-only: rows are inserted once and never updated. Attributes and evidence are stored as the JSON
 * that {@link EventJson} writes, and rows are read back through {@link EventJson#read}, so the store and the API
 * share one mapping and one set of rules. Instants keep microseconds (see {@link Tables#microsOf}).
 */
public final class EventRepository {
    /** Below SQLite's and PostgreSQL's limits on bind variables per statement. */
    private static final int IN_LIST_CHUNK = 500;

    private final DSLContext db;

    EventRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<Event> find(EventId id) {
        return db.select(Tables.Events.ALL).from(TABLE).where(ID.eq(id)).fetchOptional().map(EventRepository::toEvent);
    }

    /** The events with these ids, in the order given; ids the store does not hold are skipped. */
    public List<Event> findAll(Collection<EventId> ids) {
        var wanted = new ArrayList<>(new LinkedHashSet<>(ids));
        var found = new HashMap<EventId, Event>(wanted.size() * 2);
        for (int from = 0; from < wanted.size(); from += IN_LIST_CHUNK) {
            var chunk = wanted.subList(from, Math.min(wanted.size(), from + IN_LIST_CHUNK));
            db.select(Tables.Events.ALL).from(TABLE).where(ID.in(chunk)).forEach(r -> {
                Event e = toEvent(r);
                found.put(e.id(), e);
            });
        }
        var out = new ArrayList<Event>(ids.size());
        for (EventId id : ids) {
            Event e = found.get(id);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    public long count() {
        return db.selectCount().from(TABLE).fetchSingle(0, Long.class);
    }

    /** Events matching the search, newest first (then by id). */
    public List<Event> search(EventSearch q) {
        Condition where = DSL.noCondition();
        if (!q.types().isEmpty()) {
            where = where.and(TYPE.in(q.types()));
        }
        if (!q.sourceKinds().isEmpty()) {
            where = where.and(SOURCE_KIND.in(q.sourceKinds()));
        }
        if (q.from() != null) {
            where = where.and(OCCURRED_AT.ge(q.from()));
        }
        if (q.to() != null) {
            where = where.and(OCCURRED_AT.lt(q.to()));
        }
        if (q.bbox() != null) {
            where = where.and(LAT.between(q.bbox().minLat(), q.bbox().maxLat()))
                    .and(LON.between(q.bbox().minLon(), q.bbox().maxLon()));
        }
        return db.select(Tables.Events.ALL).from(TABLE).where(where).orderBy(OCCURRED_AT.desc(), ID.asc())
                .limit(q.limit()).fetch(EventRepository::toEvent);
    }

    /**
     * Per source, the events that occurred since {@code since}: count, newest occurrence and newest arrival, in one
     * grouped query over the occurrence-time index. Sources silent since then are absent (the caller knows which it
     * expected).
     */
    public List<SourceActivity> activitySince(Instant since) {
        var n = DSL.count();
        var lastOccurred = DSL.max(OCCURRED_AT);
        var lastReceived = DSL.max(RECEIVED_AT);
        return db.select(SOURCE_KIND, SOURCE_ID, n, lastOccurred, lastReceived).from(TABLE)
                .where(OCCURRED_AT.ge(since))
                .groupBy(SOURCE_KIND, SOURCE_ID).orderBy(SOURCE_KIND, SOURCE_ID)
                .fetch(r -> new SourceActivity(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Events found around a place, in time order; {@code truncated} when there were more than asked for. */
    public record Around(List<Event> events, boolean truncated) {
        public Around {
            events = List.copyOf(events);
        }
    }

    /**
     * Every stored event, from every source, within {@code radiusMeters} of a point and occurred in
     * {@code [from, to]}, oldest first (then by id), at most {@code limit}. Candidates come by time range and
     * ranges of H3 cells (see {@link CellRanges}), in pages; the exact distance decides.
     *
     * <p>This answers "what happened here", for a place and a time; it takes no person, no source and no
     * attribute as a criterion, so it cannot be used to follow anyone from place to place.
     */
    public Around findAround(double lat, double lon, double radiusMeters, Instant from, Instant to, int limit) {
        return findAround(lat, lon, radiusMeters, from, to, limit, 2_000);
    }

    /** @param page candidates read per query (tests make it small) */
    Around findAround(double lat, double lon, double radiusMeters, Instant from, Instant to, int limit, int page) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        Condition cells = DSL.noCondition();
        for (long[] r : CellRanges.around(lat, lon, radiusMeters)) {
            cells = cells.or(r[0] == r[1] ? H3.eq(r[0]) : H3.between(r[0], r[1]));
        }
        Condition where = OCCURRED_AT.between(from, to).and(cells);
        var found = new ArrayList<Event>();
        Instant afterAt = null;
        EventId afterId = null;
        while (found.size() <= limit) {
            Condition next = afterAt == null ? where : where.and(DSL.row(OCCURRED_AT, ID).gt(afterAt, afterId));
            List<Event> candidates = db.select(Tables.Events.ALL).from(TABLE).where(next)
                    .orderBy(OCCURRED_AT.asc(), ID.asc()).limit(page).fetch(EventRepository::toEvent);
            for (Event e : candidates) {
                if (GeoMath.distanceMeters(lat, lon, e.location().lat(), e.location().lon()) <= radiusMeters) {
                    found.add(e);
                }
            }
            if (candidates.size() < page) {
                break;
            }
            afterAt = candidates.getLast().occurredAt();
            afterId = candidates.getLast().id();
        }
        boolean truncated = found.size() > limit;
        return new Around(truncated ? found.subList(0, limit) : found, truncated);
    }

    /**
     * Events that belong to no incident, occurred at or after {@code since}, oldest first (then by id). After a
     * crash between storing events and storing the incidents they made, these are the events to correlate again.
     */
    public List<Event> findUnassigned(Instant since, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        var member = DSL.selectOne().from(Tables.IncidentEvents.TABLE).where(Tables.IncidentEvents.EVENT_ID.eq(ID));
        return db.select(Tables.Events.ALL).from(TABLE)
                .where(OCCURRED_AT.ge(since)).and(DSL.notExists(member))
                .orderBy(OCCURRED_AT.asc(), ID.asc())
                .limit(limit)
                .fetch(EventRepository::toEvent);
    }

    /**
     * How many events of each type occurred in each H3 cell ({@link org.vigie.core.geo.Cells#EVENT_RESOLUTION}) in
     * each {@code bucket} of time in [from, to), oldest bucket first, for rebuilding anomaly baselines without
     * reading every event. Anomalies and other fused events ({@link SourceKind#FUSION}) are left out: baselines are
     * made of what sources saw. Buckets are aligned on the epoch, so with 15 minutes (every time zone's offset is a
     * multiple of it) each bucket lies within one local hour. The division is integer division of BIGINT
     * microseconds, which SQLite and PostgreSQL both do for non-negative values.
     *
     * @param bucket a whole number of microseconds, at least one second
     */
    public void forEachCount(Instant from, Instant to, Duration bucket, Consumer<EventCount> sink) {
        long bucketMicros = bucket.toNanos() / 1_000;
        if (bucketMicros < 1_000_000 || bucket.toNanos() % 1_000 != 0) {
            throw new IllegalArgumentException("bucket must be a whole number of microseconds, at least 1 s, got " + bucket);
        }
        if (from.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("from must not be before 1970, got " + from);
        }
        Field<Long> index = OCCURRED_AT_MICROS.div(DSL.inline(bucketMicros));
        try (Cursor<Record4<Long, EventType, Long, Integer>> rows = db.select(index, TYPE, H3, DSL.count()).from(TABLE)
                .where(OCCURRED_AT.ge(from)).and(OCCURRED_AT.lt(to))
                .and(TYPE.ne(EventType.ANOMALY)).and(SOURCE_KIND.ne(SourceKind.FUSION))
                .groupBy(index, TYPE, H3)
                .orderBy(index, TYPE, H3)
                .fetchSize(10_000)
                .fetchLazy()) {
            for (var r : rows) {
                sink.accept(new EventCount(Tables.instantOf(r.value1() * bucketMicros), r.value2(), r.value3(), r.value4()));
            }
        }
    }

    /** Inside the caller's transaction. @return false when an event with this id is already stored */
    boolean insertIfAbsent(DSLContext tx, Event e) {
        requireStorableTime(e, "occurredAt", e.occurredAt());
        requireStorableTime(e, "receivedAt", e.receivedAt());
        ObjectNode json = EventJson.write(e);
        return tx.insertInto(TABLE)
                .set(ID, e.id())
                .set(OCCURRED_AT, e.occurredAt())
                .set(RECEIVED_AT, e.receivedAt())
                .set(SOURCE_KIND, e.source().kind())
                .set(SOURCE_ID, e.source().id())
                .set(TYPE, e.type())
                .set(LAT, e.location().lat())
                .set(LON, e.location().lon())
                .set(ACCURACY_M, e.location().accuracyMeters())
                .set(H3, e.location().cell())
                .set(CONFIDENCE, e.confidence())
                .set(SEVERITY, e.severity())
                .set(ATTRIBUTES, json.get("attributes").toString())
                .set(EVIDENCE, json.get("evidence").toString())
                .onConflict(ID).doNothing()
                .execute() == 1;
    }

    /** The event rules bound times in the future only; say which event and field broke the batch. */
    private static void requireStorableTime(Event e, String field, Instant t) {
        try {
            Tables.microsOf(t);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event " + e.id() + " cannot be stored: " + field + " "
                    + ex.getMessage(), ex);
        }
    }

    private static Event toEvent(Record r) {
        EventId id = r.get(ID);
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", id.toString());
        node.put("occurredAt", r.get(OCCURRED_AT).toString());
        node.putObject("source").put("kind", r.get(SOURCE_KIND).jsonName()).put("id", r.get(SOURCE_ID));
        node.put("type", r.get(TYPE).jsonName());
        node.putObject("location").put("lat", r.get(LAT)).put("lon", r.get(LON)).put("accuracyMeters", r.get(ACCURACY_M));
        node.put("confidence", r.get(CONFIDENCE));
        node.put("severity", r.get(SEVERITY).jsonName());
        try {
            node.set("attributes", Json.MAPPER.readTree(r.get(ATTRIBUTES)));
            node.set("evidence", Json.MAPPER.readTree(r.get(EVIDENCE)));
        } catch (JsonProcessingException e) {
            throw new StoreException("event " + id + " has unreadable attributes or evidence JSON in the store", e);
        }
        return switch (EventJson.read(node, r.get(RECEIVED_AT))) {
            case EventReadResult.Valid v -> v.event();
            case EventReadResult.Invalid inv -> throw new StoreException(
                    "event " + id + " in the store breaks the event rules: " + inv.errors());
        };
    }
}
