package org.vigie.feeds.poll;

import java.util.List;
import java.util.Objects;

/** What one look at a source found. */
public sealed interface Fetch {
    /** Nothing new since the last document that was processed (HTTP 304, or no new file). */
    Fetch NOT_MODIFIED = new NotModified();

    /** New documents, oldest first. */
    record Documents(List<FeedDocument> documents) implements Fetch {
        public Documents {
            documents = List.copyOf(documents);
        }
    }

    record NotModified() implements Fetch {
    }

    /**
     * The source could not be read this time (refused connection, time-out, 5xx, truncated transfer, …). Nothing
     * of it is parsed; the connector backs off and tries again.
     *
     * @param reason for the operator: what failed, naming the source but never its secrets
     */
    record Failed(String reason) implements Fetch {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
