package org.vigie.server.transparency;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** A span of time {@code [from, to)} that figures are computed over. */
public record Period(Instant from, Instant to) {
    public static final Duration LONGEST = Duration.ofDays(3 * 366);

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts: " + from + " .. " + to);
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the period may last at most " + LONGEST.toDays() + " days");
        }
    }

    public double days() {
        return Duration.between(from, to).toSeconds() / 86_400.0;
    }

    /** A calendar month on the city's clock. */
    public static Period month(YearMonth month, ZoneId zone) {
        return new Period(month.atDay(1).atStartOfDay(zone).toInstant(), month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    /**
     * A bound given as a date ({@code 2026-11-01}, midnight on the city's clock; an end date counts whole, so the
     * period runs to the next midnight) or as an instant ({@code 2026-11-01T06:00:00Z}).
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static Instant bound(String text, ZoneId zone, boolean end) {
        try {
            LocalDate day = LocalDate.parse(text);
            return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a date (2026-11-01) or an instant (2026-11-01T06:00:00Z), got '"
                        + text + "'");
            }
        }
    }
}
