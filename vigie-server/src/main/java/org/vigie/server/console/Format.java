package org.vigie.server.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times, durations and numbers, in the centre's time zone. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Format() {
    }

    public static String time(Instant t, ZoneId zone) {
        return t == null ? "—" : TIME.format(t.atZone(zone));
    }

    public static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }

    public static String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    public static String confidence(double c) {
        return String.format(Locale.ROOT, "%.0f %%", c * 100);
    }
}
