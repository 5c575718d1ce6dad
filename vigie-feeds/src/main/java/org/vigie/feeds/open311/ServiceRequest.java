package org.vigie.feeds.open311;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One service request as GeoReport {@code GET requests} shows it. Nullable fields are written as JSON
 * {@code null} and empty XML elements, as in the specification's examples.
 */
public record ServiceRequest(String serviceRequestId, Status status, String statusNotes, String serviceName,
                             String serviceCode, String description, String agencyResponsible, String serviceNotice,
                             Instant requestedDatetime, Instant updatedDatetime, Instant expectedDatetime,
                             String address, String addressId, String zipcode, Double lat, Double lon,
                             String mediaUrl) {
    public enum Status {
        OPEN, CLOSED;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ServiceRequest {
        Objects.requireNonNull(serviceRequestId, "serviceRequestId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(requestedDatetime, "requestedDatetime");
    }
}
