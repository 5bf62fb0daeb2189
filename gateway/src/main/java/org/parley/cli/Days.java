package org.parley.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;

/** Days as options take them (YYYY-MM-DD, UTC): a bad one is one line and a usage exit. */
final class Days {
    private Days() {
    }

    /** The start of the day. */
    static Instant start(String option, String text) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new AdminException(option + " takes a day as YYYY-MM-DD, not " + text, ExitCode.USAGE);
        }
    }

    /** The end of the day: the start of the next, so that a period "to" a day includes it. */
    static Instant end(String option, String text) {
        return start(option, text).plusSeconds(24 * 3600);
    }
}
