package org.vigie.feeds.gtfs;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * {@code agency.txt}. The agency's phone, e-mail and fare address are contact details that Vigie has no use for;
 * they are not read.
 */
final class AgencyMapper {
    private AgencyMapper() {
    }

    static Optional<Agency> map(GtfsRow row, GtfsIssues issues) {
        String id = row.text("agency_id");
        String name = row.required("agency_name");
        String tz = row.required("agency_timezone");
        ZoneId zone = null;
        if (tz != null) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                row.error("agency_timezone: expected a tz database zone such as Europe/Paris, got '" + tz + "'");
            }
        }
        if (!row.report(issues)) {
            return Optional.empty();
        }
        return Optional.of(new Agency(id == null ? "" : id, name, zone));
    }
}
