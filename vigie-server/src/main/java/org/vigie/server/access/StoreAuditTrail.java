package org.vigie.server.access;

import java.time.InstantSource;
import org.vigie.store.AuditRepository;

/** The audit trail in the store's hash-chained log. A failed append throws, and the request fails with it. */
public final class StoreAuditTrail implements AuditTrail {
    /** Long enough for a search's filters or a verdict's reason; the log is not a place for documents. */
    public static final int MAX_DETAIL = 2000;

    private final AuditRepository log;
    private final InstantSource clock;

    public StoreAuditTrail(AuditRepository log, InstantSource clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void record(Principal who, String action, String target, String detail) {
        String d = detail == null ? "" : detail;
        log.append(clock.instant(), who.user(), who.role().jsonName(), action, target == null ? "" : target,
                d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) + "…" : d);
    }
}
