package org.vigie.feeds.open311;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The W3C date-time profile of ISO 8601 that GeoReport uses ({@code 2010-04-14T06:37:38-08:00}). A time always
 * carries its offset: without one, the instant is unknown, and guessing a zone would move reports by hours.
 */
public final class W3cDateTime {
    /** Seconds or fractions, {@code Z}, {@code +hh:mm} or {@code +hhmm} (seen in real feeds). */
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .appendPattern("[XXX][XX]")
            .toFormatter();

    /** W3C years have four digits; ISO's expanded years (+999999999) would overflow every clock downstream. */
    private static final Pattern YEAR_FIRST = Pattern.compile("\\d{4}-");

    private W3cDateTime() {
    }

    /**
     * A complete date ({@code 2010-04-14}, taken as midnight UTC) or a date and time with its offset.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Instant parse(String text) {
        String t = text.trim();
        if (!YEAR_FIRST.matcher(t).lookingAt()) {
            throw new IllegalArgumentException("'" + clip(t) + "' is not a W3C date-time; expected a four-digit year "
                    + "first, e.g. 2010-04-14T06:37:38-08:00, 2010-04-14T14:37:38Z or 2010-04-14");
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            var parsed = READ.parse(t);
            if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                throw new IllegalArgumentException("'" + clip(t) + "' has no time zone; expected a W3C date-time "
                        + "such as 2010-04-14T06:37:38-08:00 or 2010-04-14T14:37:38Z");
            }
            return OffsetDateTime.from(parsed).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + clip(t) + "' is not a W3C date-time; expected e.g. "
                    + "2010-04-14T06:37:38-08:00, 2010-04-14T14:37:38Z or 2010-04-14", e);
        }
    }

    /** Whether the text is a date without a time, so that an end date can include the whole day. */
    public static boolean isDateOnly(String text) {
        return text.trim().length() == 10;
    }

    /** UTC, to the second, as in the specification's examples. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
