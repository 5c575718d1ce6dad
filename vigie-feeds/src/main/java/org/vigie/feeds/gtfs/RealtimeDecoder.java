package org.vigie.feeds.gtfs;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedParseException;

/** Turns bytes into a GTFS-Realtime {@code FeedMessage}, or says clearly why they are not one. */
final class RealtimeDecoder {
    /** Later than any real feed time: a larger value is a corrupt field, not a date. */
    private static final long MAX_EPOCH_SECONDS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private RealtimeDecoder() {
    }

    static FeedMessage decode(byte[] document) throws FeedParseException {
        if (document.length == 0) {
            throw new FeedParseException("empty document: expected a GTFS-Realtime FeedMessage (binary protobuf)");
        }
        if (document.length > FeedFormat.MAX_DOCUMENT_BYTES) {
            throw new FeedParseException("document of " + document.length + " bytes; at most "
                    + FeedFormat.MAX_DOCUMENT_BYTES + " are read");
        }
        String looksLike = looksLike(document);
        FeedMessage message;
        try {
            // Partial: a required field missing in one entity must reject that entity, not the whole document.
            message = FeedMessage.parser().parsePartialFrom(document);
        } catch (InvalidProtocolBufferException e) {
            throw new FeedParseException("not a readable GTFS-Realtime FeedMessage (" + document.length + " bytes"
                    + looksLike + "): " + e.getMessage(), e);
        }
        if (!message.hasHeader()) {
            throw new FeedParseException("not a GTFS-Realtime FeedMessage (" + document.length + " bytes" + looksLike
                    + "): it has no header (field 1)");
        }
        if (!message.getHeader().hasGtfsRealtimeVersion()) {
            throw new FeedParseException("not a GTFS-Realtime FeedMessage (" + document.length + " bytes" + looksLike
                    + "): its header has no gtfs_realtime_version, which the reference requires");
        }
        return message;
    }

    /** A hint for the usual mistakes: the text format, JSON or XML sent where the binary encoding is expected. */
    private static String looksLike(byte[] d) {
        String start = new String(d, 0, Math.min(d.length, 16), StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("header") || start.startsWith("entity")) {
            return "; this looks like the protobuf text format, the binary encoding is expected";
        }
        if (start.startsWith("{") || start.startsWith("[")) {
            return "; this looks like JSON, the binary protobuf encoding is expected";
        }
        if (start.startsWith("<")) {
            return "; this looks like XML or HTML, the binary protobuf encoding is expected";
        }
        return "";
    }

    /** A POSIX time from a uint64 field, if it is one (0 is "not set" in practice; huge values are corrupt). */
    static Optional<Instant> time(long seconds) {
        return seconds > 0 && seconds <= MAX_EPOCH_SECONDS ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
    }
}
