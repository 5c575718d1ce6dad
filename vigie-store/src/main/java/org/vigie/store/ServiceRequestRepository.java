package org.vigie.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.vigie.core.model.EventId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.store.Tables.IncidentEvents;
import org.vigie.store.Tables.Incidents;

/**
 * Open311 service requests ({@code db/migration/V2__open311.sql}). A request's status is never stored: every
 * read joins the incident its event belongs to, so what a citizen is told follows the operator's decision.
 */
public final class ServiceRequestRepository {
    static final Table<?> TABLE = table(name("service_requests"));
    static final Field<String> ID = column("id", SQLDataType.CLOB);
    static final Field<String> TOKEN = column("token", SQLDataType.CLOB);
    static final Field<String> SERVICE_CODE = column("service_code", SQLDataType.CLOB);
    static final Field<String> SERVICE_NAME = column("service_name", SQLDataType.CLOB);
    static final Field<String> DESCRIPTION = column("description", SQLDataType.CLOB);
    static final Field<Double> LAT = column("lat", SQLDataType.DOUBLE);
    static final Field<Double> LON = column("lon", SQLDataType.DOUBLE);
    static final Field<String> ADDRESS = column("address", SQLDataType.CLOB);
    static final Field<String> ADDRESS_ID = column("address_id", SQLDataType.CLOB);
    static final Field<String> MEDIA_URL = column("media_url", SQLDataType.CLOB);
    static final Field<Instant> REQUESTED_AT = column("requested_at", Tables.INSTANT);
    static final Field<Instant> UPDATED_AT = column("updated_at", Tables.INSTANT);
    static final Field<EventId> EVENT_ID = column("event_id", Tables.EVENT_ID);
    private static final List<Field<?>> ALL = List.of(ID, TOKEN, SERVICE_CODE, SERVICE_NAME, DESCRIPTION, LAT, LON,
            ADDRESS, ADDRESS_ID, MEDIA_URL, REQUESTED_AT, UPDATED_AT, EVENT_ID);
    private static final List<IncidentStatus> DONE = List.of(IncidentStatus.DISMISSED, IncidentStatus.CLOSED);

    private final DSLContext db;

    ServiceRequestRepository(DSLContext db) {
        this.db = db;
    }

    /** Committed before it returns. @throws org.jooq.exception.DataAccessException when the id or token exists */
    public void insert(StoredServiceRequest r) {
        db.insertInto(TABLE)
                .set(ID, r.id()).set(TOKEN, r.token()).set(SERVICE_CODE, r.serviceCode())
                .set(SERVICE_NAME, r.serviceName()).set(DESCRIPTION, r.description())
                .set(LAT, r.lat()).set(LON, r.lon()).set(ADDRESS, r.address()).set(ADDRESS_ID, r.addressId())
                .set(MEDIA_URL, r.mediaUrl()).set(REQUESTED_AT, r.requestedAt()).set(UPDATED_AT, r.updatedAt())
                .set(EVENT_ID, r.eventId())
                .execute();
    }

    public Optional<TrackedServiceRequest> find(String id) {
        return read(ID.eq(id), 1).stream().findFirst();
    }

    public Optional<String> findIdByToken(String token) {
        return db.select(ID).from(TABLE).where(TOKEN.eq(token)).fetchOptional(ID);
    }

    /** The requests among these ids that exist, newest first. */
    public List<TrackedServiceRequest> findAll(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : read(ID.in(ids), ids.size());
    }

    public List<TrackedServiceRequest> search(ServiceRequestQuery q) {
        Condition where = REQUESTED_AT.between(q.from(), q.to());
        if (!q.serviceCodes().isEmpty()) {
            where = where.and(SERVICE_CODE.in(q.serviceCodes()));
        }
        if (q.closed() != null) {
            Condition done = Incidents.STATUS.in(DONE);
            where = where.and(q.closed() ? done : Incidents.STATUS.isNull().or(Incidents.STATUS.notIn(DONE)));
        }
        return read(where, q.limit());
    }

    public long count() {
        return db.selectCount().from(TABLE).fetchSingle(0, Long.class);
    }

    private List<TrackedServiceRequest> read(Condition where, int limit) {
        var rows = joined().where(where).orderBy(REQUESTED_AT.desc(), ID.asc()).limit(limit).fetch();
        // An event belongs to one incident; should a row ever repeat, the first answer stands.
        var out = new LinkedHashMap<String, TrackedServiceRequest>();
        for (Record r : rows) {
            out.putIfAbsent(r.get(ID), new TrackedServiceRequest(toRequest(r), r.get(Incidents.STATUS),
                    r.get(Incidents.VERDICT_REASON), r.get(Incidents.VERDICT_AT)));
        }
        return new ArrayList<>(out.values());
    }

    private SelectOnConditionStep<Record> joined() {
        return db.select(ALL).select(Incidents.STATUS, Incidents.VERDICT_REASON, Incidents.VERDICT_AT).from(TABLE)
                .leftJoin(IncidentEvents.TABLE).on(IncidentEvents.EVENT_ID.eq(EVENT_ID))
                .leftJoin(Incidents.TABLE).on(Incidents.ID.eq(IncidentEvents.INCIDENT_ID));
    }

    private static StoredServiceRequest toRequest(Record r) {
        return new StoredServiceRequest(r.get(ID), r.get(TOKEN), r.get(SERVICE_CODE), r.get(SERVICE_NAME),
                r.get(DESCRIPTION), r.get(LAT), r.get(LON), r.get(ADDRESS), r.get(ADDRESS_ID), r.get(MEDIA_URL),
                r.get(REQUESTED_AT), r.get(UPDATED_AT), r.get(EVENT_ID));
    }

    private static <T> Field<T> column(String column, org.jooq.DataType<T> type) {
        return field(name("service_requests", column), type);
    }
}
