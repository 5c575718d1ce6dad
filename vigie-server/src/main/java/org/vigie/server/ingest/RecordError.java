package org.vigie.server.ingest;

/** One wrong field of one record in a batch; {@code index} is the record's position (0-based) in the batch. */
public record RecordError(int index, String field, String message) {
}
