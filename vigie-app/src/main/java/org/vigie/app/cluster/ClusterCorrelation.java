package org.vigie.app.cluster;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vigie.core.correlate.Correlation;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.MergeOrder;
import org.vigie.core.correlate.PartitionedCorrelation;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.correlate.RegroupingRefusedException;
import org.vigie.core.correlate.SplitOrder;
import org.vigie.core.model.Event;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.StaleVersionException;
import org.vigie.core.model.Verdict;
import org.vigie.core.priority.Reliabilities;
import org.vigie.server.api.ApiError;
import org.vigie.stream.Topics;
import org.vigie.store.Store;

/**
 * Operators' decisions in a city-scale deployment. The Kafka Streams correlator is the one writer of an incident:
 * a verdict computed here from the database is sent to the partition that owns the incident
 * ({@code vigie.commands}), which applies it if its copy is still at the version the operator saw and passes it
 * on to {@code vigie.incidents}; the store role then records it. The answer waits until the database holds the
 * outcome: the new version with the new status (done), or another change at that version (stale, 409), or
 * nothing within the timeout (503; the decision may still land, and a reload shows it).
 *
 * <p>The owner is the partition of the event that opened the incident (its id is derived from that event's),
 * routed by the same {@link Partitioner} settings as the correlator's.
 *
 * <p>Merging and splitting, which may span partitions, are refused for now in this mode (409, with the reason).
 */
public final class ClusterCorrelation implements Correlation, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    private final Store store;
    private final Producer<Integer, IncidentChange> producer;
    private final Topics.Topic<Integer, IncidentChange> commands;
    private final Partitioner partitioner;
    private final Reliabilities reliabilities;
    private final Duration timeout;
    private final ExecutorService waiting = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running = true;

    public ClusterCorrelation(Store store, Producer<Integer, IncidentChange> producer, Topics topics,
                              Partitioner partitioner, Reliabilities reliabilities, Duration timeout) {
        this.store = store;
        this.producer = producer;
        this.commands = topics.commands();
        this.partitioner = partitioner;
        this.reliabilities = reliabilities;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Incident> decide(IncidentId id, long expectedVersion, IncidentStatus target, Verdict verdict) {
        return CompletableFuture.supplyAsync(() -> {
            inFlight.incrementAndGet();
            try {
                Incident current = stored(id);
                if (current.version() != expectedVersion) {
                    throw new StaleVersionException(id, expectedVersion, current.version());
                }
                Incident next = current.transition(target, verdict);
                send(ownerOf(current), new IncidentChange(IncidentChange.Kind.STATUS_CHANGED, next, List.of(),
                        current.version()));
                Incident outcome = awaitVersion(id, next.version());
                if (outcome.version() != next.version() || outcome.status() != target) {
                    throw new StaleVersionException(id, expectedVersion, outcome.version());
                }
                if (Reliabilities.counts(outcome.status())) {
                    reliabilities.record(outcome);
                }
                return outcome;
            } finally {
                inFlight.decrementAndGet();
            }
        }, waiting);
    }

    @Override
    public CompletableFuture<List<IncidentChange>> merge(MergeOrder order) {
        return CompletableFuture.failedFuture(new RegroupingRefusedException(
                "merging incidents is not available in a city-scale deployment yet: the incidents may belong to "
                        + "different correlation partitions"));
    }

    @Override
    public CompletableFuture<List<IncidentChange>> split(SplitOrder order) {
        return CompletableFuture.failedFuture(new RegroupingRefusedException(
                "splitting an incident is not available in a city-scale deployment yet"));
    }

    private Incident stored(IncidentId id) {
        return store.incidents().find(id).orElseThrow(() -> new NoSuchElementException("no incident " + id));
    }

    /** The partition of the event that opened the incident; its place when that event is gone (retention). */
    int ownerOf(Incident incident) {
        List<Event> opening = store.events().findAll(List.of(PartitionedCorrelation.openingEventOf(incident.id())));
        return opening.isEmpty() ? partitioner.route(incident.location().lat(), incident.location().lon()).owner()
                : partitioner.route(opening.getFirst()).owner();
    }

    private void send(int partition, IncidentChange change) {
        try {
            producer.send(new ProducerRecord<>(commands.name(), partition, partition, change))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("Kafka did not take the decision: " + e.getMessage());
        }
    }

    /** The stored incident once it reached {@code version} (or passed it). */
    private Incident awaitVersion(IncidentId id, long version) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Incident> now = store.incidents().find(id);
            if (now.isPresent() && now.get().version() >= version) {
                return now.get();
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted");
            }
        }
        throw unavailable("the correlator did not confirm it within " + timeout.toSeconds()
                + " s; it may still be applied: reload the incident");
    }

    private static ApiError unavailable(String why) {
        return new ApiError(503, "correlator-unavailable", "the decision was not confirmed: " + why);
    }

    @Override
    public Reliabilities reliabilities() {
        return reliabilities;
    }

    @Override
    public int queueDepth() {
        return inFlight.get();
    }

    /** Open incidents live in the Kafka Streams correlator's partitions; this process holds none. */
    @Override
    public int openIncidentCount() {
        return 0;
    }

    @Override
    public long eventsProcessed() {
        return 0;
    }

    @Override
    public long listenerFailures() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        waiting.shutdown();
        try {
            waiting.awaitTermination(timeout.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
