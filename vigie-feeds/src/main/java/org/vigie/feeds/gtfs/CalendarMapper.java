package org.vigie.feeds.gtfs;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;

/** {@code calendar.txt}. */
final class CalendarMapper {
    private CalendarMapper() {
    }

    static Optional<ServiceCalendar> map(GtfsRow row, GtfsIssues issues) {
        String id = row.required("service_id");
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            Integer runs = row.integer(d.name().toLowerCase(Locale.ROOT), 0, 1);
            if (runs != null && runs == 1) {
                days.add(d);
            }
        }
        LocalDate start = row.date("start_date");
        LocalDate end = row.date("end_date");
        if (start != null && end != null && end.isBefore(start)) {
            row.error("end_date " + end + " is before start_date " + start);
        }
        if (!row.report(issues)) {
            return Optional.empty();
        }
        return Optional.of(new ServiceCalendar(id, days, start, end));
    }
}
