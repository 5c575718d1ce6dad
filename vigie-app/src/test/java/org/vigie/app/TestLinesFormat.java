package org.vigie.app;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedIds;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;

/**
 * A small format standing in for the real ones while testing the machinery they plug into: a header line
 * {@code #lines}, then {@code key,occurredAt,lat,lon,type} per record.
 */
final class TestLinesFormat implements FeedFormat {
    @Override
    public String name() {
        return "lines";
    }

    @Override
    public FeedBatch parse(byte[] document, FeedContext context) throws FeedParseException {
        String[] lines = new String(document, StandardCharsets.UTF_8).split("\n", -1);
        if (!lines[0].strip().equals("#lines")) {
            throw new FeedParseException("expected the header line #lines");
        }
        var events = new ArrayList<Event>();
        var rejected = new ArrayList<RejectedRecord>();
        int records = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            records++;
            String[] f = line.split(",");
            try {
                if (f.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields, got " + f.length);
                }
                Instant at = Instant.parse(f[1]);
                events.add(Event.builder().id(FeedIds.eventId(name(), context.sourceId(), f[0], at)).occurredAt(at)
                        .receivedAt(context.receivedAt()).source(SourceKind.CITIZEN, context.sourceId())
                        .type(EventType.getByJsonName(f[4])).location(Double.parseDouble(f[2]), Double.parseDouble(f[3]), 50)
                        .confidence(0.7).build());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rejected.add(new RejectedRecord("line " + (i + 1), e.getMessage(), line));
            }
        }
        return new FeedBatch(records, events, rejected);
    }
}
