package org.vigie.store;

import static org.vigie.store.Tables.Incidents.ACCURACY_M;
import static org.vigie.store.Tables.Incidents.COMPOSITE;
import static org.vigie.store.Tables.Incidents.CONFIDENCE;
import static org.vigie.store.Tables.Incidents.EVENT_COUNT;
import static org.vigie.store.Tables.Incidents.FIRST_SEEN;
import static org.vigie.store.Tables.Incidents.H3;
import static org.vigie.store.Tables.Incidents.ID;
import static org.vigie.store.Tables.Incidents.LAST_SEEN;
import static org.vigie.store.Tables.Incidents.LAT;
import static org.vigie.store.Tables.Incidents.LON;
import static org.vigie.store.Tables.Incidents.MEMBER_KINDS;
import static org.vigie.store.Tables.Incidents.MERGED_INTO;
import static org.vigie.store.Tables.Incidents.PRIORITY;
import static org.vigie.store.Tables.Incidents.PRIORITY_EXPLANATION;
import static org.vigie.store.Tables.Incidents.REGROUPINGS;
import static org.vigie.store.Tables.Incidents.SEVERITY;
import static org.vigie.store.Tables.Incidents.SOURCE_CONFIDENCE;
import static org.vigie.store.Tables.Incidents.STATUS;
import static org.vigie.store.Tables.Incidents.TABLE;
import static org.vigie.store.Tables.Incidents.TYPE;
import static org.vigie.store.Tables.Incidents.UPDATED_AT;
import static org.vigie.store.Tables.Incidents.VERDICT_AT;
import static org.vigie.store.Tables.Incidents.VERDICT_BY;
import static org.vigie.store.Tables.Incidents.VERDICT_REASON;
import static org.vigie.store.Tables.Incidents.VERDICT_REASON_CODE;
import static org.vigie.store.Tables.Incidents.VERSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.json.IncidentJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Location;
import org.vigie.core.model.StaleVersionException;
import org.vigie.core.model.Verdict;
import org.vigie.core.priority.Reliabilities;
import org.vigie.store.Tables.IncidentEvents;
import org.vigie.store.Tables.IncidentHistory;

/**
 * Incidents with optimistic concurrency: a change is written only if the stored version is the one the change
 * was based on, so two writers can never silently overwrite each other. Members are kept in
 * {@code incident_events} in the order they joined; an event belongs to one incident at a time (a merge or a
 * split moves it, in one transaction). A verdict that confirms or dismisses counts for the reliability of the
 * incident's sources in the same transaction ({@link ReliabilityRepository}).
 */
public final class IncidentRepository {
    /** The columns a change may rewrite; the id is fixed when the incident opens (a composite rule may retype it). */
    private static final Field<?>[] MUTABLE = {TYPE, STATUS, PRIORITY, SEVERITY, CONFIDENCE, LAT, LON, ACCURACY_M, H3,
        FIRST_SEEN, LAST_SEEN, EVENT_COUNT, SOURCE_CONFIDENCE, VERDICT_BY, VERDICT_AT, VERDICT_REASON, VERSION,
        UPDATED_AT, COMPOSITE, MEMBER_KINDS, PRIORITY_EXPLANATION, MERGED_INTO, REGROUPINGS, VERDICT_REASON_CODE};
    private static final int IN_LIST_CHUNK = 500;
    private static final List<IncidentStatus> ACCEPTING =
            Arrays.stream(IncidentStatus.values()).filter(IncidentStatus::acceptsEvents).toList();

    private final DSLContext db;
    private final Clock clock;

    IncidentRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Writes what the correlator did, all or nothing, in one transaction committed before this returns.
     *
     * <p>Each change is checked against the version it was based on, and must add up: the incident's version is
     * its base plus the number of events added ({@code OPENED}, {@code EVENTS_ADDED}, {@code MERGED}: each member
     * raised it by one, and an incident opens at version 1 with its first event) or plus one ({@code
     * STATUS_CHANGED}, {@code ABSORBED}, {@code SPLIT}). An {@code OPENED} change must therefore start from
     * nothing. Events removed ({@code ABSORBED}, {@code SPLIT}) must be members, and leave first, so an event
     * moved within the list is never in two incidents.
     *
     * @throws StaleVersionException when the stored version is not the base version of a change (nothing of the
     *         whole list is written)
     * @throws IllegalStateException when a change updates an incident the store does not hold
     * @throws IllegalArgumentException when a change is inconsistent (wrong version for its events, added events
     *         that are not members)
     */
    public void apply(List<IncidentChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        db.transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            for (IncidentChange change : changes) {
                apply(tx, change, now);
            }
        });
    }

    private void apply(DSLContext tx, IncidentChange change, Instant now) {
        Incident incident = change.incident();
        long base = baseVersion(change);
        Record values = mutableValues(tx, incident, now);
        if (change.kind() == IncidentChange.Kind.OPENED) {
            int inserted = tx.insertInto(TABLE).set(ID, incident.id()).set(values)
                    .onConflict(ID).doNothing().execute();
            if (inserted == 0) {
                throw new StaleVersionException(incident.id(), 0, storedVersion(tx, incident.id()).orElseThrow());
            }
        } else {
            int updated = tx.update(TABLE).set(values).where(ID.eq(incident.id())).and(VERSION.eq(base)).execute();
            if (updated == 0) {
                long actual = storedVersion(tx, incident.id()).orElseThrow(() -> new IllegalStateException(
                        "incident " + incident.id() + " is not in the store, so its " + change.kind()
                                + " change (version " + base + " -> " + incident.version()
                                + ") cannot be applied; the change that opened it was never stored"));
                throw new StaleVersionException(incident.id(), base, actual);
            }
        }
        if (change.removedEvents().isEmpty()) {
            insertMembers(tx, change);
        } else {
            replaceMembers(tx, change);
        }
        if (change.kind() == IncidentChange.Kind.STATUS_CHANGED && Reliabilities.counts(incident.status())) {
            ReliabilityRepository.add(tx, Reliabilities.countsOf(incident));
            AccountabilityRepository.recordDecision(tx, incident, now);
        }
        if (change.kind() == IncidentChange.Kind.STATUS_CHANGED && incident.verdict() != null) {
            Verdict v = incident.verdict();
            tx.insertInto(IncidentHistory.TABLE).set(IncidentHistory.INCIDENT_ID, incident.id())
                    .set(IncidentHistory.VERSION, incident.version()).set(IncidentHistory.STATUS, incident.status())
                    .set(IncidentHistory.BY, v.by()).set(IncidentHistory.AT, v.at())
                    .set(IncidentHistory.REASON_CODE, v.reasonCode()).set(IncidentHistory.REASON, v.reason())
                    .execute();
        }
    }

    /** The version the change was based on, after checking that the change adds up. */
    private static long baseVersion(IncidentChange change) {
        Incident incident = change.incident();
        int added = change.addedEvents().size();
        int removed = change.removedEvents().size();
        String problem = switch (change.kind()) {
            case OPENED, EVENTS_ADDED, MERGED -> added == 0 ? " adds no event"
                    : removed != 0 ? " also removes " + removed + " event(s)" : null;
            case STATUS_CHANGED -> added != 0 ? " also adds " + added + " event(s)"
                    : removed != 0 ? " also removes " + removed + " event(s)" : null;
            case ABSORBED, SPLIT -> removed == 0 ? " removes no event"
                    : added != 0 ? " also adds " + added + " event(s)" : null;
        };
        if (problem != null) {
            throw new IllegalArgumentException("the " + change.kind() + " change of incident " + incident.id() + problem);
        }
        if (change.kind() == IncidentChange.Kind.ABSORBED && (incident.mergedInto() == null || !incident.eventIds().isEmpty())) {
            throw new IllegalArgumentException("the ABSORBED change of incident " + incident.id()
                    + " must leave it empty and name the incident it went into");
        }
        long expected = change.baseVersion() + change.kind().versionStep(added);
        if (incident.version() != expected) {
            String what = switch (change.kind()) {
                case OPENED, EVENTS_ADDED, MERGED -> added + " event(s) added";
                case STATUS_CHANGED -> "a status change";
                case ABSORBED -> "its events moved to another incident";
                case SPLIT -> "events split off";
            };
            throw new IllegalArgumentException("incident " + incident.id() + " based on version " + change.baseVersion()
                    + " with " + what + " must be at version " + expected + ", got " + incident.version());
        }
        return change.baseVersion();
    }

    private static Record mutableValues(DSLContext tx, Incident incident, Instant now) {
        Record r = tx.newRecord(MUTABLE);
        r.set(STATUS, incident.status());
        r.set(PRIORITY, incident.priority());
        r.set(SEVERITY, incident.severity());
        r.set(CONFIDENCE, incident.confidence());
        r.set(LAT, incident.location().lat());
        r.set(LON, incident.location().lon());
        r.set(ACCURACY_M, incident.location().accuracyMeters());
        r.set(H3, incident.location().cell());
        r.set(FIRST_SEEN, incident.firstSeen());
        r.set(LAST_SEEN, incident.lastSeen());
        r.set(EVENT_COUNT, incident.eventIds().size());
        r.set(SOURCE_CONFIDENCE, writeSourceConfidence(incident.sourceConfidence()));
        Verdict v = incident.verdict();
        r.set(VERDICT_BY, v == null ? null : v.by());
        r.set(VERDICT_AT, v == null ? null : v.at());
        r.set(VERDICT_REASON, v == null ? null : v.reason());
        r.set(VERDICT_REASON_CODE, v == null ? null : v.reasonCode());
        r.set(VERSION, incident.version());
        r.set(UPDATED_AT, now);
        r.set(TYPE, incident.type());
        r.set(COMPOSITE, incident.composite());
        ObjectNode kinds = Json.MAPPER.createObjectNode();
        incident.memberKinds().forEach((k, n) -> kinds.put(k.key(), n));
        r.set(MEMBER_KINDS, kinds.toString());
        r.set(PRIORITY_EXPLANATION, incident.priorityExplanation());
        r.set(MERGED_INTO, incident.mergedInto());
        r.set(REGROUPINGS, IncidentJson.writeRegroupings(incident).toString());
        return r;
    }

    private static void insertMembers(DSLContext tx, IncidentChange change) {
        if (change.addedEvents().isEmpty()) {
            return;
        }
        Incident incident = change.incident();
        var ordinal = new HashMap<EventId, Integer>(incident.eventIds().size() * 2);
        for (int i = 0; i < incident.eventIds().size(); i++) {
            ordinal.put(incident.eventIds().get(i), i);
        }
        var insert = tx.insertInto(IncidentEvents.TABLE,
                IncidentEvents.INCIDENT_ID, IncidentEvents.EVENT_ID, IncidentEvents.ORDINAL);
        for (EventId e : change.addedEvents()) {
            Integer position = ordinal.get(e);
            if (position == null) {
                throw new IllegalArgumentException("incident " + incident.id() + " lists event " + e
                        + " as added but not among its events");
            }
            insert = insert.values(incident.id(), e, position);
        }
        requireStored(tx, incident, change.addedEvents());
        insert.execute();
    }

    /**
     * An event joins an incident only once it is stored. The schema no longer says so (a member's id outlives the
     * event when retention deletes it, see V4), so the check is here, on joining only.
     */
    private static void requireStored(DSLContext tx, Incident incident, List<EventId> added) {
        var distinct = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(added));
        long stored = 0;
        for (int from = 0; from < distinct.size(); from += IN_LIST_CHUNK) {
            var chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_CHUNK));
            stored += tx.selectCount().from(Tables.Events.TABLE).where(Tables.Events.ID.in(chunk)).fetchSingle(0, Long.class);
        }
        if (stored != distinct.size()) {
            throw new org.jooq.exception.DataAccessException("incident " + incident.id() + " names "
                    + (distinct.size() - stored) + " event(s) that are not stored; events are stored before they join");
        }
    }

    /**
     * After events left the incident: checks they were members, then writes its members again in their order, so
     * ordinals stay the positions in {@link Incident#eventIds()} (later joins are numbered after them).
     */
    private static void replaceMembers(DSLContext tx, IncidentChange change) {
        Incident incident = change.incident();
        List<EventId> removed = change.removedEvents();
        long held = 0;
        for (int from = 0; from < removed.size(); from += IN_LIST_CHUNK) {
            var chunk = removed.subList(from, Math.min(removed.size(), from + IN_LIST_CHUNK));
            held += tx.selectCount().from(IncidentEvents.TABLE).where(IncidentEvents.INCIDENT_ID.eq(incident.id()))
                    .and(IncidentEvents.EVENT_ID.in(chunk)).fetchSingle(0, Long.class);
        }
        if (held != new java.util.HashSet<>(removed).size()) {
            throw new IllegalArgumentException("the " + change.kind() + " change of incident " + incident.id()
                    + " removes events that are not its members");
        }
        tx.deleteFrom(IncidentEvents.TABLE).where(IncidentEvents.INCIDENT_ID.eq(incident.id())).execute();
        List<EventId> members = incident.eventIds();
        for (int from = 0; from < members.size(); from += IN_LIST_CHUNK) {
            var insert = tx.insertInto(IncidentEvents.TABLE, IncidentEvents.INCIDENT_ID, IncidentEvents.EVENT_ID,
                    IncidentEvents.ORDINAL);
            for (int i = from; i < Math.min(members.size(), from + IN_LIST_CHUNK); i++) {
                insert = insert.values(incident.id(), members.get(i), i);
            }
            insert.execute();
        }
    }

    private static Optional<Long> storedVersion(DSLContext tx, IncidentId id) {
        return tx.select(VERSION).from(TABLE).where(ID.eq(id)).fetchOptional(VERSION);
    }

    /** The incident with its member ids in the order they joined. */
    public Optional<Incident> find(IncidentId id) {
        Record row = db.select(Tables.Incidents.ALL).from(TABLE).where(ID.eq(id)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        List<EventId> members = db.select(IncidentEvents.EVENT_ID).from(IncidentEvents.TABLE)
                .where(IncidentEvents.INCIDENT_ID.eq(id))
                .orderBy(IncidentEvents.ORDINAL, IncidentEvents.EVENT_ID)
                .fetch(IncidentEvents.EVENT_ID);
        return Optional.of(toIncident(row, members));
    }

    /** One status change of an incident, as {@link #history} lists it. */
    public record StatusChange(long version, IncidentStatus status, Verdict verdict) {
    }

    /**
     * Every status change of the incident, oldest first: who moved it where, when and why. Changes made before
     * the history was kept (migration V5) are missing; the incident's own verdict is still the latest one.
     */
    public List<StatusChange> history(IncidentId id) {
        return db.select(IncidentHistory.VERSION, IncidentHistory.STATUS, IncidentHistory.BY, IncidentHistory.AT,
                        IncidentHistory.REASON, IncidentHistory.REASON_CODE)
                .from(IncidentHistory.TABLE).where(IncidentHistory.INCIDENT_ID.eq(id))
                .orderBy(IncidentHistory.VERSION)
                .fetch(r -> new StatusChange(r.value1(), r.value2(), new Verdict(r.value3(), r.value4(), r.value5(),
                        r.value6())));
    }

    /** A page of the queue, with complete incidents (members included: one extra query per page). */
    public IncidentPage search(IncidentQuery q) {
        Condition where = DSL.noCondition();
        if (!q.statuses().isEmpty()) {
            where = where.and(STATUS.in(q.statuses()));
        }
        if (!q.types().isEmpty()) {
            where = where.and(TYPE.in(q.types()));
        }
        if (q.since() != null) {
            where = where.and(LAST_SEEN.ge(q.since()));
        }
        if (q.bbox() != null) {
            where = where.and(LAT.between(q.bbox().minLat(), q.bbox().maxLat()))
                    .and(LON.between(q.bbox().minLon(), q.bbox().maxLon()));
        }
        // The total comes with the rows (a window count), so page and total describe the same snapshot even
        // while the correlator writes; only an empty page past the first needs a separate count.
        Field<Integer> totalField = DSL.count().over().as("total");
        var rows = db.select(Tables.Incidents.ALL).select(totalField).from(TABLE).where(where)
                .orderBy(PRIORITY.asc(), LAST_SEEN.desc(), ID.asc())
                .limit(q.limit()).offset(q.offset())
                .fetch();
        long total = !rows.isEmpty() ? rows.get(0).get(totalField)
                : q.offset() == 0 ? 0 // nothing matched in this snapshot
                : db.selectCount().from(TABLE).where(where).fetchSingle(0, Long.class);
        var members = rows.isEmpty() ? Map.<IncidentId, List<EventId>>of()
                : membersOf(IncidentEvents.INCIDENT_ID.in(rows.map(r -> r.get(ID))));
        return new IncidentPage(rows.map(r -> toIncident(r, members.getOrDefault(r.get(ID), List.of()))), total);
    }

    /**
     * Incidents new events may still join (new, acknowledged, confirmed) last seen at or after {@code since}, in
     * the order they opened: what the correlator restores after a restart.
     */
    public List<Incident> findAcceptingEvents(Instant lastSeenSince) {
        Condition where = STATUS.in(ACCEPTING).and(LAST_SEEN.ge(lastSeenSince));
        var rows = db.select(Tables.Incidents.ALL).from(TABLE).where(where).orderBy(FIRST_SEEN.asc(), ID.asc()).fetch();
        var members = membersOf(DSL.exists(DSL.selectOne().from(TABLE)
                .where(ID.eq(IncidentEvents.INCIDENT_ID)).and(where)));
        return rows.map(r -> toIncident(r, members.getOrDefault(r.get(ID), List.of())));
    }

    public long count() {
        return db.selectCount().from(TABLE).fetchSingle(0, Long.class);
    }

    /** Every status, with zero for those no incident has. */
    public Map<IncidentStatus, Long> countByStatus() {
        var counts = new EnumMap<IncidentStatus, Long>(IncidentStatus.class);
        for (IncidentStatus s : IncidentStatus.values()) {
            counts.put(s, 0L);
        }
        var n = DSL.count();
        db.select(STATUS, n).from(TABLE).groupBy(STATUS).forEach(r -> counts.put(r.get(STATUS), r.get(n).longValue()));
        return counts;
    }

    private Map<IncidentId, List<EventId>> membersOf(Condition which) {
        var members = new HashMap<IncidentId, List<EventId>>();
        db.select(IncidentEvents.INCIDENT_ID, IncidentEvents.EVENT_ID).from(IncidentEvents.TABLE)
                .where(which)
                .orderBy(IncidentEvents.INCIDENT_ID, IncidentEvents.ORDINAL, IncidentEvents.EVENT_ID)
                .forEach(r -> members.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return members;
    }

    private static Incident toIncident(Record r, List<EventId> members) {
        IncidentId id = r.get(ID);
        String by = r.get(VERDICT_BY);
        Verdict verdict = by == null ? null : new Verdict(by, r.get(VERDICT_AT), r.get(VERDICT_REASON),
                r.get(VERDICT_REASON_CODE));
        try {
            return new Incident(id, r.get(TYPE), r.get(STATUS), r.get(PRIORITY), r.get(SEVERITY), r.get(CONFIDENCE),
                    Location.of(r.get(LAT), r.get(LON), r.get(ACCURACY_M)), r.get(FIRST_SEEN), r.get(LAST_SEEN),
                    members, readSourceConfidence(id, r.get(SOURCE_CONFIDENCE)), verdict, r.get(VERSION),
                    r.get(COMPOSITE), IncidentJson.readMemberKinds(Json.MAPPER.readTree(r.get(MEMBER_KINDS))),
                    r.get(PRIORITY_EXPLANATION), r.get(MERGED_INTO),
                    IncidentJson.readRegroupings(Json.MAPPER.readTree(r.get(REGROUPINGS))));
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("incident " + id + " cannot be read from the store: " + e.getMessage(), e);
        }
    }

    private static String writeSourceConfidence(Map<String, Double> perSource) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        perSource.forEach(o::put);
        return o.toString();
    }

    private static Map<String, Double> readSourceConfidence(IncidentId id, String json) {
        try {
            var map = new TreeMap<String, Double>();
            JsonNode node = Json.MAPPER.readTree(json);
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asDouble()));
            return map;
        } catch (JsonProcessingException e) {
            throw new StoreException("incident " + id + " has unreadable source_confidence JSON in the store", e);
        }
    }
}
