package org.vigie.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something that reports on itself in {@code GET /health}, under {@code checks.<name>} beside the store and the
 * correlator (feed connectors, for one). A contribution informs but does not decide: only the store and the
 * correlator make the process {@code down} (503), because a feed that fails upstream is no reason for an
 * orchestrator to restart Vigie.
 */
public interface HealthContribution {
    /** The key under {@code checks}; must not be {@code store} or {@code correlator}. */
    String name();

    /** An object with at least a {@code status}; called on every health request, so keep it cheap. */
    ObjectNode check();
}
