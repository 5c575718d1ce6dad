package org.vigie.core.correlate;

import java.util.List;

/**
 * Receives every change the correlator makes, in order, on the correlator's writer thread, after the change
 * is applied. A listener that is slow delays correlation: hand long work to another thread.
 */
@FunctionalInterface
public interface IncidentListener {
    void onChanges(List<IncidentChange> changes);
}
