package org.vigie.feeds.gtfs;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** The weekly pattern of a service, from {@code calendar.txt}. */
public record ServiceCalendar(String serviceId, Set<DayOfWeek> days, LocalDate start, LocalDate end) {
    public ServiceCalendar {
        days = Set.copyOf(days);
    }

    /** Whether the weekly pattern runs that day ({@code calendar_dates.txt} exceptions aside). */
    public boolean runsOn(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end) && days.contains(date.getDayOfWeek());
    }
}
