package org.parley.distribution;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.parley.config.Settings;
import org.parley.dkim.DkimSigner;
import org.parley.model.CopyKey;
import org.parley.model.ListAddress;
import org.parley.model.Mailing;
import org.parley.model.MailingKind;
import org.parley.model.Tokens;

/**
 * What differs per recipient, computed at delivery from the copy's key alone (no lookup):
 * the VERP envelope sender that names the copy, and on list copies the RFC 8058 one-click
 * unsubscribe link; and the DKIM signatures, over what the copies share (worked out once
 * a mailing) and, where {@code parley.dkim.sign-unsubscribe} asks (by default for the
 * mailbox providers that offer one-click unsubscribe), each copy's own link.
 */
public final class Personalisation {
    private static final Duration BOUNCE_LIFETIME = Duration.ofDays(60);
    private static final Duration UNSUBSCRIBE_LIFETIME = Duration.ofDays(365);
    /** Mail the forum sends outside any list bounces to this pseudo-list's address. */
    public static final String FORUM = "parley";

    private static final List<String> LINK_FIELDS = List.of("List-Unsubscribe", "List-Unsubscribe-Post");

    private final String domain;
    private final String baseUrl;
    private final Tokens tokens;
    private final DkimSigner signer;
    private final Settings.LinkSigning linkSigning;
    private final Set<String> providers;
    private final Clock clock;

    public Personalisation(String domain, String baseUrl, Tokens tokens, DkimSigner signer,
                           Settings.LinkSigning linkSigning, Collection<String> providers, Clock clock) {
        this.domain = domain;
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.signer = signer;
        this.linkSigning = linkSigning;
        this.providers = Set.copyOf(providers);
        this.clock = clock;
    }

    public Personalisation(String domain, String baseUrl, Tokens tokens, Clock clock) {
        this(domain, baseUrl, tokens, DkimSigner.none(clock), Settings.LinkSigning.NEVER, List.of(), clock);
    }

    /** Whether a copy to this address gets a signature of its own that covers its unsubscribe link. */
    private boolean signsLinkFor(String recipient) {
        return switch (linkSigning) {
            case ALWAYS -> true;
            case NEVER -> false;
            case PROVIDERS -> providers.contains(recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
        };
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
        DkimSigner.Prepared signatures = signer.prepare(mailing.content(),
                unsubscribable && linkSigning != Settings.LinkSigning.NEVER ? LINK_FIELDS : List.of());
        return new Copies(bounces.substring(0, at) + "+", bounces.substring(at), unsubscribable, before, after,
                signatures);
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
        private final DkimSigner.Prepared signatures;

        private Copies(String senderHead, String senderTail, boolean unsubscribable, byte[] linkHead, byte[] linkTail,
                       DkimSigner.Prepared signatures) {
            this.senderHead = senderHead;
            this.senderTail = senderTail;
            this.unsubscribable = unsubscribable;
            this.linkHead = linkHead;
            this.linkTail = linkTail;
            this.signatures = signatures;
        }

        /** {@code LIST-bounces+TOKEN@domain}: a bounce names the very copy it answers. */
        public String envelopeSender(CopyKey copy) {
            return senderHead + tokens.issue(Tokens.Purpose.BOUNCE, copy.value(), clock.instant().plus(BOUNCE_LIFETIME))
                    + senderTail;
        }

        /**
         * Header lines put before the mailing's own: its signatures (one made for this copy
         * where its link is signed, else the mailing's), and on list copies the unsubscribe link.
         */
        public byte[] headers(CopyKey copy, String recipient) {
            byte[] links = links(copy);
            byte[] signed = unsubscribable && signsLinkFor(recipient) ? signatures.sign(links) : signatures.shared();
            if (signed.length == 0) {
                return links;
            }
            byte[] lines = new byte[signed.length + links.length];
            System.arraycopy(signed, 0, lines, 0, signed.length);
            System.arraycopy(links, 0, lines, signed.length, links.length);
            return lines;
        }

        private byte[] links(CopyKey copy) {
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
