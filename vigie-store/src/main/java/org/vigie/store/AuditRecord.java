package org.vigie.store;

import java.time.Instant;

/**
 * One row of the audit log as stored.
 *
 * @param prevHash the hash of the row before, 64 zeros for the first row
 * @param hash     SHA-256 (hex) over the canonical encoding of every other field (see {@link AuditRepository#hash})
 */
public record AuditRecord(long seq, Instant at, String actor, String role, String action, String target, String detail,
                          String prevHash, String hash) {
}
