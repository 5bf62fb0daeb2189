package org.parley.distribution;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.parley.forum.ListAddress;
import org.parley.moderation.Tokens;

/**
 * What differs per recipient, computed at delivery from the copy's key alone (no lookup):
 * the VERP envelope sender that names the copy, and on list copies the RFC 8058 one-click
 * unsubscribe link.
 */
public final class Personalisation {
    private static final Duration BOUNCE_LIFETIME = Duration.ofDays(60);
    private static final Duration UNSUBSCRIBE_LIFETIME = Duration.ofDays(365);
    /** Mail the forum sends outside any list bounces to this pseudo-list's address. */
    public static final String FORUM = "parley";

    private final String domain;
    private final String baseUrl;
    private final Tokens tokens;
    private final Clock clock;

    public Personalisation(String domain, String baseUrl, Tokens tokens, Clock clock) {
        this.domain = domain;
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** {@code LIST-bounces+TOKEN@domain}: a bounce names the very copy it answers. */
    public String envelopeSender(Mailing mailing, CopyKey copy) {
        String token = tokens.issue(Tokens.Purpose.BOUNCE, copy.value(), clock.instant().plus(BOUNCE_LIFETIME));
        String list = mailing.list() == null || mailing.list().isEmpty() ? FORUM : mailing.list();
        return new ListAddress(list, ListAddress.Kind.BOUNCES, token).format(domain);
    }

    /** Header lines put before a list copy's own; empty for other mailings. */
    public byte[] headers(Mailing mailing, CopyKey copy) {
        if (mailing.kind() != MailingKind.LIST_COPY && mailing.kind() != MailingKind.DIGEST) {
            return new byte[0];
        }
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, copy.value(), clock.instant().plus(UNSUBSCRIBE_LIFETIME));
        String request = new ListAddress(mailing.list(), ListAddress.Kind.REQUEST, "").format(domain);
        String lines = "List-Unsubscribe: <" + baseUrl + "/unsubscribe/" + token + ">,\r\n <mailto:" + request
                + "?subject=leave>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
        return lines.getBytes(StandardCharsets.US_ASCII);
    }
}
