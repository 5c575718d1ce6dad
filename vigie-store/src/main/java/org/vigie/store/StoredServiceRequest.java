package org.vigie.store;

import java.time.Instant;
import java.util.Objects;
import org.vigie.core.model.EventId;

/**
 * A citizen's Open311 service request as the store keeps it: what was reported, where and when, and the event
 * it became. Nothing about the person who reported it exists here to be kept.
 *
 * @param token      a second, unguessable handle the reporter was given ({@code GET tokens/TOKEN})
 * @param mediaUrl   a link the reporter gave; a reference only, the picture is never fetched
 */
public record StoredServiceRequest(String id, String token, String serviceCode, String serviceName, String description,
                                   double lat, double lon, String address, String addressId, String mediaUrl,
                                   Instant requestedAt, Instant updatedAt, EventId eventId) {
    public StoredServiceRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(eventId, "eventId");
    }
}
