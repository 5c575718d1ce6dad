package org.vigie.feeds.poll;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.feeds.FeedBatch;

/** Keeps what it was given, dedupes by event id like the store, and fails on demand. */
final class RecordingSink implements FeedSink {
    record Unreadable(String channel, String reason, byte[] document) {
    }

    final List<FeedBatch> batches = new ArrayList<>();
    final List<String> channels = new ArrayList<>();
    final List<Unreadable> unreadable = new ArrayList<>();
    final Set<EventId> stored = new HashSet<>();
    volatile RuntimeException failWith;

    @Override
    public synchronized Receipt accept(FeedBatch batch, String channel) {
        if (failWith != null) {
            throw failWith;
        }
        batches.add(batch);
        channels.add(channel);
        int fresh = 0;
        for (Event e : batch.events()) {
            if (stored.add(e.id())) {
                fresh++;
            }
        }
        return new Receipt(fresh, batch.events().size() - fresh);
    }

    @Override
    public synchronized void unreadable(String channel, String reason, byte[] document) {
        if (failWith != null) {
            throw failWith;
        }
        unreadable.add(new Unreadable(channel, reason, document));
    }

    synchronized int events() {
        return batches.stream().mapToInt(b -> b.events().size()).sum();
    }
}
