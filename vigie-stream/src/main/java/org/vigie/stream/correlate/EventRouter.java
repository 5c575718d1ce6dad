package org.vigie.stream.correlate;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.vigie.core.correlate.PartitionedCorrelation.Received;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.model.Event;

/**
 * Sends each event to the correlation partition that owns it, and a copy to each partition it lies within the
 * margin of, stamped with the time the event occurred: the correlation partitions' stream time is event time.
 * Stateless.
 */
final class EventRouter implements Processor<String, Event, Integer, Received> {
    private final Partitioner partitioner;
    private final CorrelationCounts counts;
    private ProcessorContext<Integer, Received> context;

    EventRouter(Partitioner partitioner, CorrelationCounts counts) {
        this.partitioner = partitioner;
        this.counts = counts;
    }

    @Override
    public void init(ProcessorContext<Integer, Received> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Event> record) {
        Event e = record.value();
        if (e == null) {
            return; // nothing deletes an event; a tombstone here carries nothing to correlate
        }
        Partitioner.Route route = partitioner.route(e);
        Record<Integer, Received> own = record.withKey(route.owner()).withValue(new Received(e, true))
                .withTimestamp(e.occurredAt().toEpochMilli());
        context.forward(own);
        for (int replica : route.replicas()) {
            context.forward(own.withKey(replica).withValue(new Received(e, false)));
        }
        counts.routed();
    }
}
