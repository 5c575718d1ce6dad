package org.vigie.feeds.gtfs;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedIds;
import org.vigie.feeds.RejectedRecord;

/** One GTFS-Realtime document being turned into events: what the mappers share, and what they give. */
final class Poll {
    final FeedContext context;
    /** The document's own time (its header), else when it was received. */
    final Instant feedTime;
    final GtfsFeed feed;
    final RealtimeSettings settings;
    final List<Event> events = new ArrayList<>();
    final List<RejectedRecord> rejected = new ArrayList<>();

    Poll(FeedContext context, Instant feedTime, GtfsFeed feed, RealtimeSettings settings) {
        this.context = context;
        this.feedTime = feedTime;
        this.feed = feed;
        this.settings = settings;
    }

    static String ref(int index, FeedEntity entity) {
        return "entity " + (index + 1) + (entity.hasId() ? " (id '" + entity.getId() + "')" : " (no id)");
    }

    void reject(int index, FeedEntity entity, String reason) {
        rejected.add(new RejectedRecord(ref(index, entity), reason, RealtimeText.raw(entity)));
    }

    /** A new event with its deterministic id; the caller adds place, severity and attributes. */
    Event.Builder event(String key, Instant occurredAt) {
        return Event.builder()
                .id(FeedIds.eventId(GtfsRealtimeFormat.NAME, context.sourceId(), key, occurredAt))
                .occurredAt(occurredAt)
                .receivedAt(context.receivedAt())
                .source(SourceKind.TRANSIT, context.sourceId())
                .type(EventType.TRANSIT_DISRUPTION);
    }

    /** Builds and keeps an event, or rejects the entity with the reason the event could not be built. */
    void emit(int index, FeedEntity entity, Supplier<Event> build) {
        try {
            events.add(build.get());
        } catch (IllegalArgumentException | DateTimeException e) {
            // InvalidEventException is an IllegalArgumentException: the event's own rules name what is wrong.
            reject(index, entity, "cannot become an event: " + e.getMessage());
        }
    }
}
