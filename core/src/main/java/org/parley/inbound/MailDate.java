package org.parley.inbound;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Date header of the one shape nearly every client writes (RFC 5322 3.3: {@code Thu,
 * 3 Dec 2026 23:10:40 +0000}, with or without the day's name, the seconds or a comment after
 * the zone). Mime4j's lenient reading of the same value took 3 % of the routing thread; any
 * other shape (a zone's name, a two-digit year, a day's name that is not the date's) is left
 * to it, so what the two read alike is the only thing read here.
 */
final class MailDate {
    private static final Pattern USUAL = Pattern.compile("\\s*(?:([A-Za-z]{3}),\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+"
            + "(\\d{4})\\s+(\\d{2}):(\\d{2})(?::(\\d{2}))?\\s+([+-])(\\d{2})(\\d{2})\\s*(?:\\([^()]*\\)\\s*)?");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private MailDate() {
    }

    /** The instant of a Date value of the usual shape; empty when it has another, or names no real time. */
    static Optional<Instant> usual(String value) {
        Matcher m = USUAL.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(m.group(3).toLowerCase(Locale.ROOT));
        int zoneHours = Integer.parseInt(m.group(9));
        int zoneMinutes = Integer.parseInt(m.group(10));
        if (month % 3 != 0 || zoneHours > 18 || zoneMinutes > 59) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(4)), month / 3 + 1,
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : Integer.parseInt(m.group(7)));
            if (m.group(1) != null && !named(local.getDayOfWeek(), m.group(1))) {
                return Optional.empty();
            }
            int sign = m.group(8).equals("-") ? -1 : 1;
            return Optional.of(local.toInstant(ZoneOffset.ofHoursMinutes(sign * zoneHours, sign * zoneMinutes)));
        } catch (DateTimeException e) {
            return Optional.empty(); // 31 February, 25 o'clock: Mime4j says what such a date is
        }
    }

    private static boolean named(DayOfWeek day, String name) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name);
    }
}
