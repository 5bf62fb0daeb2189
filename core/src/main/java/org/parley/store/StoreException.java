package org.parley.store;

/**
 * The store could not be opened or could not do what was asked; the message says why and
 * what to do, and {@link #retryable()} whether trying again later can help.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public StoreException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether the cause may pass by itself (a server not up yet, a lock held by another process). */
    public boolean retryable() {
        return retryable;
    }
}
