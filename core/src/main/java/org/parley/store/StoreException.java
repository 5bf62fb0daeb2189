package org.parley.store;

/** The store could not be opened or could not do what was asked; the message says why. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
