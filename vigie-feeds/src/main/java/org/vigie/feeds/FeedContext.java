package org.vigie.feeds;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when a document was received.
 *
 * @param sourceId the feed instance, stable across polls (a configured name such as {@code marins-pompiers},
 *                 or the file name for an import); part of every event id, so it must not change between polls
 * @param receivedAt when the document arrived; events dated after it (beyond the allowed skew) are rejected
 */
public record FeedContext(String sourceId, Instant receivedAt) {
    public FeedContext {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId must not be blank");
        }
    }
}
