package org.vigie.store;

import java.util.List;
import org.vigie.core.model.EventId;

/**
 * What one {@link Store#ingest} committed.
 *
 * @param stored events written now, in the order given; only these should go on to the correlator
 * @param duplicates events whose id the store already held (or that appeared twice in the batch): left as they were
 * @param quarantined rejected records written to the quarantine
 */
public record IngestReceipt(List<EventId> stored, List<EventId> duplicates, int quarantined) {
    public IngestReceipt {
        stored = List.copyOf(stored);
        duplicates = List.copyOf(duplicates);
    }
}
