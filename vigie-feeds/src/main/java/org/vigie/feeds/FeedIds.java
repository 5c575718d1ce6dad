package org.vigie.feeds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;
import org.vigie.core.model.EventId;

/**
 * Deterministic ids for feed records, so that polling the same feed twice never stores an event twice: the id
 * is a UUIDv7 whose time is the record's and whose other bits come from a SHA-256 of the format, the source,
 * the record's own id and its version. A new version of a record (an updated CAP alert, an edited 311 request)
 * is a new event; the same version is the same event.
 */
public final class FeedIds {
    private FeedIds() {
    }

    /**
     * @param recordKey the record's id in its source plus whatever marks its version (e.g. CAP {@code identifier}
     *                  and {@code sent}, or a 311 request id and its {@code updated_datetime}); add a part index
     *                  when one record gives several events
     */
    public static EventId eventId(String format, String sourceId, String recordKey, Instant occurredAt) {
        ByteBuffer h = ByteBuffer.wrap(sha256(format, sourceId, recordKey));
        long millis = Math.max(0, occurredAt.toEpochMilli());
        return new EventId(EventId.Uuid7.make(millis, h.getShort(), h.getLong(8)));
    }

    /** The same bad record from the same channel is quarantined once, however often it is polled. */
    public static String quarantineId(String channel, String ref, String raw) {
        ByteBuffer h = ByteBuffer.wrap(sha256(channel, ref, raw));
        long msb = (h.getLong(0) & ~0xF000L) | 0x8000L; // version 8: custom (RFC 9562)
        long lsb = (h.getLong(8) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static byte[] sha256(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                md.update(ByteBuffer.allocate(4).putInt(b.length).array()); // length-prefixed: no ambiguity between parts
                md.update(b);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
