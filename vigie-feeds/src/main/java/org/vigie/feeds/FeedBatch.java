package org.vigie.feeds;

import java.util.List;
import org.vigie.core.model.Event;

/**
 * What one document gave: its events and the records that could not become events.
 *
 * @param records how many records the document held (one record may give several events, e.g. a CAP alert
 *                with several areas, or none, e.g. an alert that was cancelled)
 */
public record FeedBatch(int records, List<Event> events, List<RejectedRecord> rejected) {
    public static final FeedBatch EMPTY = new FeedBatch(0, List.of(), List.of());

    public FeedBatch {
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0");
        }
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
    }
}
