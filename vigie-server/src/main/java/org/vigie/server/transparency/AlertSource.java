package org.vigie.server.transparency;

import java.time.Instant;
import java.util.List;
import org.vigie.core.accountability.Alert;
import org.vigie.store.Store;

/** Where accountability reads the alerts of a period: the store, or fixtures in tests. */
public interface AlertSource {
    /** Alerts raised in {@code [from, to)}. */
    List<Alert> alerts(Instant from, Instant to);

    /** Distinct feeds that reported in {@code [from, to)}. */
    int feedCount(Instant from, Instant to);

    static AlertSource of(Store store) {
        return new AlertSource() {
            @Override
            public List<Alert> alerts(Instant from, Instant to) {
                return store.accountability().alerts(from, to);
            }

            @Override
            public int feedCount(Instant from, Instant to) {
                return store.accountability().feedCount(from, to);
            }
        };
    }
}
