package org.parley.relay;

/** The relay refused the connection set-up (TLS, AUTH): retrying later may help, as for any temporary failure. */
final class RelayException extends RuntimeException {
    RelayException(String message) {
        super(message);
    }
}
