package org.vigie.feeds.telecom;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vigie.core.anomaly.Zone;
import org.vigie.feeds.RejectedRecord;
import org.vigie.feeds.social.TopicWords;

/**
 * Presence aggregates as operators sell them (Orange Flux Vision, SFR Geostatistics and the like export such
 * tables): one row per zone and time slot with a count of devices present.
 *
 * <h2>Columns</h2>
 * The first line is a header; separator ',', ';', tab or '|' (whichever the header uses); fields may be quoted.
 * Header names are matched after folding case and accents and turning punctuation into '_', in any order, extra
 * columns ignored:
 * <ul>
 * <li><b>zone</b> (required): {@code zone, zone_id, zone_code, cell, h3, h3_index, h3_cell, area, area_id, code,
 * insee, district, iris}: an H3 cell, a district code or a district name ({@link PresenceZones})</li>
 * <li><b>slot start</b> (required): {@code start, slot, slot_start, time, timestamp, datetime, date_time, date_heure,
 * period_start, from, debut, horodatage}: ISO 8601 with or without offset, "yyyy-MM-dd HH:mm[:ss]", or epoch
 * seconds; a time without offset is the city's local time</li>
 * <li><b>slot end</b> (optional): {@code end, slot_end, period_end, to, fin}; or <b>slot length</b>
 * {@code duration_minutes, slot_minutes, minutes, duree}; else the default slot length (one hour)</li>
 * <li><b>count</b> (required): {@code count, devices, device_count, nb_devices, count_devices, presence, present,
 * nb, volume, visitors, visiteurs, population, effectif, value}: a whole number ("1 234" and "1234.0" are
 * read); an operator's own suppression mark ("", "*", "&lt;5", "s", "NA") counts as suppressed</li>
 * </ul>
 *
 * <h2>Small counts never leave</h2>
 * A count under k (default 5) is suppressed here, on input: it is counted as suppressed and nothing else of the
 * row is kept — not as a {@link PresenceCount}, not in the quarantine (a rejected row's count, when it is under k or
 * unreadable, is masked in the raw text kept).
 *
 * <p>Immutable and thread-safe.
 */
public final class PresenceCsv {
    public static final int DEFAULT_MIN_DEVICES = 5;
    static final Duration MAX_SLOT = Duration.ofHours(1);

    private static final Map<String, List<String>> COLUMNS = Map.of(
            "zone", List.of("zone", "zone_id", "zone_code", "cell", "h3", "h3_index", "h3_cell", "area", "area_id",
                    "code", "insee", "district", "iris"),
            "start", List.of("start", "slot", "slot_start", "time", "timestamp", "datetime", "date_time", "date_heure",
                    "period_start", "from", "debut", "horodatage"),
            "end", List.of("end", "slot_end", "period_end", "to", "fin"),
            "minutes", List.of("duration_minutes", "slot_minutes", "minutes", "duree", "duration"),
            "count", List.of("count", "devices", "device_count", "nb_devices", "count_devices", "devices_count",
                    "presence", "present", "nb", "volume", "visitors", "visiteurs", "population", "effectif", "value"));
    private static final List<String> SUPPRESSION_MARKS = List.of("", "*", "s", "na", "n/a", "nd", "-", "secret");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter(Locale.ROOT);

    /** What a document gave. */
    public record Reading(List<PresenceCount> counts, long rows, long suppressed, List<RejectedRecord> rejected) {
    }

    private final PresenceZones zones;
    private final int minDevices;
    private final ZoneId timeZone;
    private final Duration defaultSlot;

    /**
     * @param minDevices k: smaller counts are suppressed; at least {@value #DEFAULT_MIN_DEVICES} would be wise,
     *                   and never under 2
     */
    public PresenceCsv(PresenceZones zones, int minDevices, ZoneId timeZone, Duration defaultSlot) {
        this.zones = Objects.requireNonNull(zones, "zones");
        if (minDevices < 2) {
            throw new IllegalArgumentException("k (min-devices) must be at least 2, got " + minDevices);
        }
        this.minDevices = minDevices;
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        if (defaultSlot.isNegative() || defaultSlot.isZero() || defaultSlot.compareTo(MAX_SLOT) > 0) {
            throw new IllegalArgumentException("the default slot must be positive and at most an hour, got " + defaultSlot);
        }
        this.defaultSlot = defaultSlot;
    }

    public int minDevices() {
        return minDevices;
    }

