package org.vigie.store;

/** The store cannot be opened, or holds data this version of Vigie cannot read. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
