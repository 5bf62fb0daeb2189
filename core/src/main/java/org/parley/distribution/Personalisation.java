package org.parley.distribution;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.parley.model.CopyKey;
import org.parley.model.ListAddress;
import org.parley.model.Mailing;
import org.parley.model.MailingKind;
import org.parley.model.Tokens;

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

    /** The copies of one mailing: what all of them share is worked out here, once. */
    public Copies of(Mailing mailing) {
        String list = mailing.list() == null || mailing.list().isEmpty() ? FORUM : mailing.list();
        String bounces = new ListAddress(list, ListAddress.Kind.BOUNCES, "").format(domain);
        int at = bounces.lastIndexOf('@');
        boolean unsubscribable = mailing.kind() == MailingKind.LIST_COPY || mailing.kind() == MailingKind.DIGEST;
        byte[] before = new byte[0];
        byte[] after = new byte[0];
        if (unsubscribable) {
            String request = new ListAddress(mailing.list(), ListAddress.Kind.REQUEST, "").format(domain);
            before = ("List-Unsubscribe: <" + baseUrl + "/unsubscribe/").getBytes(StandardCharsets.UTF_8);
            after = (">,\r\n <mailto:" + request + "?subject=leave>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return new Copies(bounces.substring(0, at) + "+", bounces.substring(at), unsubscribable, before, after);
    }

    /**
     * Personalises the copies of one mailing. A copy costs two tokens and a few bytes
     * around them: thousands of copies of a mailing go out each second.
     */
    public final class Copies {
        private final String senderHead;
        private final String senderTail;
        private final boolean unsubscribable;
        private final byte[] linkHead;
        private final byte[] linkTail;

        private Copies(String senderHead, String senderTail, boolean unsubscribable, byte[] linkHead, byte[] linkTail) {
            this.senderHead = senderHead;
            this.senderTail = senderTail;
            this.unsubscribable = unsubscribable;
            this.linkHead = linkHead;
            this.linkTail = linkTail;
        }

        /** {@code LIST-bounces+TOKEN@domain}: a bounce names the very copy it answers. */
        public String envelopeSender(CopyKey copy) {
            return senderHead + tokens.issue(Tokens.Purpose.BOUNCE, copy.value(), clock.instant().plus(BOUNCE_LIFETIME))
                    + senderTail;
        }

        /** Header lines put before a list copy's own; empty for other mailings. */
        public byte[] headers(CopyKey copy) {
            if (!unsubscribable) {
                return linkHead;
            }
            String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, copy.value(),
                    clock.instant().plus(UNSUBSCRIBE_LIFETIME));
            byte[] lines = new byte[linkHead.length + token.length() + linkTail.length];
            System.arraycopy(linkHead, 0, lines, 0, linkHead.length);
            for (int i = 0; i < token.length(); i++) {
                lines[linkHead.length + i] = (byte) token.charAt(i); // a token is lower-case base32: ASCII
            }
            System.arraycopy(linkTail, 0, lines, linkHead.length + token.length(), linkTail.length);
            return lines;
        }
    }
}
