package org.vigie.feeds.gtfs;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedParseException;

/**
 * GTFS-Realtime (binary protobuf {@code FeedMessage}): service alerts, vehicle positions and trip updates, read
 * against the city's static GTFS. Active alerts become {@code transit_disruption} events at the stations they
 * name; a vehicle standing still between stops far longer than usual and a trip far behind schedule become
 * events too ({@link RealtimeSettings}). Everything else in a document is normal operation and gives nothing.
 *
 * <p>The format keeps a little state per source across polls (where each vehicle stopped, when an open-ended
 * alert was first seen), so one instance should read all the documents of a source. Thread-safe.
 */
public final class GtfsRealtimeFormat implements FeedFormat {
    public static final String NAME = "gtfs-rt";
    /** State of records not seen for this long (in feed time) is dropped. */
    private static final Duration FORGET_SIGHTINGS = Duration.ofDays(1);

    private final GtfsFeed feed;
    private final RealtimeSettings settings;
    private final VehicleStillness stillness = new VehicleStillness();
    private final FirstSightings sightings = new FirstSightings();

    public GtfsRealtimeFormat(GtfsFeed feed, RealtimeSettings settings) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads the static feed (a {@code file:} URI of a zip or folder, or an http(s) URL fetched once) and returns the
     * format that reads realtime documents against it.
     *
     * @throws GtfsFeedException when the static feed cannot be used, naming what is wrong with it
     */
    public static GtfsRealtimeFormat read(URI staticFeed, Duration fetchTimeout, RealtimeSettings settings) {
        return new GtfsRealtimeFormat(GtfsFeedReader.read(staticFeed, fetchTimeout), settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    public GtfsFeed staticFeed() {
        return feed;
    }

    @Override
    public FeedBatch parse(byte[] document, FeedContext context) throws FeedParseException {
        FeedMessage message = RealtimeDecoder.decode(document);
        Instant feedTime = feedTime(message, context);
        var poll = new Poll(context, feedTime, feed, settings);
        for (int i = 0; i < message.getEntityCount(); i++) {
            FeedEntity e = message.getEntity(i);
            if (!e.isInitialized()) {
                poll.reject(i, e, "required field(s) missing: " + String.join(", ", e.findInitializationErrors()));
                continue;
            }
            if (e.getIsDeleted()) {
                continue; // an incremental feed withdrawing a record: nothing happened
            }
            if (e.hasAlert()) {
                AlertMapper.map(i, e, poll, sightings);
            }
            if (e.hasVehicle()) {
                VehiclePositionMapper.map(i, e, poll, stillness);
            }
            if (e.hasTripUpdate()) {
                TripUpdateMapper.map(i, e, poll, sightings);
            }
        }
        sightings.forgetBefore(context.sourceId(), feedTime.minus(FORGET_SIGHTINGS));
        stillness.forgetBefore(context.sourceId(), feedTime.minus(VehicleStillness.FORGET_AFTER));
        return new FeedBatch(message.getEntityCount(), poll.events, poll.rejected);
    }

    /**
     * Decodes a document and checks it against the static feed with the rules of the GTFS-Realtime validator,
     * without changing any state: for {@code vigie} commands and tests that compare with the validator.
     */
    public RealtimeReport check(byte[] document, Instant receivedAt) throws FeedParseException {
        return RealtimeChecks.check(RealtimeDecoder.decode(document), feed, receivedAt);
    }

    /**
     * The document's header time, which orders polls and dates what it says; when received if the header has
     * none. A header time ahead of reception is kept: events dated from it are then refused with the reason.
     */
    private static Instant feedTime(FeedMessage message, FeedContext context) {
        return message.getHeader().hasTimestamp()
                ? RealtimeDecoder.time(message.getHeader().getTimestamp()).orElse(context.receivedAt())
                : context.receivedAt();
    }
}
