package org.vigie.core.anomaly;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * The hours of a city's wall clock, which is what people's weekly rhythms follow. An hour is the instant its
 * local hour begins, so daylight-saving changes come out right: on the spring change the missing local hour simply
 * does not occur (that hour-of-week gets no sample that week), on the autumn change the repeated local hour
 * occurs twice, as two distinct hours of one hour-of-week. Zones whose offset is not a whole number of hours
 * (Asia/Kolkata) work too: their hours start at :30 UTC. Hour-of-week 0 is Monday 00:00–01:00 local time.
 */
public final class LocalHours {
    public static final int HOURS_PER_WEEK = 168;

    private final ZoneId zone;

    public LocalHours(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    /** The start of the local hour that contains {@code t}. */
    public Instant start(Instant t) {
        return ZonedDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    /** The start of the hour after the one starting at {@code hourStart}. */
    public Instant next(Instant hourStart) {
        Instant next = start(hourStart.plus(Duration.ofHours(1)));
        // A zone that moves its clock by less than an hour (Australia/Lord_Howe) could map back to the same hour.
        return next.isAfter(hourStart) ? next : hourStart.plus(Duration.ofHours(1));
    }

    /** 0 (Monday 00:00) to 167 (Sunday 23:00), from the local time at which the hour starts. */
    public int hourOfWeek(Instant hourStart) {
        LocalDateTime local = LocalDateTime.ofInstant(hourStart, zone);
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    public static int hourOfDay(int hourOfWeek) {
        return hourOfWeek % 24;
    }

    /** "Friday 22:00" */
    public static String describeHourOfWeek(int hourOfWeek) {
        return DayOfWeek.of(hourOfWeek / 24 + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + String.format(Locale.ROOT, "%02d:00", hourOfWeek % 24);
    }

    /**
     * "between 22:00 and 23:00 on Friday 14 March 2025"; on the autumn change, when the local hour occurs twice, the
     * offset tells the two apart ("between 02:00 and 03:00 (UTC+02:00) on Sunday 26 October 2025").
     */
    public String describe(Instant hourStart) {
        ZonedDateTime local = ZonedDateTime.ofInstant(hourStart, zone);
        int h = local.getHour();
        String when = String.format(Locale.ROOT, "between %02d:00 and %02d:00", h, (h + 1) % 24);
        if (zone.getRules().getValidOffsets(local.toLocalDateTime()).size() > 1) {
            when += " (UTC" + (local.getOffset().getTotalSeconds() == 0 ? "" : local.getOffset().getId()) + ")";
        }
        return when + " on " + local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + local.getDayOfMonth() + " " + local.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + local.getYear();
    }
}
