package org.vigie.feeds;

/**
 * One external format turned into {@link org.vigie.core.model.Event}s and nothing else (one mapper per format).
 * A record that cannot become an event is returned as a {@link RejectedRecord} with its reason, never dropped;
 * only a document that cannot be read at all (not the format, hostile, too large) throws.
 *
 * <p>Implementations are thread-safe: a poller and an HTTP upload may parse with the same instance at once.
 */
public interface FeedFormat {
    /** Documents larger than this are refused before parsing. */
    int MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

    /** The name used on the command line, in configuration, in channels and metrics: {@code cap}, {@code gtfs-rt}. */
    String name();

    /**
     * Reads one whole document. Event ids are derived from the source and the record's own id and version
     * ({@link FeedIds}), so parsing the same document twice yields the same events.
     *
     * @throws FeedParseException when the document as a whole cannot be read; the message says why
     */
    FeedBatch parse(byte[] document, FeedContext context) throws FeedParseException;
}
