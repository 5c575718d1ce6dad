package org.vigie.feeds.gtfs;

import java.util.Objects;
import org.vigie.feeds.RejectedRecord;

/**
 * One thing wrong in a static GTFS feed, for a person to find and fix: {@code stops.txt line 2: stop_lat: expected
 * a number between -90 and 90, got 'north'}.
 *
 * @param file     the GTFS file, e.g. {@code stops.txt}
 * @param line     the line where the record starts (1 is the header); 0 when the problem concerns the whole file
 * @param message  what was wrong and, where it matters, what was done about it
 * @param raw      the record's text as read (empty for whole-file problems)
 * @param skipped  whether the record was left out of the feed (true) or kept without the faulty value (false)
 */
public record GtfsIssue(String file, long line, String message, String raw, boolean skipped) {
    public GtfsIssue {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        raw = raw == null ? "" : raw;
    }

    /** {@code stops.txt line 2} or {@code stops.txt}. */
    public String where() {
        return line > 0 ? file + " line " + line : file;
    }

    /** For the quarantine, beside the records of realtime feeds. */
    public RejectedRecord toRejectedRecord() {
        return new RejectedRecord(where(), message, raw);
    }

    @Override
    public String toString() {
        return where() + ": " + message;
    }
}
