package org.parley.inbound;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Date header of the shape nearly every client writes (RFC 5322 3.3: {@code Thu, 3 Dec
 * 2026 23:10:40 +0000}, with or without the day's name or the seconds, the zone as a number or
 * one of the names 4.3 keeps, a comment after it). Mime4j's lenient reading of the same value
 * took 3 % of the routing thread; any other shape (a two-digit year, a day's name that is not
 * the date's, a military zone) is left to it.
 */
final class MailDate {
    private static final Pattern USUAL = Pattern.compile("\\s*(?:([A-Za-z]{3}),\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+"
            + "(\\d{4})\\s+(\\d{2}):(\\d{2})(?::(\\d{2}))?\\s+(?:([+-])(\\d{2})(\\d{2})|([A-Za-z]{2,3}))\\s*"
            + "(?:\\([^()]*\\)\\s*)?");
    /** The zones RFC 5322 4.3 still reads by name, in hours east of Greenwich. */
    private static final Map<String, Integer> NAMED_ZONES = Map.of("UT", 0, "GMT", 0, "EST", -5, "EDT", -4, "CST", -6,
            "CDT", -5, "MST", -7, "MDT", -6, "PST", -8, "PDT", -7);
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    private MailDate() {
    }

    /** The instant of a Date value of the usual shape; empty when it has another, or names no real time. */
    static Optional<Instant> usual(String value) {
        Matcher m = USUAL.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(m.group(3).toLowerCase(Locale.ROOT));
        if (month < 0) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(4)), month + 1,
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : Integer.parseInt(m.group(7)));
            if (m.group(1) != null && !named(local.getDayOfWeek(), m.group(1))) {
                return Optional.empty();
            }
            return zone(m).map(local::toInstant);
        } catch (DateTimeException e) {
            return Optional.empty(); // 31 February, 25 o'clock, a zone of +2400: Mime4j says what such a date is
        }
    }

    /** The zone as written: a number of hours and minutes, or a name RFC 5322 still reads. */
    private static Optional<ZoneOffset> zone(Matcher m) {
        if (m.group(11) != null) {
            return Optional.ofNullable(NAMED_ZONES.get(m.group(11).toUpperCase(Locale.ROOT))).map(ZoneOffset::ofHours);
        }
        int sign = m.group(8).equals("-") ? -1 : 1;
        return Optional.of(ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(9)),
                sign * Integer.parseInt(m.group(10))));
    }

    private static boolean named(DayOfWeek day, String name) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name);
    }
}
