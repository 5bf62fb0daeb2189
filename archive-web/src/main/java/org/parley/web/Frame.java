package org.parley.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * What every page's frame needs: the reader's language and its direction, the page's title,
 * who is logged in (null on the pages before login) and the form token. Templates take their
 * words and dates from here, in the reader's language and time zone.
 */
record Frame(I18n i18n, String lang, String title, Viewer viewer, String csrf) {

    String t(String key, Object... args) {
        return i18n.t(lang, key, args);
    }

    String dir() {
        return I18n.rightToLeft(lang) ? "rtl" : "ltr";
    }

    boolean loggedIn() {
        return viewer != null;
    }

    private ZoneId zone() {
        return viewer == null ? ZoneId.of("UTC") : viewer.zone();
    }

    /** A date and time as the reader's language writes it, in their zone: "2 déc. 2026, 09:30". */
    String date(Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(lang)).withZone(zone()).format(at);
    }

    /** A date with seconds, for the audit log. */
    String dateTime(Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(Locale.forLanguageTag(lang)).withZone(zone()).format(at);
    }

    /** A size in the reader's words: "12 Ko", "12 КБ". */
    String size(long bytes) {
        return t("size.kilobytes", bytes / 1024 + 1);
    }
}
