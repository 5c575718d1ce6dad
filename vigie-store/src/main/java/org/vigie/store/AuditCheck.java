package org.vigie.store;

import java.util.Optional;

/**
 * What verifying the audit chain found.
 *
 * @param checked    rows read, up to and including the first broken one
 * @param brokenSeq  the first row whose fields, hash or link to the row before do not match; empty when the whole
 *                   chain holds
 * @param problem    what is wrong with that row
 */
public record AuditCheck(long checked, Optional<Long> brokenSeq, String problem) {
    public boolean intact() {
        return brokenSeq.isEmpty();
    }
}
