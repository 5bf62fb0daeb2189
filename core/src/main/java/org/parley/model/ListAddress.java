package org.parley.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The local part of a forum address, read as DESIGN.md's address table says:
 * {@code LIST}, {@code LIST-request}, {@code LIST-owner}, {@code LIST-moderation+TOKEN},
 * {@code LIST-bounces+TOKEN}.
 */
public record ListAddress(String list, Kind kind, String token) {

    /** What an address of a list is for. */
    public enum Kind {
        POST(""), REQUEST("-request"), OWNER("-owner"), MODERATION("-moderation"), BOUNCES("-bounces");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    public ListAddress {
        token = token == null ? "" : token;
    }

    /** Reads a full address ({@code local@domain}); empty when it is not in the forum's domain. */
    public static Optional<ListAddress> parse(String address, String domain) {
        String lower = address.trim().toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at <= 0 || !lower.substring(at + 1).equals(domain)) {
            return Optional.empty();
        }
        String local = lower.substring(0, at);
        String token = "";
        int plus = local.indexOf('+');
        if (plus >= 0) {
            token = local.substring(plus + 1);
            local = local.substring(0, plus);
        }
        for (Kind kind : Kind.values()) {
            if (!kind.suffix.isEmpty() && local.endsWith(kind.suffix) && local.length() > kind.suffix.length()) {
                return Optional.of(new ListAddress(local.substring(0, local.length() - kind.suffix.length()), kind, token));
            }
        }
        return Optional.of(new ListAddress(local, Kind.POST, token));
    }

    /** Writes the address back out, with its token if it has one. */
    public String format(String domain) {
        return list + kind.suffix + (token.isEmpty() ? "" : "+" + token) + "@" + domain;
    }
}
