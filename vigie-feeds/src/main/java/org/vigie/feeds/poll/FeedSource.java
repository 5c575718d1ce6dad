package org.vigie.feeds.poll;

/**
 * Somewhere a connector reads documents from: an HTTP endpoint ({@link HttpPoller}) or a folder
 * ({@link DirectorySource}). A source remembers what was processed (ETag, files read) only when told, so a
 * document that could not be delivered is fetched again rather than lost.
 *
 * <p>Used by one connector thread; {@link #close()} may come from another thread at any time.
 */
public interface FeedSource extends AutoCloseable {
    /**
     * One look at the source. Never throws for a failure of the source itself: that is a {@link Fetch.Failed}.
     * Returns within the source's time-out, and promptly once {@link #close()} was called.
     */
    Fetch fetch() throws InterruptedException;

    /** The document was delivered (or quarantined): the next fetch may treat it as seen. */
    void processed(FeedDocument document);

    /** Where the source reads from, safe to show and log: no credentials, no query string. */
    String describe();

    /** Aborts a fetch in progress and releases connections; later fetches fail. */
    @Override
    void close();
}
