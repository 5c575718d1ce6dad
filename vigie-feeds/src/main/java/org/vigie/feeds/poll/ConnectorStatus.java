package org.vigie.feeds.poll;

import java.time.Instant;

/**
 * A connector as health checks and operators see it.
 *
 * @param state               {@code starting} (no poll finished yet), {@code ok}, {@code failing} or {@code stopped}
 * @param source              where it reads from, without credentials or query string
 * @param lastSuccess         the end of the last poll that succeeded (documents delivered or nothing new); null if none
 * @param newestEvent         the latest {@code occurredAt} among the events this connector has read; null if none
 * @param consecutiveFailures polls in a row that failed, 0 after a success
 * @param lastError           the latest failure, kept after a success so that flapping feeds can be diagnosed
 */
public record ConnectorStatus(String name, String format, String source, String state, Instant lastAttempt,
                              Instant lastSuccess, PollOutcome lastOutcome, Instant newestEvent,
                              int consecutiveFailures, String lastError, Instant lastErrorAt, Instant nextPollAt) {
}
