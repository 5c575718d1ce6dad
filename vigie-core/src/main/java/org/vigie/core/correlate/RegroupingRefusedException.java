package org.vigie.core.correlate;

/**
 * A merge or split that the incidents as they are now do not allow (an incident closed, an event that is not a
 * member, nothing left behind). Nothing was changed.
 */
public final class RegroupingRefusedException extends RuntimeException {
    public RegroupingRefusedException(String message) {
        super(message);
    }
}
