package org.vigie.feeds;

/**
 * A document that cannot be read at all: not the expected format, truncated, too large, or hostile (a DTD or
 * an external entity). The only exception a {@link FeedFormat} throws, whatever the input.
 */
public class FeedParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
