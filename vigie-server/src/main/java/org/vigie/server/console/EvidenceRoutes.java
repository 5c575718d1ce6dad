package org.vigie.server.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.Principal;
import org.vigie.server.access.Role;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;

/**
 * {@code GET /api/v1/evidence/{day}/{file}}: the bytes behind {@code evidence:DAY/FILE}. Every opening is written to
 * the audit trail before a byte leaves, and nothing may cache it: each viewing must be a request that is audited.
 */
final class EvidenceRoutes {
    static final String SCHEME = "evidence:";
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern FILE = Pattern.compile("[0-9a-f]{64}\\.(snapshot|clip|audio|record)");

    private final EvidenceStore store;
    private final AuditTrail audit;

    EvidenceRoutes(EvidenceStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    /**
     * The auditor checks who looked at evidence, never what it shows. The access filter refuses the route to that
     * role already; this holds even where a filter is misconfigured.
     */
    static void refuseAuditor(Context ctx) {
        if (Principal.of(ctx).role() == Role.AUDITOR) {
            throw new ApiError(403, "forbidden", "the auditor role does not open evidence content");
        }
    }

    void get(Context ctx) {
        refuseAuditor(ctx);
        String day = ctx.pathParam("day");
        String file = ctx.pathParam("file");
        if (!DAY.matcher(day).matches() || !FILE.matcher(file).matches()) {
            throw ApiError.badRequest("not an evidence reference", List.of(Requests.fieldError("file",
                    "expected /api/v1/evidence/YYYY-MM-DD/SHA256.kind, got " + day + "/" + file)));
        }
        String uri = SCHEME + day + "/" + file;
        EvidenceStore.Evidence evidence;
        try {
            evidence = store.open(uri).orElseThrow(() -> ApiError.notFound(
                    "no evidence " + uri + " (it may have passed its retention period)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence " + uri, e);
        }
        audit.record(Principal.of(ctx), "evidence.view", uri, evidence.ref().kind().jsonName());
        ctx.header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .contentType(evidence.mediaType())
                .result(evidence.bytes());
    }
}
