package org.vigie.feeds.poll;

import java.time.Duration;

/**
 * What one poll did.
 *
 * @param error      null when the poll succeeded; else what went wrong, for the operator
 * @param nextPollIn how long the connector waits before the next poll (the interval, or a back-off)
 */
public record PollReport(PollOutcome outcome, int documents, int events, int quarantined, String error,
                         Duration nextPollIn) {
}
