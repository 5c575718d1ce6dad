package org.vigie.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An input record that could not become an event, kept with the reason so the integrator can fix the source.
 *
 * @param id UUID text
 * @param channel where it came from: {@code api}, {@code file:events.jsonl}, {@code simulator}
 * @param raw the record as received (possibly truncated by the caller); empty when there was nothing to keep
 */
public record QuarantinedRecord(String id, Instant receivedAt, String channel, String reason, String raw) {
    public QuarantinedRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        raw = raw == null ? "" : raw;
    }
}
