package org.vigie.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.Decision;
import org.vigie.core.accountability.EquipmentKind;
import org.vigie.core.json.Json;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;
import org.vigie.store.Tables.Decisions;
import org.vigie.store.Tables.Events;
import org.vigie.store.Tables.Incidents;

/**
 * What accountability reads: the alerts of a period with the operator's decision on each, and the feeds that
 * reported. Decisions are kept by {@link IncidentRepository} in the transaction that stores the verdict.
 */
public final class AccountabilityRepository {
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
}
