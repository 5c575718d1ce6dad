package org.vigie.store;

import java.time.Instant;
import org.vigie.core.model.IncidentStatus;

/**
 * A stored request with the state of the incident its event joined, read together in one query.
 *
 * @param incidentStatus null while the correlator has not yet placed the event in an incident
 * @param verdictReason  why the incident reached its status (the operator's reason), or null
 * @param verdictAt      when it did, or null
 */
public record TrackedServiceRequest(StoredServiceRequest request, IncidentStatus incidentStatus, String verdictReason,
                                    Instant verdictAt) {
    /** Dismissed and closed incidents are done with; everything else is still being handled. */
    public boolean closed() {
        return incidentStatus == IncidentStatus.DISMISSED || incidentStatus == IncidentStatus.CLOSED;
    }

    /** The later of the request's own update and the operator's last decision on its incident. */
    public Instant updatedAt() {
        return verdictAt != null && verdictAt.isAfter(request.updatedAt()) ? verdictAt : request.updatedAt();
    }
}
