package org.vigie.feeds.gtfs;

/**
 * A line, from {@code routes.txt}.
 *
 * @param agencyId empty when the feed has one agency and leaves the column out
 */
public record Route(String id, String agencyId, String shortName, String longName, TransitMode mode) {
    /** What riders call it: {@code M2}, else its long name, else its id. */
    public String label() {
        return shortName != null ? shortName : longName != null ? longName : id;
    }
}
