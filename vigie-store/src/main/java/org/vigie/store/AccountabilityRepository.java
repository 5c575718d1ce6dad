package org.vigie.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.Decision;
import org.vigie.core.accountability.EquipmentKind;
import org.vigie.core.accountability.EvidenceUse;
import org.vigie.core.json.Json;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;
import org.vigie.store.Tables.Decisions;
import org.vigie.store.Tables.AuditLog;
import org.vigie.store.Tables.Events;
import org.vigie.store.Tables.IncidentEvents;
import org.vigie.store.Tables.Incidents;

/**
 * What accountability reads: the alerts of a period with the operator's decision on each, and the feeds that
 * reported. Decisions are kept by {@link IncidentRepository} in the transaction that stores the verdict.
 */
public final class AccountabilityRepository {
    /** The audit action written by every opening of evidence (the evidence route and the camera snapshot). */
    public static final String EVIDENCE_VIEW = "evidence.view";
    /**
     * Targets of stored evidence ({@code evidence:DAY/SHA.kind}). Camera snapshots are audited under the same action
     * with {@code camera:ID/snapshot}: the live picture of a camera, tied to no event, so to no incident.
     */
    static final String EVIDENCE_SCHEME = "evidence:";

    private final DSLContext db;

    AccountabilityRepository(DSLContext db) {
        this.db = db;
    }

    /** Inside the caller's transaction; the first decision stands (the life cycle allows only one). */
    static void recordDecision(DSLContext tx, Incident decided, Instant now) {
        Verdict v = decided.verdict();
        tx.insertInto(Decisions.TABLE)
                .set(Decisions.INCIDENT_ID, decided.id())
                .set(Decisions.CONFIRMED, decided.status() == IncidentStatus.CONFIRMED)
                .set(Decisions.DECIDED_AT, v == null ? now : v.at())
                .set(Decisions.REASON, DismissalReason.textOf(v))
                .onConflict(Decisions.INCIDENT_ID).doNothing()
                .execute();
    }

    /** Incidents opened in {@code [from, to)}, except those absorbed into another by a merge, oldest first. */
    public List<Alert> alerts(Instant from, Instant to) {
        var out = new ArrayList<Alert>();
        db.select(Incidents.ID, Incidents.TYPE, Incidents.COMPOSITE, Incidents.FIRST_SEEN, Incidents.LAT, Incidents.LON,
                        Incidents.SOURCE_CONFIDENCE, Incidents.MEMBER_KINDS, Decisions.CONFIRMED, Decisions.DECIDED_AT,
                        Decisions.REASON)
                .from(Incidents.TABLE)
                .leftJoin(Decisions.TABLE).on(Decisions.INCIDENT_ID.eq(Incidents.ID))
                .where(Incidents.FIRST_SEEN.ge(from)).and(Incidents.FIRST_SEEN.lt(to)).and(Incidents.MERGED_INTO.isNull())
                .orderBy(Incidents.FIRST_SEEN, Incidents.ID)
                .fetchSize(1_000)
                .forEach(r -> out.add(alert(r)));
        return out;
    }

    private static Alert alert(Record r) {
        IncidentId id = r.get(Incidents.ID);
        Boolean confirmed = r.get(Decisions.CONFIRMED);
        Decision decision = confirmed == null ? null : new Decision(confirmed, r.get(Decisions.DECIDED_AT), r.get(Decisions.REASON));
        return new Alert(id, r.get(Incidents.TYPE), r.get(Incidents.COMPOSITE), r.get(Incidents.FIRST_SEEN),
                r.get(Incidents.LAT), r.get(Incidents.LON), keys(id, r.get(Incidents.SOURCE_CONFIDENCE)),
                keys(id, r.get(Incidents.MEMBER_KINDS)), decision);
    }

    private static Set<String> keys(IncidentId id, String jsonObject) {
        try {
            JsonNode node = Json.MAPPER.readTree(jsonObject);
            var keys = new TreeSet<String>();
            node.properties().forEach(e -> keys.add(e.getKey()));
            return keys;
        } catch (JsonProcessingException e) {
            throw new StoreException("incident " + id + " has unreadable JSON in the store", e);
        }
    }

    /** Distinct feeds (sources that are not cameras, acoustic sensors, operators or fusion) with events in {@code [from, to)}. */
    public int feedCount(Instant from, Instant to) {
        var feedKinds = new ArrayList<SourceKind>();
        for (SourceKind k : SourceKind.values()) {
            if (EquipmentKind.of(k).filter(e -> e == EquipmentKind.FEED).isPresent()) {
                feedKinds.add(k);
            }
        }
        return db.fetchCount(DSL.selectDistinct(Events.SOURCE_KIND, Events.SOURCE_ID).from(Events.TABLE)
                .where(Events.OCCURRED_AT.ge(from)).and(Events.OCCURRED_AT.lt(to)).and(Events.SOURCE_KIND.in(feedKinds)));
    }

