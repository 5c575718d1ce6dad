package org.vigie.feeds;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when a document was received.
 *
 * @param sourceId the feed instance, stable across polls (a configured name such as {@code marins-pompiers},
 *                 or the file name for an import); part of every event id, so it must not change between polls
 * @param receivedAt when the document arrived; events dated after it (beyond the allowed skew) are rejected
 * @param lineOffset added to the line numbers that line-based formats put in rejected records' refs, when the
 *                   document is one piece of a larger file (a chunked upload), so the quarantine names the
 *                   file's own lines; 0 for a whole document
 */
public record FeedContext(String sourceId, Instant receivedAt, int lineOffset) {
    public FeedContext {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId must not be blank");
        }
        if (lineOffset < 0) {
            throw new IllegalArgumentException("lineOffset must be >= 0, got " + lineOffset);
        }
    }

    /** A whole document. */
    public FeedContext(String sourceId, Instant receivedAt) {
        this(sourceId, receivedAt, 0);
    }
}
