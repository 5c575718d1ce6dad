package org.vigie.feeds.gtfs;

import java.util.ArrayList;
import java.util.List;

/**
 * The issues of one feed being read, like OpenTripPlanner's {@code DataImportIssueStore}. Only the first
 * {@link #MAX_KEPT} are kept with their text, so that a feed of millions of broken rows cannot exhaust memory; the
 * total is still counted.
 */
final class GtfsIssues {
    static final int MAX_KEPT = 10_000;

    private final List<GtfsIssue> kept = new ArrayList<>();
    private long total;

    void add(GtfsIssue issue) {
        total++;
        if (kept.size() < MAX_KEPT) {
            kept.add(issue);
        }
    }

    /** A row that was left out: {@code message} says why. */
    void skipped(GtfsRow row, String message) {
        add(new GtfsIssue(row.file(), row.line(), message, row.raw(), true));
    }

    /** A row that was kept without the value(s) {@code message} names. */
    void kept(GtfsRow row, String message) {
        add(new GtfsIssue(row.file(), row.line(), message, row.raw(), false));
    }

    void file(String file, String message) {
        add(new GtfsIssue(file, 0, message, "", false));
    }

    List<GtfsIssue> kept() {
        return List.copyOf(kept);
    }

    long total() {
        return total;
    }
}
