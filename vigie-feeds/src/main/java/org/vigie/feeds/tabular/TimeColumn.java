package org.vigie.feeds.tabular;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.vigie.core.model.EventRules;
import org.vigie.core.model.FieldError;

/**
 * When a record happened: one column, or several joined by a space (a date column and a time column, as French
 * exports often have), read with the first of a list of formats that fits. Values without an offset are local
 * times of the mapping's zone; in the autumn overlap the earlier instant is taken, and a time in the spring gap
 * moves forward by the gap, as {@link ZonedDateTime#of} does.
 *
 * <p>Formats are {@link DateTimeFormatter} patterns, read strictly (no 31 April, no hour 25) and ignoring case
 * ({@code pm}, {@code PM}); or {@code iso} (ISO-8601 with or without offset, or a date), {@code epoch-s} and
 * {@code epoch-ms}.
 */
final class TimeColumn {
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

    private final List<String> columns;
    private final List<String> formats;
    private final List<DateTimeFormatter> parsers;
    private final ZoneId zone;

    TimeColumn(List<String> columns, List<String> formats, ZoneId zone) {
        this.columns = List.copyOf(columns);
        this.formats = List.copyOf(formats);
        this.parsers = formats.stream().map(TimeColumn::parser).toList();
        this.zone = zone;
    }

    /** The time zone of values written without an offset. */
    ZoneId zone() {
        return zone;
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    static DateTimeFormatter parser(String format) {
        return switch (format) {
            case "iso" -> DateTimeFormatter.ISO_DATE_TIME;
            case "epoch-s", "epoch-ms" -> null;
            default -> new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(format)
                    // Strict resolving refuses 31 April; it needs the era to turn a year-of-era (yyyy) into a year.
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        };
    }

    List<String> columns() {
        return columns;
    }

    String label() {
        return String.join("+", columns);
    }

    /** The instant, or null after adding why not (unreadable, or impossible for a record received at {@code receivedAt}). */
    Instant read(Row row, Instant receivedAt, List<String> problems) {
        var parts = new StringBuilder();
        for (String c : columns) {
            String v = row.text(c, problems);
            if (v == null) {
                return null;
            }
            if (!v.isEmpty()) {
                parts.append(parts.isEmpty() ? "" : " ").append(v);
            }
        }
        String value = parts.toString();
        if (value.isEmpty()) {
            problems.add(label() + " is blank; the time of the record is required");
            return null;
        }
        for (int i = 0; i < formats.size(); i++) {
            Instant t = parse(value, formats.get(i), parsers.get(i));
            if (t != null) {
                List<FieldError> wrong = EventRules.checkTimes(t, receivedAt);
                if (wrong.isEmpty()) {
                    return t;
                }
                problems.add(label() + " '" + Row.clip(value) + "' " + wrong.get(0).message());
                return null;
            }
        }
        problems.add(label() + " '" + Row.clip(value) + "' is not a time in any of the formats " + formats);
        return null;
    }

    private Instant parse(String value, String format, DateTimeFormatter parser) {
        try {
            if (parser == null) {
                if (!EPOCH.matcher(value).matches()) {
                    return null;
                }
                double n = Double.parseDouble(value);
                long millis = Math.round(format.equals("epoch-s") ? n * 1000 : n);
                return Instant.ofEpochMilli(millis);
            }
            // A value in another of the listed formats is the common miss: checking the shape first avoids
            // building an exception (and its stack trace) per format per row.
            var position = new ParsePosition(0);
            if (parser.parseUnresolved(value, position) == null || position.getIndex() != value.length()) {
                return null;
            }
            TemporalAccessor t = parser.parseBest(value, ZonedDateTime::from, OffsetDateTime::from,
                    LocalDateTime::from, LocalDate::from);
            return switch (t) {
                case ZonedDateTime z -> z.toInstant();
                case OffsetDateTime o -> o.toInstant();
                case LocalDateTime l -> l.atZone(zone).toInstant();
                case LocalDate d -> d.atStartOfDay(zone).toInstant();
                default -> null;
            };
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
