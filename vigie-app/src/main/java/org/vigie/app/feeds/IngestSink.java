package org.vigie.app.feeds;

import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.poll.FeedSink;
import org.vigie.server.ingest.IngestResult;
import org.vigie.server.ingest.IngestService;

/** Connectors deliver through the one ingest path, exactly as {@code POST /api/v1/feeds/{format}} does. */
public final class IngestSink implements FeedSink {
    private final IngestService ingest;

    public IngestSink(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public Receipt accept(FeedBatch batch, String channel) {
        IngestResult r = ingest.ingestFeed(batch, channel);
        return new Receipt(r.accepted(), r.duplicates());
    }

    @Override
    public void unreadable(String channel, String reason, byte[] document) {
        ingest.quarantineDocument(channel, reason, document);
    }
}
