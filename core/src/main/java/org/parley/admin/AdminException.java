package org.parley.admin;

/** An administrative request that cannot be done; the message is one line for the user. */
public final class AdminException extends RuntimeException {
    /** sysexits.h: the input data was incorrect in some way. */
    public static final int DATA = 65;
    /** sysexits.h: a temporary failure; trying again may work. */
    public static final int TEMPORARY = 75;

    private final int exitCode;

    public AdminException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
