package org.parley.admin;

/** An administrative request that cannot be done; the message is one line for the user. */
public final class AdminException extends RuntimeException {
    private final ExitCode exitCode;

    public AdminException(String message, ExitCode exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode.code();
    }
}
