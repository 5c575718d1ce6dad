package org.vigie.feeds.gtfs;

import java.time.LocalDate;

/** A day added to or removed from a service, from {@code calendar_dates.txt}. */
public record ServiceException(String serviceId, LocalDate date, boolean added) {
}
