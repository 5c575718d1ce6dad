package org.vigie.server.console;

import java.util.List;
import org.vigie.core.model.Event;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.Incident;
import org.vigie.core.sop.Checklist;
import org.vigie.store.IncidentRepository.StatusChange;

/** Everything the incident page shows. */
public record IncidentView(Incident incident, List<Event> events, List<EvidenceRef> evidence, Checklist checklist,
                           List<StatusChange> history) {

    /** {@code evidence:DAY/FILE} as the URL that serves it. */
    public static String evidenceUrl(EvidenceRef ref) {
        return "/api/v1/evidence/" + ref.uri().substring(EvidenceRoutes.SCHEME.length());
    }
}
