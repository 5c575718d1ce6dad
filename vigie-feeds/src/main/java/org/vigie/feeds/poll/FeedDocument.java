package org.vigie.feeds.poll;

import java.util.Objects;

/**
 * One document as a source delivered it.
 *
 * @param origin     where it came from, for people: a URL without its query, or a file path
 * @param body       its bytes, complete (a source never hands over a truncated transfer)
 * @param unreadable null, or why the source could not hand the document over whole although it exists (a
 *                   file over the size limit): the connector quarantines it instead of parsing it, so it is
 *                   reported once and not retried forever; {@code body} then holds its first bytes
 */
public record FeedDocument(String origin, byte[] body, String unreadable) {
    public FeedDocument {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(body, "body");
    }

    public FeedDocument(String origin, byte[] body) {
        this(origin, body, null);
    }
}
