package org.parley.admin;

/**
 * The one list of the command line's exit codes: 2 for a usage error, as Picocli has it,
 * then those of sysexits.h, so scripts and service managers can tell a typo from an outage.
 */
public enum ExitCode {
    OK(0),
    /** The command line was wrong: an unknown option, a missing argument, a bad setting. */
    USAGE(2),
    /** The input data was wrong: an unknown member, a malformed file, a decided message. */
    DATA(65),
    /** A service needed is not there. */
    UNAVAILABLE(69),
    /** A bug: the message says what, {@code --verbose} shows where. */
    INTERNAL(70),
    /** A temporary failure: a busy port, a locked store; trying again may work. */
    TEMPORARY(75);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
