package org.vigie.server.ingest;

import java.util.List;
import org.vigie.core.model.EventId;

/**
 * What happened to a batch: ids of the records stored (or already present), in input order with null for
 * rejected records, and the errors of the rejected ones. Everything here is durable when the result exists.
 */
public record IngestResult(int received, int accepted, int duplicates, List<EventId> ids, List<RecordError> errors) {
    public IngestResult {
        ids = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ids));
        errors = List.copyOf(errors);
    }

    public int rejected() {
        return (int) errors.stream().mapToInt(RecordError::index).distinct().count();
    }
}
