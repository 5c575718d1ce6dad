package org.vigie.core.accountability;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import org.vigie.core.model.IncidentId;

/**
 * Whether the evidence of an incident was opened by someone: the measure of whether what the detectors captured
 * was of use. The audit trail records each opening ({@code evidence.view}); the implementation reading it belongs
 * with the audit log. {@link #listed} answers from a list of incidents given by the caller.
 */
@FunctionalInterface
public interface EvidenceUse {
    boolean opened(IncidentId incident);

    /** Evidence known to have been opened for exactly these incidents. */
    static EvidenceUse listed(Collection<IncidentId> opened) {
        Set<IncidentId> set = Set.copyOf(opened);
        return set::contains;
    }

    /**
     * The answers for the alerts raised in {@code [from, to)}, read once: a source that looks openings up in a store
     * reads them for the whole period here rather than once per incident. Sources that already hold their answers
     * return themselves.
     */
    default EvidenceUse during(Instant from, Instant to) {
        return this;
    }

    /** Whether this source knows anything; the share of use is unknown (not 0) when it does not. */
    default boolean known() {
        return true;
    }

    /** Nothing is known to have been opened: every share of use is then 0, and says so by its count. */
    static EvidenceUse none() {
        return incident -> false;
    }

    /** No record of openings is available (no audit trail wired): the share of use is reported as unknown. */
    static EvidenceUse unknown() {
        return new EvidenceUse() {
            @Override
            public boolean opened(IncidentId incident) {
                return false;
            }

            @Override
            public boolean known() {
                return false;
            }
        };
    }
}
