package org.vigie.feeds.gtfs;

import java.time.LocalDate;
import java.util.Optional;

/** {@code calendar_dates.txt}. */
final class CalendarDateMapper {
    private CalendarDateMapper() {
    }

    static Optional<ServiceException> map(GtfsRow row, GtfsIssues issues) {
        String id = row.required("service_id");
        LocalDate date = row.date("date");
        Integer type = row.integer("exception_type", 1, 2);
        if (!row.report(issues)) {
            return Optional.empty();
        }
        return Optional.of(new ServiceException(id, date, type == 1));
    }
}
