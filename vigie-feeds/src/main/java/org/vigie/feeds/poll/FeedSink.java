package org.vigie.feeds.poll;

import org.vigie.feeds.FeedBatch;

/**
 * Where a connector delivers what it read: in the platform, the ingest service (store, quarantine, correlator).
 * Both methods return only once what they were given is durable, so a connector may then forget the document.
 * Either may throw (the store is down); the connector then keeps the document to fetch again and backs off.
 */
public interface FeedSink {
    /** What the sink did with a batch's events: newly stored, or already present (the same feed read twice). */
    record Receipt(int stored, int duplicates) {
        public Receipt {
            if (stored < 0 || duplicates < 0) {
                throw new IllegalArgumentException("counts must be >= 0");
            }
        }
    }

    /**
     * @param channel {@code feed:<format>:<connector>}, the same for every document of one connector, so that the
     *                quarantine and the metrics can tell feeds apart
     */
    Receipt accept(FeedBatch batch, String channel);

    /** A document that could not be read at all, kept whole for the integrator with the reason. */
    void unreadable(String channel, String reason, byte[] document);
}