    /**
     * The openings of evidence, read from the audit log: the use of evidence of the alerts of a period is read once
     * per period ({@link EvidenceUse#during}), the source itself answers one incident at a time.
     */
    public EvidenceUse evidenceUse() {
        return new EvidenceUse() {
            @Override
            public boolean opened(IncidentId incident) {
                return !evidenceOpened(incident).isEmpty();
            }

            @Override
            public EvidenceUse during(Instant from, Instant to) {
                return EvidenceUse.listed(evidenceOpened(from, to));
            }
        };
    }

    /**
     * Incidents opened in {@code [from, to)} (except those absorbed by a merge) with at least one member event whose
     * evidence someone opened, at any time since {@code from}: evidence is looked at after the alert, often after
     * the period of the report, and none of it can be opened before its incident began.
     *
     * <p>Two reads, neither of which walks all events: first the distinct evidence uris opened since {@code from}
     * (the audit log by its index on {@code at}; a uri opened ten times counts once); then the evidence of the
     * member events of the period's incidents (incidents by {@code first_seen}, their members by primary key),
     * matched against those uris here. Events keep their evidence as JSON text, which neither engine indexes in a
     * way both share; a {@code LIKE} per uri would scan the events of every batch, while the period's members are
     * already bounded by the report, and parsing their evidence compares uris exactly instead of as substrings.
     */
    public Set<IncidentId> evidenceOpened(Instant from, Instant to) {
        Set<String> uris = openedUris(from);
        if (uris.isEmpty()) {
            return Set.of();
        }
        var opened = new HashSet<IncidentId>();
        db.select(IncidentEvents.INCIDENT_ID, Events.EVIDENCE)
                .from(Incidents.TABLE)
                .join(IncidentEvents.TABLE).on(IncidentEvents.INCIDENT_ID.eq(Incidents.ID))
                .join(Events.TABLE).on(Events.ID.eq(IncidentEvents.EVENT_ID))
                .where(Incidents.FIRST_SEEN.ge(from)).and(Incidents.FIRST_SEEN.lt(to)).and(Incidents.MERGED_INTO.isNull())
                .and(Events.EVIDENCE.ne("[]"))
                .fetchSize(1_000)
                .forEach(r -> {
                    IncidentId id = r.get(IncidentEvents.INCIDENT_ID);
                    if (!opened.contains(id) && referencesAny(id, r.get(Events.EVIDENCE), uris)) {
                        opened.add(id);
                    }
                });
        return opened;
    }

    /** The openings of one incident's evidence: the uris of its members' evidence that someone opened. */
    Set<String> evidenceOpened(IncidentId incident) {
        var referenced = new HashSet<String>();
        db.select(Events.EVIDENCE).from(IncidentEvents.TABLE)
                .join(Events.TABLE).on(Events.ID.eq(IncidentEvents.EVENT_ID))
                .where(IncidentEvents.INCIDENT_ID.eq(incident)).and(Events.EVIDENCE.ne("[]"))
                .forEach(r -> referenced.addAll(uris(incident, r.get(Events.EVIDENCE))));
        if (referenced.isEmpty()) {
            return Set.of();
        }
        return db.selectDistinct(AuditLog.TARGET).from(AuditLog.TABLE)
                .where(AuditLog.ACTION.eq(EVIDENCE_VIEW)).and(AuditLog.TARGET.in(referenced))
                .fetchSet(AuditLog.TARGET);
    }

    /** Distinct evidence uris opened since {@code from}; camera snapshots are left out (no incident holds them). */
    Set<String> openedUris(Instant from) {
        return db.selectDistinct(AuditLog.TARGET).from(AuditLog.TABLE)
                .where(AuditLog.AT.ge(Tables.microsOf(from))).and(AuditLog.ACTION.eq(EVIDENCE_VIEW))
                .and(AuditLog.TARGET.startsWith(EVIDENCE_SCHEME))
                .fetchSet(AuditLog.TARGET);
    }

    private static boolean referencesAny(IncidentId id, String evidenceJson, Set<String> uris) {
        for (String uri : uris(id, evidenceJson)) {
            if (uris.contains(uri)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> uris(IncidentId id, String evidenceJson) {
        try {
            var out = new ArrayList<String>();
            for (JsonNode ref : Json.MAPPER.readTree(evidenceJson)) {
                JsonNode uri = ref.get("uri");
                if (uri != null && uri.isTextual()) {
                    out.add(uri.asText());
                }
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new StoreException("a member event of incident " + id + " has unreadable evidence JSON in the store", e);
        }
    }
}
