package org.vigie.feeds.telecom;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.RejectedRecord;

/**
 * Operators' presence aggregates (CSV, {@link PresenceCsv}) in; {@code crowd_presence} events out. Counts feed one
 * {@link PresenceDetector} shared by every document of this format; a document's events are the departures of
 * the hours it completed (hours that end by the latest slot end it holds).
 *
 * <p>Thread-safe: documents are read one at a time.
 */
public final class TelecomFormat implements FeedFormat {
    public static final String NAME = "telecom";

    private final PresenceCsv csv;
    private final PresenceDetector detector;

    public TelecomFormat(PresenceCsv csv, PresenceDetector detector) {
        this.csv = Objects.requireNonNull(csv, "csv");
        this.detector = Objects.requireNonNull(detector, "detector");
        if (csv.minDevices() != detector.settings().minDevices()) {
            throw new IllegalArgumentException("the reader and the detector must suppress under the same k");
        }
    }

    /** The city's districts and any H3 cell as zones, k = 5, the default presence settings, hourly default slots. */
    public static TelecomFormat forCity(org.vigie.core.anomaly.DistrictZones districts) {
        var settings = PresenceSettings.defaults();
        return new TelecomFormat(new PresenceCsv(new PresenceZones(districts), settings.minDevices(),
                settings.timeZone(), java.time.Duration.ofHours(1)), new PresenceDetector(settings));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized FeedBatch parse(byte[] document, FeedContext context) {
        PresenceCsv.Reading r = read(document, context.lineOffset());
        var events = new ArrayList<Event>();
        for (PresenceDeparture d : feed(r)) {
            events.add(d.toEvent(NAME, context.sourceId(), context.receivedAt()));
        }
        return new FeedBatch((int) Math.min(Integer.MAX_VALUE, r.rows()), events, r.rejected());
    }

    /**
     * Reads a document without feeding the detector. A document that cannot be read at all comes back as one
     * rejected record without its text, rather than as a {@link FeedParseException}: the server would quarantine the
     * whole document, small counts included, and counts under k must never be kept.
     */
    public PresenceCsv.Reading read(byte[] document, int lineOffset) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            return unreadable("not UTF-8 text");
        }
        try {
            return csv.read(text, lineOffset);
        } catch (IllegalArgumentException e) {
            return unreadable(e.getMessage());
        }
    }

    private static PresenceCsv.Reading unreadable(String reason) {
        return new PresenceCsv.Reading(List.of(), 0, 0, List.of(new RejectedRecord("document", reason
                + " (the document is not kept: it may hold counts under k)", "")));
    }

    /** Feeds a reading's counts and closes the hours they completed. */
    public synchronized List<PresenceDeparture> feed(PresenceCsv.Reading r) {
        Instant latestEnd = null;
        for (PresenceCount c : r.counts()) {
            detector.observe(c);
            Instant end = c.slotStart().plus(c.slot());
            latestEnd = latestEnd == null || end.isAfter(latestEnd) ? end : latestEnd;
        }
        return latestEnd == null ? List.of() : detector.advanceTo(latestEnd);
    }

    public synchronized PresenceDetector.Stats stats() {
        return detector.stats();
    }
}
