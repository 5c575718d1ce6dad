package org.vigie.app.sim;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;

/**
 * A deployment of Vigie that a {@link LoadRun} sends a city's events to and watches: the embedded platform
 * ({@link EmbeddedTarget}), or a cluster, where {@code send} would produce to the events topic and the changes
 * would be read from the incidents topic. What the run measures rests on four promises.
 */
public interface LoadTarget extends AutoCloseable {
    /**
     * Sends one batch and returns once the target has made it durable (committed to its store or its log): from
     * then on losing an event is the target's fault.
     *
     * @throws RuntimeException when the target refused the batch; none of it counts as acknowledged
     */
    void send(List<Event> batch);

    /**
     * Sets who is told of every incident change once it is visible (an operator or an API client could read it):
     * an event has reached an incident when it is in the {@link IncidentChange#addedEvents} of such a change.
     * Called before the first {@link #send}; the listener may be called on any thread, also while {@code send}
     * has not returned yet.
     */
    void onIncidentChange(Consumer<IncidentChange> listener);

    /** How many acknowledged events the target has not processed yet (the correlator's backlog, a consumer's lag). */
    long lag();

    /** Which of these events the target holds durably: at the end of a run, what it acknowledged and still has. */
    Set<EventId> storedAmong(Collection<EventId> ids);

    /** Stops what the target started; the events it acknowledged stay where it keeps them. */
    @Override
    void close();
}
