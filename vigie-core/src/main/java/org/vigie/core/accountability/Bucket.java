package org.vigie.core.accountability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** Time slices of a quality series, on the city's wall clock: days, or ISO weeks starting on Monday. */
public enum Bucket {
    DAY, WEEK;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Bucket> fromJson(String name) {
        for (Bucket b : values()) {
            if (b.jsonName().equals(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The first day of the slice holding {@code at}. */
    public LocalDate start(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return this == DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
