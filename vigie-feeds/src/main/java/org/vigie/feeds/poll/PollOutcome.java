package org.vigie.feeds.poll;

/** How one poll ended; the {@code outcome} tag of {@code vigie.feed.polls}. */
public enum PollOutcome {
    /** New documents were read and delivered. */
    OK("ok"),
    /** The source had nothing new (HTTP 304, no new file). */
    NOT_MODIFIED("not-modified"),
    /** The source could not be read, a document was unreadable, or the sink refused it. */
    ERROR("error");

    private final String tag;

    PollOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
