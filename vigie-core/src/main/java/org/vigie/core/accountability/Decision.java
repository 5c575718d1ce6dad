package org.vigie.core.accountability;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.vigie.core.model.DismissalReason;

/**
 * What the operator decided about an alert, kept even after the incident is closed (closing replaces the
 * incident's verdict, so the status alone no longer says whether it was confirmed).
 *
 * @param reason the verdict's reason text; a dismissal's starts with a {@link DismissalReason} code
 */
public record Decision(boolean confirmed, Instant at, String reason) {
    public Decision {
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }

    /** The coded cause of a dismissal; empty for a confirmation or a dismissal without a code. */
    public Optional<DismissalReason> cause() {
        return confirmed ? Optional.empty() : DismissalReason.ofText(reason);
    }
}