    /**
     * @param lineOffset added to line numbers in rejected records (a chunk of a larger file)
     * @throws IllegalArgumentException when the header lacks a required column; the message names it and what was found
     */
    public Reading read(String text, int lineOffset) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        int headerAt = 0;
        while (headerAt < lines.length && lines[headerAt].isBlank()) {
            headerAt++;
        }
        if (headerAt == lines.length) {
            return new Reading(List.of(), 0, 0, List.of());
        }
        String headerLine = lines[headerAt];
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        char sep = separator(headerLine);
        List<String> header = fields(headerLine, sep);
        int zone = column(header, "zone", true);
        int start = column(header, "start", true);
        int count = column(header, "count", true);
        int end = column(header, "end", false);
        int minutes = column(header, "minutes", false);
        var counts = new ArrayList<PresenceCount>();
        var rejected = new ArrayList<RejectedRecord>();
        long rows = 0;
        long suppressed = 0;
        for (int i = headerAt + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            rows++;
            String ref = "line " + (lineOffset + i + 1);
            List<String> f = fields(line, sep);
            // The count first: a small one ends the row here, whatever else is wrong with it.
            String countText = field(f, count);
            if (isSuppressionMark(countText)) {
                suppressed++;
                continue;
            }
            Optional<Long> devices = devices(countText);
            if (devices.isEmpty() || devices.get() < 0) {
                // Not quoted, and masked in the raw text: it might be a small count written oddly.
                rejected.add(new RejectedRecord(ref, "count: expected a whole number of devices, at least 0",
                        masked(f, count, sep)));
                continue;
            }
            if (devices.get() < minDevices) {
                suppressed++;
                continue;
            }
            String problem = null;
            Optional<Zone> z = zones.find(field(f, zone));
            Optional<Instant> from = time(field(f, start));
            Duration slot = defaultSlot;
            if (z.isEmpty()) {
                problem = "zone: '" + field(f, zone) + "' is neither an H3 cell nor a district of " + zones.cityName();
            } else if (from.isEmpty()) {
                problem = "start: '" + field(f, start) + "' is not a date-time (ISO 8601, yyyy-MM-dd HH:mm or epoch seconds)";
            } else if (end >= 0 && !field(f, end).isBlank()) {
                Optional<Instant> to = time(field(f, end));
                if (to.isEmpty() || !to.get().isAfter(from.get())) {
                    problem = "end: '" + field(f, end) + "' is not a date-time after the slot's start";
                } else {
                    slot = Duration.between(from.get(), to.get());
                }
            } else if (minutes >= 0 && !field(f, minutes).isBlank()) {
                try {
                    slot = Duration.ofMinutes(Long.parseLong(field(f, minutes).trim()));
                } catch (NumberFormatException e) {
                    problem = "minutes: '" + field(f, minutes) + "' is not a whole number of minutes";
                }
            }
            if (problem == null && (slot.isNegative() || slot.isZero() || slot.compareTo(MAX_SLOT) > 0)) {
                problem = "slot: " + slot.toMinutes() + " min; presence is read in slots of at most an hour";
            }
            if (problem != null) {
                rejected.add(new RejectedRecord(ref, problem, line)); // its count is at least k: an aggregate
                continue;
            }
            counts.add(new PresenceCount(z.get(), from.get(), slot, devices.get()));
        }
        return new Reading(counts, rows, suppressed, rejected);
    }

    /** An operator's own mark for a count it suppressed: "", "*", "&lt;5", "NA"… */
    static boolean isSuppressionMark(String text) {
        String t = text.trim();
        return SUPPRESSION_MARKS.contains(t.toLowerCase(Locale.ROOT)) || t.startsWith("<");
    }

    /** The row with its count replaced, for the quarantine. */
    private static String masked(List<String> f, int count, char sep) {
        var copy = new ArrayList<>(f);
        if (count < copy.size()) {
            copy.set(count, "(count withheld)");
        }
        return String.join(String.valueOf(sep), copy);
    }

    /** Empty for anything that is not a whole number ("1 234" and "1234.0" are). */
    static Optional<Long> devices(String text) {
        String t = text.trim().replace(" ", "").replace("\u00A0", "").replace("\u202F", "");
        try {
            if (t.endsWith(".0")) {
                t = t.substring(0, t.length() - 2);
            }
            return Optional.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Instant> time(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (t.chars().allMatch(Character::isDigit) && t.length() >= 9 && t.length() <= 11) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return Optional.of(OffsetDateTime.parse(t.replace(' ', 'T')).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t, LOCAL).atZone(timeZone).toInstant());
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String field(List<String> f, int i) {
        return i >= 0 && i < f.size() ? f.get(i) : "";
    }

    private static int column(List<String> header, String what, boolean required) {
        List<String> names = COLUMNS.get(what);
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                if (normalise(header.get(i)).equals(name)) {
                    return i;
                }
            }
        }
        if (required) {
            throw new IllegalArgumentException("header: no " + what + " column; expected one of " + names
                    + ", found " + header);
        }
        return -1;
    }

    static String normalise(String header) {
        String folded = TopicWords.fold(header.trim());
        var sb = new StringBuilder();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            sb.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        String s = sb.toString().replaceAll("_+", "_");
        return s.replaceAll("^_|_$", "");
    }

    private static char separator(String header) {
        char best = ',';
        int most = 0;
        for (char c : new char[] {',', ';', '\t', '|'}) {
            int n = (int) header.chars().filter(x -> x == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    /** One CSV line: quoted fields may hold the separator and doubled quotes. */
    static List<String> fields(String line, char sep) {
        var out = new ArrayList<String>();
        var cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.isEmpty()) {
                quoted = true;
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
