package org.vigie.server.ingest;

import java.util.List;
import org.vigie.core.correlate.Correlator;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.store.IngestReceipt;
import org.vigie.store.QuarantinedRecord;
import org.vigie.store.Store;

/**
 * Where {@link IngestService} makes a validated batch durable and hands it on to correlation. Embedded, that is
 * the store's transaction followed by the in-process correlator ({@link #local}); at city scale, a Kafka topic
 * that the correlation and store services read. Either way, {@link #append} returns only once the batch can no
 * longer be lost.
 */
public interface EventLog {
    /**
     * Makes the events and the quarantined records durable and passes the new events on.
     *
     * @return which events were new and which were already known (a log that cannot tell reports none as known:
     *         its readers then drop repeats by id)
     */
    IngestReceipt append(List<Event> events, List<QuarantinedRecord> rejects);

    /** The embedded log: one store transaction, then the new events (each once) to the correlator. */
    static EventLog local(Store store, Correlator correlator) {
        return (events, rejects) -> {
            IngestReceipt receipt = store.ingest(events, rejects);
            var fresh = new java.util.HashSet<EventId>(receipt.stored());
            List<Event> toCorrelate = events.stream().filter(e -> fresh.remove(e.id())).toList();
            if (!toCorrelate.isEmpty()) {
                correlator.submit(toCorrelate);
            }
            return receipt;
        };
    }
}
