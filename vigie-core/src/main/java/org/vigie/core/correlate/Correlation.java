package org.vigie.core.correlate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Verdict;
import org.vigie.core.priority.Reliabilities;

/**
 * What the API and the console need of the correlator, wherever it runs: the operators' decisions on incidents
 * and a few health figures. Embedded, that is the in-process {@link Correlator}; at city scale, decisions travel
 * to the partition of the Kafka Streams correlator that owns the incident.
 */
public interface Correlation {
    /** See {@link Correlator#decide}: refused when the version is stale, the move illegal or the incident unknown. */
    CompletableFuture<Incident> decide(IncidentId id, long expectedVersion, IncidentStatus target, Verdict verdict);

    CompletableFuture<List<IncidentChange>> merge(MergeOrder order);

    CompletableFuture<List<IncidentChange>> split(SplitOrder order);

    /** What the verdicts taught about each kind of source and each source. */
    Reliabilities reliabilities();

    /** Work accepted but not yet correlated (events, or decisions in flight). */
    int queueDepth();

    int openIncidentCount();

    long eventsProcessed();

    long listenerFailures();

    boolean isRunning();
}
